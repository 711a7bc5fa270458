// The frame of every page: <html lang>, the stylesheet and icon served by cifras, the site header
// with the language switch (same page, other language), the main content and the footer. No
// script: every page is complete as HTML.
import type { Child } from 'hono/jsx';
import { ICON, STYLESHEET } from './assets.js';
import { href, otherLocale, switchHref, type PageContext } from './page-context.js';

export interface LayoutProps {
  readonly page: PageContext;
  readonly title: string;
  readonly description?: string;
  /** The Atom feed of what the page shows, for feed readers to discover. */
  readonly feedPath?: string;
  readonly children: Child;
}

export function Layout({ page, title, description, feedPath, children }: LayoutProps) {
  const { t, locale } = page;
  const other = otherLocale(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === t.web.siteTitle ? title : `${title} · ${t.web.siteTitle}`}</title>
        {description === undefined ? null : <meta name="description" content={description} />}
        <link rel="stylesheet" href={STYLESHEET.path} />
        <link rel="icon" href={ICON.path} type="image/svg+xml" />
        <link rel="alternate" hreflang={other} href={switchHref(page, other)} />
        {feedPath === undefined ? null : <link rel="alternate" type="application/atom+xml" title={title} href={href(page, feedPath)} />}
      </head>
      <body>
        <a class="skip" href="#main">{t.web.skipToContent}</a>
        <header class="site">
          <div class="bar">
            <a class="brand" href={href(page, '/')}>{t.web.siteTitle}</a>
            <nav aria-label={t.web.languageLabel}>
              <a href={switchHref(page, other)} hreflang={other} lang={other}>{t.web.otherLanguage}</a>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer class="site">
          <div class="bar">
            <p>{t.web.tagline}</p>
            <p>
              <a href={href(page, '/feeds/all.atom')}>{t.web.allFeed}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
