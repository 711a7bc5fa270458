// The language of display texts and error messages in API answers: `?lang=es|en`, else the
// client's `Accept-Language` (the HTTP counterpart of a chat user's platform language), else the
// server's DEFAULT_LOCALE — the same order DESIGN gives for chat replies.
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.js';
import { LOCALES, type Locale } from '../domain/types.js';

/** The request's language; an unsupported `?lang=` is refused (invalid_field) rather than ignored. */
export function requestLocale(c: Context, defaultLocale: Locale): Locale {
  const lang = c.req.query('lang');
  if (lang === undefined) return headerLocale(c, defaultLocale);
  const locale = LOCALES.find((l) => l === lang);
  if (locale === undefined) throw new DomainError('invalid_field', { field: 'lang', input: lang, accepted: LOCALES });
  return locale;
}

/**
 * The language to explain an error in: as requestLocale, but never throws, since the error may be
 * the `?lang=` itself (then the header or the default explains it).
 */
export function errorLocale(c: Context, defaultLocale: Locale): Locale {
  const lang = c.req.query('lang');
  return LOCALES.find((l) => l === lang) ?? headerLocale(c, defaultLocale);
}

/** Requests whose answer already says `Vary: Accept-Language` (said once, however often read). */
const varied = new WeakSet<Context>();

/** Answers vary with the header once it is read, so a shared cache must key on it. */
function headerLocale(c: Context, defaultLocale: Locale): Locale {
  if (!varied.has(c)) {
    varied.add(c);
    c.header('Vary', 'Accept-Language', { append: true });
  }
  return acceptedLocale(c.req.header('Accept-Language'), defaultLocale);
}

/**
 * The supported language the client prefers most (RFC 9110 §12.5.4: by q-value, ties in the
 * order listed; `es-VE` counts as `es`; `q=0` means "not this"). `*` or nothing supported: the
 * default.
 */
export function acceptedLocale(header: string | undefined, defaultLocale: Locale): Locale {
  let best: { locale: Locale; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim());
    const primary = range.toLowerCase().split('-')[0];
    const locale = LOCALES.find((l) => l === primary);
    if (locale === undefined) continue;
    const qParam = params.find((p) => /^q\s*=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.replace(/^q\s*=\s*/i, ''));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === undefined || q > best.q) best = { locale, q };
  }
  return best?.locale ?? defaultLocale;
}
