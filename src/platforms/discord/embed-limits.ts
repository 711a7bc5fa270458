// Discord's embed limits, and clipping that keeps a message within them: a reply that would be
// rejected with a 400 is worse than one cut short with an ellipsis.
import type { APIEmbed } from 'discord-api-types/v10';

export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  embeds: 10,
  /** Title, description, field names and values, footer and author of every embed together. */
  total: 6000,
} as const;

/** `text` cut to `max` characters (an ellipsis marks the cut), preferring a line boundary. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  const cut = text.slice(0, max - 1);
  const lastLine = cut.lastIndexOf('\n');
  // A line boundary only when it keeps most of the text; otherwise cut mid-line.
  const kept = lastLine > max / 2 ? cut.slice(0, lastLine + 1) : cut;
  // Never leave a lone backslash escaping the ellipsis.
  return `${kept.replace(/\\+$/, (s) => (s.length % 2 === 1 ? s.slice(1) : s))}…`;
}

/** Splits long text into pieces of at most `max` characters at line boundaries where it can. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const boundary = rest.lastIndexOf('\n', max);
    const at = boundary > 0 ? boundary : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/**
 * Applies every per-field limit, then the message-wide ones: at most 10 embeds and 6000
 * characters in all; text past the budget is clipped and embeds with no room left dropped.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  let budget: number = EMBED_LIMITS.total;
  const take = (text: string, max: number): string => {
    const kept = clip(text, Math.min(max, budget));
    budget -= kept.length;
    return kept;
  };
  const fitted: APIEmbed[] = [];
  for (const embed of embeds.slice(0, EMBED_LIMITS.embeds)) {
    if (budget <= 0) break;
    const result: APIEmbed = { ...embed };
    if (embed.title !== undefined) result.title = take(embed.title, EMBED_LIMITS.title);
    if (embed.description !== undefined) result.description = take(embed.description, EMBED_LIMITS.description);
    if (embed.fields !== undefined) {
      result.fields = embed.fields
        .slice(0, EMBED_LIMITS.fields)
        .filter(() => budget > 2)
        .map((field) => ({ ...field, name: take(field.name, EMBED_LIMITS.fieldName), value: take(field.value, EMBED_LIMITS.fieldValue) }));
    }
    fitted.push(result);
  }
  return fitted;
}

/** The characters an embed counts against the message's 6,000. */
export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** What a reply renders to before it is cut into messages: text (paragraphs) or an embed of its own. */
export type EmbedPiece = { readonly text: string } | { readonly embed: APIEmbed };

/**
 * The embeds of a long reply in as many messages as Discord's limits force, in order, nothing
 * clipped but a single line or embed too long for any message: each message at most 10 embeds and
 * 6,000 characters, each description at most 4,096. Text fills a description line by line, then
 * the next embed of the same message while the message has room, then the next message.
 */
export function packMessages(pieces: readonly EmbedPiece[], textColor: number): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  let lines: string[] = [];
  let length = 0;
  const closeEmbed = () => {
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    if (lines.length > 0) current.push({ description: lines.join('\n'), color: textColor });
    lines = [];
    length = 0;
  };
  const nextMessage = () => {
    closeEmbed();
    if (current.length > 0) messages.push(current);
    current = [];
    used = 0;
  };
  const addLine = (line: string) => {
    if (lines.length === 0 && line === '') return;
    const added = lines.length === 0 ? line.length : line.length + 1;
    if (lines.length > 0 && length + added <= EMBED_LIMITS.description && used + added <= EMBED_LIMITS.total) {
      lines.push(line);
      length += added;
      used += added;
      return;
    }
    closeEmbed();
    if (line === '') return;
    if (current.length >= EMBED_LIMITS.embeds || used + line.length > EMBED_LIMITS.total) nextMessage();
    lines = [line];
    length = line.length;
    used += line.length;
  };
  for (const piece of pieces) {
    if ('text' in piece) {
      // A line longer than a description (never in a notification or digest) is cut where it must be.
      for (const line of piece.text.split('\n')) for (const part of line === '' ? [''] : splitText(line, EMBED_LIMITS.description)) addLine(part);
      continue;
    }
    closeEmbed();
    const [embed] = fitEmbeds([piece.embed]);
    if (embed === undefined) continue;
    if (current.length >= EMBED_LIMITS.embeds || used + embedSize(embed) > EMBED_LIMITS.total) nextMessage();
    current.push(embed);
    used += embedSize(embed);
  }
  nextMessage();
  return messages;
}
