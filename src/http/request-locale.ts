// The language of display texts in API answers: `?lang=es|en`, else the server's DEFAULT_LOCALE.
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.js';
import { LOCALES, type Locale } from '../domain/types.js';

export function requestLocale(c: Context, defaultLocale: Locale): Locale {
  const lang = c.req.query('lang');
  if (lang === undefined) return defaultLocale;
  const locale = LOCALES.find((l) => l === lang);
  if (locale === undefined) throw new DomainError('invalid_field', { field: 'lang', input: lang, accepted: LOCALES });
  return locale;
}
