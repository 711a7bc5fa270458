// CHART SLOT. Where each page shows its inline SVG chart: a sparkline per indicator on `/`, the
// history chart on the indicator page. The renderer is src/charts/ (built beside this work);
// until it is merged this renders nothing, and the pages are complete without it (the table and
// the history say everything the chart draws).
import type { Indicator } from '../domain/types.js';
import type { PageContext } from './page-context.js';

export interface ChartSlotProps {
  readonly page: PageContext;
  readonly indicator: Indicator;
  readonly variant: 'sparkline' | 'history';
}

export function ChartSlot(_props: ChartSlotProps) {
  return null;
}
