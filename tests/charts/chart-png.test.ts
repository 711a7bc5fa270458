// The chart as PNG, decoded by an independent decoder (pngjs): its size, that it is not blank, and
// that its text was drawn — resvg silently leaves text out when it has no font, so a chart whose
// labels vanish must fail here (the no-font case below shows these checks catch it).
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createChartRenderer, dejaVuSans, renderChartSvg } from '../../src/charts/index.js';
import { latinSubsetFile } from '../../src/charts/latin-subset.js';
import type { Figure } from '../../src/domain/types.js';
import { busyHistory, PRISONERS, testFigure, testSource } from '../support/chart-history.js';

const figures: Figure[] = [
  testFigure(1, testSource(0, 'Foro Penal'), '2025-11-20', { kind: 'exact', value: 1085 }),
  testFigure(2, testSource(0, 'Foro Penal'), '2025-12-20', { kind: 'exact', value: 902 }),
  testFigure(3, testSource(1), '2025-12-25', { kind: 'exact', value: 99 }),
  testFigure(4, testSource(2), '2025-12-25', { kind: 'range', low: 60, high: 75 }),
];

interface Pixels {
  readonly width: number;
  readonly height: number;
  /** Pixels darker than mid-grey in the rectangle. */
  dark(x0: number, y0: number, x1: number, y1: number): number;
  /** Pixels that are not white in the rectangle. */
  inked(x0: number, y0: number, x1: number, y1: number): number;
}

function decode(png: Buffer): Pixels {
  const image = PNG.sync.read(png);
  const count = (x0: number, y0: number, x1: number, y1: number, test: (r: number, g: number, b: number) => boolean) => {
    let n = 0;
    for (let y = y0; y < Math.min(y1, image.height); y++) {
      for (let x = x0; x < Math.min(x1, image.width); x++) {
        const i = (y * image.width + x) * 4;
        if (test(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!)) n++;
      }
    }
    return n;
  };
  return {
    width: image.width,
    height: image.height,
    dark: (x0, y0, x1, y1) => count(x0, y0, x1, y1, (r, g, b) => r + g + b < 3 * 110),
    inked: (x0, y0, x1, y1) => count(x0, y0, x1, y1, (r, g, b) => r < 250 || g < 250 || b < 250),
  };
}

/** The title's band (16 px from the top, 16 px high) and the y-axis labels' column. */
const TITLE = [16, 16, 300, 36] as const;
const Y_LABELS = [16, 80, 48, 300] as const;

describe('chart PNG', () => {
  const renderer = createChartRenderer();

  it('has the requested width and the SVG height, is not blank, and its title and axis labels are drawn', async () => {
    for (const locale of ['es', 'en'] as const) {
      const input = { indicator: PRISONERS, figures, locale, width: 800 };
      const png = decode(await renderer.png(input));
      expect(png.width).toBe(800);
      expect(png.height).toBe(Number(/height="(\d+)"/.exec(renderChartSvg(input))?.[1]));
      expect(png.inked(0, 0, png.width, png.height)).toBeGreaterThan(5000);
      expect(png.dark(...TITLE)).toBeGreaterThan(300);
      expect(png.dark(...Y_LABELS)).toBeGreaterThan(20);
      expect(png.inked(...Y_LABELS)).toBeGreaterThan(150);
    }
  });

  it('without a font those same checks fail: the labels vanish and the title band stays blank', async () => {
    const fontless = createChartRenderer({ files: [], defaultFamily: 'DejaVu Sans' });
    const png = decode(await fontless.png({ indicator: PRISONERS, figures, locale: 'es', width: 800 }));
    expect(png.inked(0, 0, png.width, png.height)).toBeGreaterThan(1000); // the lines are still there
    expect(png.dark(...TITLE)).toBe(0);
    expect(png.inked(...Y_LABELS)).toBe(0);
  });

  it('has a glyph for every Spanish letter and sign its texts use (á é í ó ú ñ ü ¿ ¡ – ≥ ≤), not the missing-glyph box', () => {
    const { files, defaultFamily } = dejaVuSans();
    const drawn = (text: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#fff"/><text x="8" y="30" font-size="28">${text}</text></svg>`;
      const image = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [...files], defaultFontFamily: defaultFamily } }).render();
      const png = PNG.sync.read(image.asPng());
      return { ink: decode(image.asPng()).dark(0, 0, 40, 40), pixels: png.data.toString('base64') };
    };
    // Characters DejaVu Sans lacks (CJK, Hangul) are drawn as the same box: that is what a
    // missing letter would look like, so the check below can fail.
    const missing = drawn('中');
    expect(drawn('한').pixels).toBe(missing.pixels);
    for (const c of ['á', 'é', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ü', '¿', '¡', '–', '—', '≥', '≤', '«', '»']) {
      const glyph = drawn(c);
      expect(glyph.ink, c).toBeGreaterThan(10);
      expect(glyph.pixels, c).not.toBe(missing.pixels);
    }
  });

  it('draws a letter outside the Latin subset (Cyrillic, Greek) from the full font, not as a missing-glyph box', async () => {
    const titled = (name: string) => ({ indicator: { ...PRISONERS, name: { es: name, en: name } }, figures, locale: 'es' as const, width: 400 });
    const titleOf = async (r: ReturnType<typeof createChartRenderer>, name: string) => PNG.sync.read(await r.png(titled(name))).data.subarray(0, 40 * 400 * 4).toString('base64');
    const boxes = await titleOf(renderer, '中中中 한한');
    expect(await titleOf(renderer, 'ЖЖЖ ΩΩ')).not.toBe(boxes);
    // With the subset alone those letters are boxes: the comparison above can fail.
    const subsetOnly = createChartRenderer({ files: [await latinSubsetFile(dejaVuSans().files[0]!)], defaultFamily: 'DejaVu Sans' });
    expect(await titleOf(subsetOnly, 'ЖЖЖ ΩΩ')).toBe(await titleOf(subsetOnly, '中中中 한한'));
  });

  it('draws 20 sources × 500 points with nothing past the right margin, even at 320 px', async () => {
    for (const width of [320, 800]) {
      const png = decode(await renderer.png({ indicator: PRISONERS, figures: busyHistory(20, 500), locale: 'es', width }));
      expect(png.width).toBe(width);
      expect(png.height).toBeGreaterThan(width * 0.45 + 200);
      // The legend (120-character names among them) wraps inside the 16 px margin on the right.
      expect(png.inked(width - 8, 0, width, png.height)).toBe(0);
      expect(png.dark(0, Math.round(png.height * 0.6), width, png.height)).toBeGreaterThan(1000);
    }
  });
});
