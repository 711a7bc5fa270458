// How each series of a chart is told apart: a colour, a marker shape and a line dash. Colour alone
// cannot separate twenty sources for every reader, so eight colours that read on white (each at
// least 3:1 against it, drawn from the Okabe–Ito and Tol colour-blind-safe sets) are combined with
// four shapes and dashes: 32 distinct styles. Triangles are kept out of the shapes: they mean a
// bound (▲ at least, ▼ at most) whatever the source.
import { symbolCircle, symbolDiamond, symbolSquare, symbolStar, type SymbolType } from 'd3-shape';

export const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#B5558F', '#332288', '#9C6B00', '#882255', '#5F6B1F'] as const;

export const SHAPES: readonly { readonly name: string; readonly type: SymbolType }[] = [
  { name: 'circle', type: symbolCircle },
  { name: 'square', type: symbolSquare },
  { name: 'diamond', type: symbolDiamond },
  { name: 'star', type: symbolStar },
];

const DASHES = [null, '7 3', '2 2.5', '9 3 2 3'] as const;

export interface SeriesStyle {
  readonly colour: string;
  readonly shape: (typeof SHAPES)[number];
  /** `stroke-dasharray`, or null for a solid line. */
  readonly dash: string | null;
}

/** The style of the `index`-th series of a chart: colours first, then the next shape and dash. */
export function seriesStyle(index: number): SeriesStyle {
  const round = Math.floor(index / COLOURS.length);
  return {
    colour: COLOURS[index % COLOURS.length] ?? COLOURS[0],
    shape: SHAPES[round % SHAPES.length] ?? SHAPES[0]!,
    dash: DASHES[round % DASHES.length] ?? null,
  };
}
