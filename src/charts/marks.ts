// The marks of one series, shared by the full chart and the sparkline: the band of its ranges,
// its line through the other values, and a marker per point that says what kind of value it is
// (filled: exact; hollow: approximate; open triangle up: at least; down: at most; bar: a range).
import { pathRound, type Path } from 'd3-path';
import { area, line, symbolTriangle, type CanvasPath_D3Shape, type SymbolType } from 'd3-shape';
import type { FigureValue } from '../domain/types.js';
import { valueTop, type ChartPoint, type ChartSeries } from './chart-series.js';
import type { SeriesStyle } from './palette.js';
import { escapeXml } from './svg-text.js';

export interface Scales {
  readonly x: (date: Date) => number;
  readonly y: (count: number) => number;
}

export interface MarkOptions {
  /** Marker area in px² (d3's symbol size). */
  readonly markerSize: number;
  readonly strokeWidth: number;
  /** Draw a marker on every point (false: only where the value is not exact, and on the last). */
  readonly everyMarker: boolean;
}

/** The SVG of one series: band, line, then markers on top. */
export function seriesMarks(series: ChartSeries, style: SeriesStyle, scales: Scales, options: MarkOptions): string {
  const ranges = series.points.filter((p) => p.value.kind === 'range');
  const others = series.points.filter((p) => p.value.kind !== 'range');
  const parts: string[] = [];
  if (ranges.length > 0) parts.push(rangeBand(series.points, style, scales));
  if (others.length > 1) {
    const path = line<ChartPoint>()
      .x((p) => scales.x(p.date))
      .y((p) => scales.y(valueTop(p.value)))
      .digits(1)(others);
    const dash = style.dash === null ? '' : ` stroke-dasharray="${style.dash}"`;
    parts.push(`<path class="line" d="${path ?? ''}" fill="none" stroke="${style.colour}" stroke-width="${options.strokeWidth}" stroke-linejoin="round"${dash}/>`);
  }
  parts.push(markers(series.points, style, scales, options));
  return `<g class="series" data-source="${escapeXml(series.source.slug)}">${parts.join('')}</g>`;
}

/** Ranges as a translucent band low..high where they follow each other, and a bar at each. */
function rangeBand(points: readonly ChartPoint[], style: SeriesStyle, scales: Scales): string {
  const band = area<ChartPoint>()
    .defined((p) => p.value.kind === 'range')
    .x((p) => scales.x(p.date))
    .y0((p) => scales.y(low(p.value)))
    .y1((p) => scales.y(valueTop(p.value)))
    .digits(1)(points);
  const bars = points
    .filter((p) => p.value.kind === 'range')
    .map((p) => {
      const x = round(scales.x(p.date));
      const top = round(scales.y(valueTop(p.value)));
      const bottom = round(scales.y(low(p.value)));
      return `M${x - 3},${top}H${x + 3}M${x},${top}V${bottom}M${x - 3},${bottom}H${x + 3}`;
    })
    .join('');
  return `<path class="band" d="${band ?? ''}" fill="${style.colour}" fill-opacity="0.2" stroke="none"/><path class="range-bars" d="${bars}" fill="none" stroke="${style.colour}" stroke-width="1.5"/>`;
}

/**
 * Every marker of one look (filled or hollow) in one path: a dense series has hundreds, and one
 * element each would cost the PNG renderer far more than the same outlines in one.
 */
function markers(points: readonly ChartPoint[], style: SeriesStyle, scales: Scales, options: MarkOptions): string {
  const filled = pathRound(1);
  const hollow = pathRound(1);
  const draw = (path: Path, type: SymbolType, size: number, x: number, y: number, flip: 1 | -1) => type.draw(placed(path, x, y, flip), size);
  points.forEach((p, i) => {
    const kind = p.value.kind;
    if (kind === 'range') return;
    if (kind === 'exact' && !options.everyMarker && i !== points.length - 1) return;
    const x = scales.x(p.date);
    const y = scales.y(p.value.value);
    if (kind === 'exact') draw(filled, style.shape.type, options.markerSize, x, y, 1);
    else if (kind === 'approx') draw(hollow, style.shape.type, options.markerSize, x, y, 1);
    else draw(hollow, symbolTriangle, options.markerSize * 1.3, x, y, kind === 'at_most' ? -1 : 1);
  });
  const group = (path: Path, attributes: string) => (path.toString() === '' ? '' : `<path d="${path.toString()}" ${attributes}/>`);
  return (
    group(filled, `class="markers-filled" fill="${style.colour}" stroke="#ffffff" stroke-width="0.8"`) +
    group(hollow, `class="markers-hollow" fill="#ffffff" stroke="${style.colour}" stroke-width="1.6"`)
  );
}

/** A drawing context that draws d3's symbols (made around the origin) at (x, y), flipped upside down if `flip` is -1. */
function placed(path: Path, x: number, y: number, flip: 1 | -1): CanvasPath_D3Shape {
  return {
    moveTo: (px, py) => path.moveTo(x + px, y + flip * py),
    lineTo: (px, py) => path.lineTo(x + px, y + flip * py),
    closePath: () => path.closePath(),
    arc: (cx, cy, r, a0, a1, ccw) => path.arc(x + cx, y + flip * cy, r, flip * a0, flip * a1, flip === -1 ? !ccw : ccw),
    arcTo: (x1, y1, x2, y2, r) => path.arcTo(x + x1, y + flip * y1, x + x2, y + flip * y2, r),
    bezierCurveTo: (a, b, c, d, e, f) => path.bezierCurveTo(x + a, y + flip * b, x + c, y + flip * d, x + e, y + flip * f),
    quadraticCurveTo: (a, b, c, d) => path.quadraticCurveTo(x + a, y + flip * b, x + c, y + flip * d),
    rect: (rx, ry, w, h) => path.rect(x + rx, y + flip * ry, w, flip * h),
    ellipse: () => {
      throw new Error('d3 symbols draw no ellipse');
    },
  };
}

function low(value: FigureValue): number {
  return value.kind === 'range' ? value.low : value.value;
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
