// Citation and homepage URLs: absolute http(s) only, so a link can never run script or open a file.
import { DomainError } from './errors.js';
import { assertSafeText } from './safe-text.js';

/** The longest link kept: beyond it no chat message could show the link with its figure. */
export const MAX_URL_LENGTH = 2000;

/**
 * The link, trimmed; throws DomainError('invalid_url') whose `reason` says what is wrong, so the
 * message names the real problem: `too_long` (with `max`), else `not_http` for anything that is no
 * absolute http(s) address. `field` names it in the refusal of unsafe text.
 */
export function assertHttpUrl(input: string, field = 'url'): string {
  const text = assertSafeText(field, input.trim());
  // First: a long https:// link is refused for its length, not as "use https://".
  if (text.length > MAX_URL_LENGTH) throw new DomainError('invalid_url', { input, reason: 'too_long', max: MAX_URL_LENGTH, length: text.length });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError('invalid_url', { input, reason: 'not_http' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new DomainError('invalid_url', { input, reason: 'not_http' });
  }
  return text;
}

/** `https://www.example.org/a?b` → `example.org`: short link text for a citation (chat replies, web pages). */
export function linkLabel(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || url;
  } catch {
    return url;
  }
}
