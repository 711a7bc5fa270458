// What the legend shows: each source's line and marker beside its name, then a key to the marks
// for the kinds of value the chart holds (exact, approximate, at least, at most, range).
import { symbol, symbolCircle, symbolTriangle } from 'd3-shape';
import type { FigureValue } from '../domain/types.js';
import type { Messages } from '../i18n/index.js';
import type { ChartSeries } from './chart-series.js';
import type { LegendEntry } from './legend.js';
import type { SeriesStyle } from './palette.js';

const KEY_COLOUR = '#555555';

export function sourceEntries(series: readonly ChartSeries[], styles: readonly SeriesStyle[]): LegendEntry[] {
  return series.map((s, i) => {
    const style = styles[i]!;
    const dash = style.dash === null ? '' : ` stroke-dasharray="${style.dash}"`;
    const marker = symbol(style.shape.type, 42)() ?? '';
    return {
      swatch:
        `<line x1="0" x2="24" y1="7" y2="7" stroke="${style.colour}" stroke-width="2"${dash}/>` +
        `<path transform="translate(12,7)" d="${marker}" fill="${style.colour}" stroke="#ffffff" stroke-width="0.8"/>`,
      label: s.source.name,
    };
  });
}

type KindName = keyof Messages['chart']['key'];

const KINDS: readonly { readonly kind: FigureValue['kind']; readonly name: KindName }[] = [
  { kind: 'exact', name: 'exact' },
  { kind: 'approx', name: 'approx' },
  { kind: 'at_least', name: 'atLeast' },
  { kind: 'at_most', name: 'atMost' },
  { kind: 'range', name: 'range' },
];

/** One entry per kind of value present; none when every value is exact (nothing to explain). */
export function keyEntries(series: readonly ChartSeries[], texts: Messages['chart']['key']): LegendEntry[] {
  const present = new Set(series.flatMap((s) => s.points.map((p) => p.value.kind)));
  if (present.size === 1 && present.has('exact')) return [];
  return KINDS.filter((k) => present.has(k.kind)).map((k) => ({ swatch: keySwatch(k.kind), label: texts[k.name] }));
}

function keySwatch(kind: FigureValue['kind']): string {
  const circle = symbol(symbolCircle, 42)() ?? '';
  const triangle = symbol(symbolTriangle, 55)() ?? '';
  const hollow = `fill="#ffffff" stroke="${KEY_COLOUR}" stroke-width="1.6"`;
  switch (kind) {
    case 'exact': return `<path transform="translate(12,7)" d="${circle}" fill="${KEY_COLOUR}"/>`;
    case 'approx': return `<path transform="translate(12,7)" d="${circle}" ${hollow}/>`;
    case 'at_least': return `<path transform="translate(12,8)" d="${triangle}" ${hollow}/>`;
    case 'at_most': return `<path transform="translate(12,6) rotate(180)" d="${triangle}" ${hollow}/>`;
    case 'range':
      return `<rect x="2" y="1" width="20" height="12" fill="${KEY_COLOUR}" fill-opacity="0.2"/><path d="M9,1H15M12,1V13M9,13H15" fill="none" stroke="${KEY_COLOUR}" stroke-width="1.5"/>`;
  }
}
