// Each source's latest figure side by side (the page form of the /count answer): value, as-of date
// (and period for flows), citation link and permalink, with the stale and corrected markers, and
// the spread below. The texts come from the same summary block the chat replies are made from.
import { summaryBlock } from '../core/summary-block.js';
import type { IndicatorSummary } from '../domain/types.js';
import { linkLabel } from '../domain/url.js';
import { href, type PageContext } from './page-context.js';

export function LatestTable({ page, summary }: { page: PageContext; summary: IndicatorSummary }) {
  const { t, locale } = page;
  const block = summaryBlock(summary, locale, t);
  if (block.lines.length === 0) return <p class="empty">{t.summary.empty}</p>;
  return (
    <>
      <div class="table-box">
        <table class="latest">
          <caption>{t.web.latestTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.web.source}</th>
              <th scope="col">{t.web.value}</th>
              <th scope="col">{t.web.asOf}</th>
              <th scope="col">{t.web.link}</th>
            </tr>
          </thead>
          <tbody>
            {block.lines.map((line, i) => {
              const latest = summary.latest[i]!;
              const corrected = latest.figure.revisions.some((r) => r.kind === 'correction');
              return (
                <tr>
                  <th scope="row">{line.sourceName}</th>
                  <td data-label={t.web.value}>
                    <span class="value">{line.valueText}</span>
                    {corrected ? <span class="badge corrected">{t.web.corrected}</span> : null}
                    {line.stale ? (
                      <span class="badge stale" title={t.web.staleHint(summary.indicator.staleAfterDays)}>
                        {t.summary.stale}
                      </span>
                    ) : null}
                  </td>
                  <td data-label={t.web.asOf}>
                    <time datetime={latest.figure.asOf.start}>{line.asOfText}</time>
                    {line.periodText === null ? null : (
                      <span class="meta">
                        {' '}
                        ({t.summary.period} {line.periodText})
                      </span>
                    )}
                  </td>
                  <td data-label={t.web.link}>
                    {line.link === '' ? null : <a href={line.link}>{linkLabel(line.link)}</a>}
                    {line.link === '' ? '' : ' · '}
                    <a href={href(page, `/figures/${line.figureId}`)} aria-label={t.web.figureTitle(line.figureId)}>
                      #{line.figureId}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {block.spread === null ? null : (
        <p class="spread">
          {block.labels.spread}: <strong>{block.spread.low.valueText}</strong> ({block.spread.low.sourceName}) –{' '}
          <strong>{block.spread.high.valueText}</strong> ({block.spread.high.sourceName})
        </p>
      )}
    </>
  );
}
