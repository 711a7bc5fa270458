// Discord markdown from the reply model's spans. Every string that came from data (names, notes,
// what an admin or a source typed) is escaped, so `**x**`, `[a](b)`, `# heading` or `<@123>` show
// as typed; only the structure the reply declares (strong, em, code, link) becomes markup.
import { escapeMarkdown } from 'discord.js';
import type { Span } from '../../core/reply.js';
import { linkLabel } from '../../domain/url.js';

/** Every character escapeMarkdown or the extra escapes below act on, and numbered-list starts. */
const MAY_BE_MARKUP = /[`*_~|#\-[\]()<>\\]|\d\./;

/** `text` as literal Discord text: markdown, masked links, headings, lists, quotes and mention syntax escaped. */
export function escapeDiscord(text: string): string {
  // Most data (names, numbers, dates) holds nothing markdown could read: skip the many passes.
  if (!MAY_BE_MARKUP.test(text)) return text;
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true });
  return escaped
    .replace(/[<[\]]/g, (c) => `\\${c}`) // mentions, timestamps and emoji (<@1>, <t:1>) and link brackets
    .replace(/^>/gm, '\\>'); // block quotes
}

/**
 * A URL safe inside `(…)` of a masked link: characters that would end the link or break the
 * markdown are percent-encoded. Anything but http(s) is refused (undefined): no `javascript:`.
 */
export function linkTarget(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[()<>\s"[\]\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)`, or the escaped text alone when the URL cannot be linked. */
export function maskedLink(text: string, url: string): string {
  const target = linkTarget(url);
  return target === undefined ? escapeDiscord(text) : `[${escapeDiscord(text)}](${target})`;
}

export { linkLabel };

export function spanMarkdown(span: Span): string {
  if (span.link !== undefined) return maskedLink(span.link === span.text ? linkLabel(span.link) : span.text, span.link);
  if (span.style === 'code') return span.text === '' ? '' : `\`${span.text.replace(/`/g, 'ˋ')}\``;
  const text = escapeDiscord(span.text);
  if (text.trim() === '') return text;
  if (span.style === 'strong') return `**${text}**`;
  if (span.style === 'em') return `*${text}*`;
  return text;
}

export function spansMarkdown(spans: readonly Span[]): string {
  return spans.map(spanMarkdown).join('');
}
