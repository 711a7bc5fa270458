// The chart's scales and tick labels, from d3: time by as-of date on x, counts from zero on y,
// labelled in the chart's language (`dic 2025`, `1.085` in Spanish; `Dec 2025`, `1,085` in English).
import { scaleLinear, scaleUtc, type ScaleLinear, type ScaleTime } from 'd3-scale';
import { utcMonth, utcYear } from 'd3-time';
import { timeFormatLocale, type TimeLocaleDefinition } from 'd3-time-format';
import enGB from 'd3-time-format/locale/en-GB' with { type: 'json' };
import esES from 'd3-time-format/locale/es-ES' with { type: 'json' };
import type { Locale } from '../domain/types.js';
import { formatNumber } from '../domain/value.js';

const TIME_LOCALES: Record<Locale, TimeLocaleDefinition> = {
  es: esES as TimeLocaleDefinition,
  en: enGB as TimeLocaleDefinition,
};

export interface Axis<Scale> {
  readonly scale: Scale;
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
}

export interface TimeTick {
  readonly at: number;
  readonly label: string;
  /** Where the label's centre goes: the tick, moved inside the chart where it would stick out. */
  readonly labelAt: number;
}

/**
 * The x axis over the points' dates, with as many ticks as d3 can place whose labels (as wide as
 * `measure` says) neither overlap nor leave `bounds`. One date alone gets a month either side, so
 * its point sits in the middle instead of on the edge.
 */
export function timeAxis(
  dates: readonly Date[],
  range: readonly [number, number],
  bounds: readonly [number, number],
  locale: Locale,
  measure: (label: string) => number,
): { readonly scale: ScaleTime<number, number>; readonly ticks: readonly TimeTick[] } {
  const times = dates.map((d) => d.getTime());
  const first = new Date(Math.min(...times));
  const last = new Date(Math.max(...times));
  const domain = first < last ? [first, last] : [utcMonth.offset(first, -1), utcMonth.offset(last, 1)];
  const scale = scaleUtc().domain(domain).range(range);
  const timeLocale = timeFormatLocale(TIME_LOCALES[locale]);
  for (let count = Math.max(2, Math.floor((range[1] - range[0]) / 90)); ; count--) {
    const dates = scale.ticks(count);
    const format = timeLocale.utcFormat(dateSpecifier(dates));
    const ticks = dates.map((d) => {
      const label = format(d);
      const half = measure(label) / 2;
      const at = scale(d);
      return { at, label, labelAt: Math.min(Math.max(at, bounds[0] + half), bounds[1] - half), half };
    });
    const apart = ticks.every((t, i) => i === 0 || t.labelAt - t.half >= ticks[i - 1]!.labelAt + ticks[i - 1]!.half + 10);
    if (apart || count <= 1) return { scale, ticks: ticks.map(({ at, label, labelAt }) => ({ at, label, labelAt })) };
  }
}

/** Years alone when the ticks fall on years; month and year on months; otherwise the whole date. */
function dateSpecifier(ticks: readonly Date[]): string {
  if (ticks.every((t) => utcYear.floor(t).getTime() === t.getTime())) return '%Y';
  if (ticks.every((t) => utcMonth.floor(t).getTime() === t.getTime())) return '%b %Y';
  return '%-d %b %Y';
}

/** The y axis from zero to a round number above `top`, whole counts only. */
export function countAxis(top: number, range: readonly [number, number], locale: Locale): Axis<ScaleLinear<number, number>> {
  const scale = scaleLinear().domain([0, Math.max(top, 1)]).range(range).nice(5);
  const ticks = scale.ticks(Math.min(5, Math.max(top, 1))).filter((t) => Number.isInteger(t));
  return { scale, ticks: ticks.map((t) => ({ at: scale(t), label: formatNumber(t, locale) })) };
}
