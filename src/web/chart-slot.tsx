// Where each page shows its inline SVG chart, drawn by src/charts/: a sparkline per indicator on
// `/` (its newest figures), the history chart on the indicator page. The SVG comes from the
// renderer, which escapes every text it draws, so it is inserted as it is; the numbers it draws
// are also in the table beside it, so the page says everything without the picture.
import { raw } from 'hono/html';
import { renderChartSvg, renderSparklineSvg } from '../charts/index.js';
import type { Figure, Indicator } from '../domain/types.js';
import { href, type PageContext } from './page-context.js';

export interface ChartSlotProps {
  readonly page: PageContext;
  readonly indicator: Indicator;
  readonly figures: readonly Figure[];
  readonly variant: 'sparkline' | 'history';
}

/**
 * Drawn for a phone's column and scaled to the page by CSS (the SVG has a viewBox): drawn wider,
 * its labels would shrink below reading size at 390 px.
 */
const HISTORY_WIDTH = 420;

export function ChartSlot({ page, indicator, figures, variant }: ChartSlotProps) {
  const { locale, t } = page;
  if (variant === 'sparkline') {
    return <figure class="chart sparkline">{raw(renderSparklineSvg({ indicator, figures, locale }))}</figure>;
  }
  return (
    <figure class="chart">
      {raw(renderChartSvg({ indicator, figures, locale, width: HISTORY_WIDTH }))}
      <figcaption>
        <a href={href(page, `/indicators/${indicator.slug}/chart.png`)}>PNG</a> ·{' '}
        <a href={href(page, `/indicators/${indicator.slug}/chart.svg`)}>SVG</a> — {t.web.chartTitle(indicator.name[locale])}
      </figcaption>
    </figure>
  );
}
