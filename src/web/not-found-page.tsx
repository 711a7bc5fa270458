// An unknown indicator or figure: a 404 page in the reader's language listing the indicators
// there are, so the reader is one click from what they looked for.
import type { Indicator } from '../domain/types.js';
import { Layout } from './layout.js';
import { href, type PageContext } from './page-context.js';

export interface NotFoundPageProps {
  readonly page: PageContext;
  readonly indicators: readonly Indicator[];
  /** Why a page that exists cannot be shown (a bad `?cursor=`); absent: the page does not exist. */
  readonly message?: string;
}

export function NotFoundPage({ page, indicators, message }: NotFoundPageProps) {
  const { t, locale } = page;
  const title = message === undefined ? t.web.notFoundTitle : t.web.cannotShowTitle;
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{message ?? t.web.notFoundText}</p>
      <h2>{t.web.indicatorsTitle}</h2>
      <ul class="links">
        {indicators.map((indicator) => (
          <li>
            <a href={href(page, `/indicators/${indicator.slug}`)}>{indicator.name[locale]}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
