// Telegram HTML parse mode: the only escaping it needs. Every string that reaches a message —
// translated text, source names, notes, URLs — goes through here, so data can never become markup.

/** Escapes &, <, > and " (the last for href attributes; harmless in text). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** True for URLs Telegram accepts as a link target; anything else is shown as text. */
export function isLinkable(url: string): boolean {
  return /^(https?|tg):\/\//i.test(url);
}
