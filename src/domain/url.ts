// Citation and homepage URLs: absolute http(s) only, so a link can never run script or open a file.
import { DomainError } from './errors.js';
import { assertSafeText } from './safe-text.js';

/** The URL as given (trimmed) if it is an absolute http(s) one; `field` names it in the refusal of unsafe text. */
export function assertHttpUrl(input: string, field = 'url'): string {
  const text = assertSafeText(field, input.trim());
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError('invalid_url', { input });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || text.length > 2000) {
    throw new DomainError('invalid_url', { input });
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
