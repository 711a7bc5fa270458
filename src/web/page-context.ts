// What every page is rendered with: the reader's language, its catalog, and how to link to the
// pages again. A language the reader picked with `?lang=` (the switch) is carried on every link,
// so it sticks while they browse; one that came from Accept-Language or the default needs no
// parameter and the links stay clean.
import type { Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import type { Messages } from '../i18n/messages.js';

export interface PageContext {
  readonly locale: Locale;
  readonly t: Messages;
  /** The language came from `?lang=`: links carry it. */
  readonly explicitLang: boolean;
  /** The page's own path and query, for the language switch (which keeps the page). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** CIFRAS_TIMEZONE: recorded times are shown in it, the zone named. */
  readonly timeZone: string;
  /** Where the site is reached, for absolute links (feeds): PUBLIC_URL, else the request's origin. */
  readonly origin: string;
  /** `t.me/<username>` when Telegram is on and getMe has answered; null otherwise. */
  readonly telegramUsername: string | null;
  readonly discordInviteUrl: string | null;
}

export function pageContext(init: Omit<PageContext, 't'>): PageContext {
  return { ...init, t: messagesFor(init.locale) };
}

/** A link to one of cifras' own pages or files, in the reader's language when they chose it. */
export function href(page: PageContext, path: string, params: Readonly<Record<string, string | undefined>> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  if (page.explicitLang && !query.has('lang')) query.set('lang', page.locale);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** The same page in `locale`: the path and every parameter kept, the language replaced. */
export function switchHref(page: PageContext, locale: Locale): string {
  return href(page, page.path, { ...page.query, lang: locale });
}

/** The other language than the page's (two languages: the switch offers the one not shown). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'es' ? 'en' : 'es';
}
