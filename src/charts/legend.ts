// Entries laid out left to right in rows across the chart's width, each a small drawing and a
// label: the legend by source and the key to the marks. A label wider than the row wraps onto
// more lines, and the rows push the chart's height down: nothing is cut and nothing overlaps.
import { escapeXml, textWidth, wrapText } from './svg-text.js';

export interface LegendEntry {
  /** Drawn in a 24×14 box whose top-left corner is the origin. */
  readonly swatch: string;
  readonly label: string;
}

const LEGEND_FONT_SIZE = 12;
const LINE_HEIGHT = 15;
const SWATCH_WIDTH = 24;
const GAP = 6;
const ENTRY_GAP = 18;
const ROW_GAP = 6;

/** The entries' SVG from (x, y) within `width`, and the height they take. */
export function layoutLegend(entries: readonly LegendEntry[], className: string, x: number, y: number, width: number): { svg: string; height: number } {
  const parts: string[] = [];
  let cx = 0;
  let rowTop = 0;
  let rowHeight = 0;
  for (const entry of entries) {
    const lines = wrapText(entry.label, LEGEND_FONT_SIZE, width - SWATCH_WIDTH - GAP);
    const entryWidth = SWATCH_WIDTH + GAP + Math.max(...lines.map((l) => textWidth(l, LEGEND_FONT_SIZE)));
    if (cx > 0 && cx + entryWidth > width) {
      rowTop += rowHeight + ROW_GAP;
      cx = 0;
      rowHeight = 0;
    }
    const ex = x + cx;
    const ey = y + rowTop;
    const text = lines
      .map((l, i) => `<tspan x="${ex + SWATCH_WIDTH + GAP}" y="${ey + 11 + i * LINE_HEIGHT}">${escapeXml(l)}</tspan>`)
      .join('');
    parts.push(`<g transform="translate(${ex},${ey})">${entry.swatch}</g><text class="${className}" font-size="${LEGEND_FONT_SIZE}" fill="#222222">${text}</text>`);
    cx += entryWidth + ENTRY_GAP;
    rowHeight = Math.max(rowHeight, lines.length * LINE_HEIGHT);
  }
  return { svg: parts.join(''), height: entries.length === 0 ? 0 : rowTop + rowHeight };
}
