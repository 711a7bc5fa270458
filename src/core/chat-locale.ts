// The rule that picks a reply's language: the invocation's explicit choice, else the chat's
// setting (/lang), else the user's platform language, else the configured default.
import { getChatLocale } from '../domain/chats.js';
import type { DbOrTrx } from '../domain/db.js';
import { UNCACHED, type CacheView } from '../domain/read-cache.js';
import { LOCALES, type Locale } from '../domain/types.js';
import type { Invocation } from './invocation.js';

export { getChatLocale, setChatLocale } from '../domain/chats.js';

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** `es`, `es-419`, `es_ES` → es; `en-GB` → en; anything else → undefined. */
export function localeFromLanguageCode(code: string | undefined): Locale | undefined {
  const primary = code?.toLowerCase().split(/[-_]/)[0];
  return primary !== undefined && isLocale(primary) ? primary : undefined;
}

/** The language a reply to this invocation is written in. */
export async function resolveLocale(db: DbOrTrx, invocation: Invocation, defaultLocale: Locale, cache: CacheView = UNCACHED): Promise<Locale> {
  if (invocation.locale !== undefined) return invocation.locale;
  const chatLocale = await getChatLocale(db, invocation.platform, invocation.chat.id, cache);
  return chatLocale ?? localeFromLanguageCode(invocation.user.languageCode) ?? defaultLocale;
}
