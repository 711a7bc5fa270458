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
