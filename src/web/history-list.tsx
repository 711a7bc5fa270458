// An indicator's figures, newest as-of first, each with every revision: the report, corrections
// (old → new value, reason) and a retraction (reason). Retracted figures stay listed, marked, so
// a reader who cited one can see what happened to it.
import { formatPeriod } from '../core/summary-block.js';
import { formatAsOf } from '../domain/as-of.js';
import type { Figure, FigureRevision } from '../domain/types.js';
import { linkLabel } from '../domain/url.js';
import { formatValue } from '../domain/value.js';
import { href, type PageContext } from './page-context.js';
import { RecordedAt } from './recorded-at.js';

export function HistoryList({ page, figures }: { page: PageContext; figures: readonly Figure[] }) {
  if (figures.length === 0) return <p class="empty">{page.t.web.historyEmpty}</p>;
  return (
    <ol class="history">
      {figures.map((figure) => (
        <li class={figure.retracted ? 'is-retracted' : undefined}>
          <FigureHeading page={page} figure={figure} />
          <Revisions page={page} revisions={figure.revisions} />
        </li>
      ))}
    </ol>
  );
}

/** Source, current value with its markers, date, link and permalink of one figure. */
export function FigureHeading({ page, figure, level = 3 }: { page: PageContext; figure: Figure; level?: 2 | 3 }) {
  const { t, locale } = page;
  const corrected = figure.revisions.some((r) => r.kind === 'correction');
  const heading = (
    <>
      {figure.source.name}: <span class="value">{formatValue(figure.value, locale)}</span>
      {figure.retracted ? <span class="badge retracted">{t.web.retracted}</span> : null}
      {corrected ? <span class="badge corrected">{t.web.corrected}</span> : null}
    </>
  );
  return (
    <>
      {level === 2 ? <h2>{heading}</h2> : <h3>{heading}</h3>}
      <p class="meta">
        {t.summary.asOf} <time datetime={figure.asOf.start}>{formatAsOf(figure.asOf, locale)}</time>
        {figure.period === null ? null : ` (${t.summary.period} ${formatPeriod(figure.period, locale)})`}
        {' · '}
        <a href={figure.url}>{linkLabel(figure.url)}</a>
        {' · '}
        <a href={href(page, `/figures/${figure.id}`)} aria-label={t.web.figureTitle(figure.id)}>
          #{figure.id}
        </a>
      </p>
    </>
  );
}

/** Oldest first, each revision's value as it became, when, and why. */
export function Revisions({ page, revisions }: { page: PageContext; revisions: readonly FigureRevision[] }) {
  const { t, locale } = page;
  return (
    <ol class="revisions">
      {revisions.map((revision, i) => {
        const before = i > 0 ? revisions[i - 1] : undefined;
        const change =
          revision.kind === 'correction' && before !== undefined
            ? `${formatValue(before.value, locale)} → ${formatValue(revision.value, locale)}`
            : formatValue(revision.value, locale);
        return (
          <li>
            <strong>{t.history.revision[revision.kind]}</strong>: {change} · <RecordedAt page={page} iso={revision.recordedAt} />
            {revision.reason === null ? null : (
              <>
                {' · '}
                {t.web.reason}: {revision.reason}
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
