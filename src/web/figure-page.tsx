// GET /figures/:id — the permalink of one figure: what it counts, who reported it, the value as it
// stands, its date, period, citation and note, and every revision with its reason.
import type { Figure, Indicator } from '../domain/types.js';
import { FigureHeading, Revisions } from './history-list.js';
import { Layout } from './layout.js';
import { href, type PageContext } from './page-context.js';
import { RecordedAt } from './recorded-at.js';

export function FigurePage({ page, figure, indicator }: { page: PageContext; figure: Figure; indicator: Indicator }) {
  const { t, locale } = page;
  const note = figure.note?.[locale] ?? '';
  return (
    <Layout page={page} title={`${t.web.figureTitle(figure.id)} · ${indicator.name[locale]}`}>
      <h1>{t.web.figureTitle(figure.id)}</h1>
      <p class="lede">
        {t.web.indicator}: <a href={href(page, `/indicators/${indicator.slug}`)}>{indicator.name[locale]}</a>
      </p>
      <FigureHeading page={page} figure={figure} level={2} />
      <dl class="facts">
        <dt>{t.web.source}</dt>
        <dd>
          {figure.source.url === null ? figure.source.name : <a href={figure.source.url}>{figure.source.name}</a>}
          {' · '}
          {t.sources.kind[figure.source.kind]}
        </dd>
        <dt>{t.web.link}</dt>
        <dd>
          <a href={figure.url}>{figure.url}</a>
        </dd>
        {note === '' ? null : (
          <>
            <dt>{t.web.note}</dt>
            <dd>{note}</dd>
          </>
        )}
        <dt>{t.web.recordedAt}</dt>
        <dd>
          <RecordedAt page={page} iso={figure.recordedAt} />
        </dd>
      </dl>
      <h2>{t.web.revisionsTitle}</h2>
      <Revisions page={page} revisions={figure.revisions} />
    </Layout>
  );
}
