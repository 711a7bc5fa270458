// GET / — every indicator by name in the reader's language, each with its sources' latest figures
// side by side, the spread and a small chart, and a link to its page.
import type { Figure, IndicatorSummary } from '../domain/types.js';
import { Sparkline } from './chart-slot.js';
import { LatestTable } from './latest-table.js';
import { Layout } from './layout.js';
import { href, type PageContext } from './page-context.js';

export interface HomePageProps {
  readonly page: PageContext;
  readonly summaries: readonly IndicatorSummary[];
  /** Each indicator's newest figures, for its sparkline, by slug. */
  readonly recent: ReadonlyMap<string, readonly Figure[]>;
}

export function HomePage({ page, summaries, recent }: HomePageProps) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t.web.siteTitle} description={t.web.tagline} feedPath="/feeds/all.atom">
      <h1>{t.count.allTitle}</h1>
      <p class="lede">{t.web.tagline}</p>
      {summaries.length === 0 ? <p class="empty">{t.count.noIndicators}</p> : null}
      {summaries.map((summary) => {
        const { indicator } = summary;
        return (
          <section class="indicator" aria-labelledby={`i-${indicator.slug}`}>
            <h2 id={`i-${indicator.slug}`}>
              <a href={href(page, `/indicators/${indicator.slug}`)}>{indicator.name[locale]}</a>
            </h2>
            <p class="lede">{indicator.description[locale]}</p>
            <LatestTable page={page} summary={summary} />
            <Sparkline page={page} indicator={indicator} figures={recent.get(indicator.slug) ?? []} />
            <p class="more">
              <a href={href(page, `/indicators/${indicator.slug}`)}>{t.web.seeIndicator(indicator.name[locale])}</a>
            </p>
          </section>
        );
      })}
    </Layout>
  );
}
