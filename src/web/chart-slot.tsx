// Where each page shows its chart, drawn by src/charts/: a sparkline per indicator on `/` (its
// newest figures, inline: small), the history chart on the indicator page (an image of the chart
// route). The sparkline's SVG comes from the renderer, which escapes every text it draws, so it is
// inserted as it is; the numbers it draws are also in the table beside it.
import { raw } from 'hono/html';
import { renderSparklineSvg } from '../charts/index.js';
import type { Figure, Indicator } from '../domain/types.js';
import { href, type PageContext } from './page-context.js';

/** An indicator's sparkline on `/`: its newest figures. */
export function Sparkline({ page, indicator, figures }: { readonly page: PageContext; readonly indicator: Indicator; readonly figures: readonly Figure[] }) {
  return <figure class="chart sparkline">{raw(renderSparklineSvg({ indicator, figures, locale: page.locale }))}</figure>;
}

/**
 * The history chart is an image of the chart route (`chart.svg`, kept per data version and
 * cached by the browser on its own), not drawn into the page: at 20 sources × 500 figures its SVG
 * is some 290 KB, which every kept page would otherwise carry. `<picture>` takes the drawing for
 * a phone's column or for a laptop's content width — an SVG scales, but its labels scale with it,
 * so one drawn wide is unreadable at 390 px and one drawn narrow oversized on a laptop — and the
 * browser fetches only that one. Its numbers are in the table above, so the page says everything
 * without the picture; the image's alt text names it.
 */
export const HISTORY_WIDTHS = { narrow: 420, wide: 800 } as const;

/** The width (in CSS px) from which the wide drawing is shown; the CSS uses the same 48rem. */
const WIDE_FROM = '(min-width: 48rem)';

export function HistoryChart({ page, indicator }: { readonly page: PageContext; readonly indicator: Indicator }) {
  const { locale, t } = page;
  const svg = `/indicators/${indicator.slug}/chart.svg`;
  const drawn = (width: number) => href(page, svg, { width: String(width), lang: locale });
  return (
    <figure class="chart history">
      <picture>
        <source media={WIDE_FROM} srcset={drawn(HISTORY_WIDTHS.wide)} />
        {/* Lazy: fetched once laid out, when the <source> that fits is known; the preload scanner
            would otherwise start the narrow drawing on a wide screen, then drop it. */}
        <img src={drawn(HISTORY_WIDTHS.narrow)} alt={t.web.chartTitle(indicator.name[locale])} loading="lazy" />
      </picture>
      <figcaption>
        <a href={href(page, `/indicators/${indicator.slug}/chart.png`)}>PNG</a> ·{' '}
        <a href={href(page, svg)}>SVG</a> — {t.web.chartTitle(indicator.name[locale])}
      </figcaption>
    </figure>
  );
}
