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
  const filled = new PlacedPath();
  const hollow = new PlacedPath();
  points.forEach((p, i) => {
    const kind = p.value.kind;
    if (kind === 'range') return;
    if (kind === 'exact' && !options.everyMarker && i !== points.length - 1) return;
    const x = scales.x(p.date);
    const y = scales.y(p.value.value);
    if (kind === 'exact') filled.draw(style.shape.type, options.markerSize, x, y, 1);
    else if (kind === 'approx') hollow.draw(style.shape.type, options.markerSize, x, y, 1);
    else hollow.draw(symbolTriangle, options.markerSize * 1.3, x, y, kind === 'at_most' ? -1 : 1);
  });
  const group = (path: PlacedPath, attributes: string) => (path.isEmpty() ? '' : `<path d="${path.toString()}" ${attributes}/>`);
  return (
    group(filled, `class="markers-filled" fill="${style.colour}" stroke="#ffffff" stroke-width="0.8"`) +
    group(hollow, `class="markers-hollow" fill="#ffffff" stroke="${style.colour}" stroke-width="1.6"`)
  );
}

/**
 * A drawing context for d3's symbols, which draw around the origin: each is drawn at (x, y),
 * upside down if `flip` is -1, into one SVG path.
 */
class PlacedPath implements CanvasPath_D3Shape {
  private readonly path: Path = pathRound(1);
  private x = 0;
  private y = 0;
  private flip: 1 | -1 = 1;
  private empty = true;

  draw(type: SymbolType, size: number, x: number, y: number, flip: 1 | -1): void {
    this.x = x;
    this.y = y;
    this.flip = flip;
    this.empty = false;
    type.draw(this, size);
  }

  isEmpty(): boolean {
    return this.empty;
  }

  toString(): string {
    return this.path.toString();
  }

  moveTo(px: number, py: number): void {
    this.path.moveTo(this.x + px, this.y + this.flip * py);
  }

  lineTo(px: number, py: number): void {
    this.path.lineTo(this.x + px, this.y + this.flip * py);
  }

  closePath(): void {
    this.path.closePath();
  }

  arc(cx: number, cy: number, r: number, a0: number, a1: number, ccw?: boolean): void {
    this.path.arc(this.x + cx, this.y + this.flip * cy, r, this.flip * a0, this.flip * a1, this.flip === -1 ? !ccw : ccw);
  }

  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void {
    this.path.arcTo(this.x + x1, this.y + this.flip * y1, this.x + x2, this.y + this.flip * y2, r);
  }

  bezierCurveTo(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.path.bezierCurveTo(this.x + a, this.y + this.flip * b, this.x + c, this.y + this.flip * d, this.x + e, this.y + this.flip * f);
  }

  quadraticCurveTo(a: number, b: number, c: number, d: number): void {
    this.path.quadraticCurveTo(this.x + a, this.y + this.flip * b, this.x + c, this.y + this.flip * d);
  }

  rect(rx: number, ry: number, w: number, h: number): void {
    this.path.rect(this.x + rx, this.y + this.flip * ry, w, this.flip * h);
  }

  ellipse(): void {
    throw new Error('d3 symbols draw no ellipse');
  }
}

function low(value: FigureValue): number {
  return value.kind === 'range' ? value.low : value.value;
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
