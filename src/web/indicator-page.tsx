// GET /indicators/:slug — one indicator: its sources' latest figures side by side, the history
// chart, where to get the data (CSV, JSON, Atom) and how to follow it in a chat, then its whole
// history a page at a time (older pages through `?cursor=`).
import type { Figure, IndicatorSummary } from '../domain/types.js';
import { HistoryChart } from './chart-slot.js';
import { HistoryList } from './history-list.js';
import { LatestTable } from './latest-table.js';
import { Layout } from './layout.js';
import { href, type PageContext } from './page-context.js';

export interface IndicatorPageProps {
  readonly page: PageContext;
  readonly summary: IndicatorSummary;
  readonly history: { readonly figures: readonly Figure[]; readonly next: string | null };
  /** This page is an older one (reached through a cursor): offer the way back to the newest. */
  readonly paged: boolean;
}

export function IndicatorPage({ page, summary, history, paged }: IndicatorPageProps) {
  const { t, locale } = page;
  const { indicator } = summary;
  const api = `/api/v1/indicators/${indicator.slug}`;
  const feedPath = `/indicators/${indicator.slug}/feed.atom`;
  return (
    <Layout page={page} title={indicator.name[locale]} description={indicator.description[locale]} feedPath={feedPath}>
      <h1>{indicator.name[locale]}</h1>
      <p class="lede">{indicator.description[locale]}</p>
      <LatestTable page={page} summary={summary} />
      <HistoryChart page={page} indicator={indicator} />
      <section aria-labelledby="downloads">
        <h2 id="downloads">{t.web.downloads}</h2>
        <ul class="links">
          <li>
            <a href={href(page, `${api}/figures`, { format: 'csv' })}>{t.web.csv}</a>
          </li>
          <li>
            <a href={href(page, `${api}/figures`)}>{t.web.json}</a>
          </li>
          <li>
            <a href={href(page, feedPath)}>{t.web.atom}</a>
          </li>
        </ul>
      </section>
      <Follow page={page} />
      <section aria-labelledby="history">
        <h2 id="history">{t.web.historyTitle}</h2>
        <HistoryList page={page} figures={history.figures} />
        <nav class="pager" aria-label={t.web.historyTitle}>
          {paged ? <a href={href(page, `/indicators/${indicator.slug}`)}>{t.web.newestFigures}</a> : null}
          {history.next === null ? null : (
            <a href={href(page, `/indicators/${indicator.slug}`, { cursor: history.next })} rel="next">
              {t.web.olderFigures}
            </a>
          )}
        </nav>
      </section>
    </Layout>
  );
}

/** The bot on Telegram (once its username is known) and on Discord (with an invite link), else the feed. */
function Follow({ page }: { page: PageContext }) {
  const { t } = page;
  const telegram = page.telegramUsername === null ? null : `https://t.me/${encodeURIComponent(page.telegramUsername)}`;
  return (
    <section aria-labelledby="follow">
      <h2 id="follow">{t.web.follow}</h2>
      <ul class="links">
        {telegram === null ? null : (
          <li>
            <a href={telegram}>{t.web.followTelegram}</a> (@{page.telegramUsername})
          </li>
        )}
        {page.discordInviteUrl === null ? null : (
          <li>
            <a href={page.discordInviteUrl}>{t.web.followDiscord}</a>
          </li>
        )}
        <li>{t.web.followNone}</li>
      </ul>
    </section>
  );
}
