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
 * The history chart is drawn twice and CSS shows the one that fits (site-css.ts): for a phone's
 * column, and for a laptop's content width. An SVG scales, but its labels scale with it: one
 * drawn wide shrinks them below reading size at 390 px, one drawn narrow fills a laptop's page
 * with outsized text, or leaves half of it empty. The hidden one is `display: none`, so a screen
 * reader meets one chart.
 */
export const HISTORY_WIDTHS = { narrow: 420, wide: 800 } as const;

export function ChartSlot({ page, indicator, figures, variant }: ChartSlotProps) {
  const { locale, t } = page;
  if (variant === 'sparkline') {
    return <figure class="chart sparkline">{raw(renderSparklineSvg({ indicator, figures, locale }))}</figure>;
  }
  return (
    <figure class="chart history">
      <div class="narrow">{raw(renderChartSvg({ indicator, figures, locale, width: HISTORY_WIDTHS.narrow }))}</div>
      <div class="wide">{raw(renderChartSvg({ indicator, figures, locale, width: HISTORY_WIDTHS.wide }))}</div>
      <figcaption>
        <a href={href(page, `/indicators/${indicator.slug}/chart.png`)}>PNG</a> ·{' '}
        <a href={href(page, `/indicators/${indicator.slug}/chart.svg`)}>SVG</a> — {t.web.chartTitle(indicator.name[locale])}
      </figcaption>
    </figure>
  );
}
