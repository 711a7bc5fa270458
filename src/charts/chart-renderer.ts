// Charts as images: the SVG of render-chart.ts, and the same drawn to PNG by resvg with DejaVu
// Sans from its npm package — never the machine's fonts, so every machine draws the same image,
// and never without a font, or resvg would silently leave every text out.
import { createRequire } from 'node:module';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { latinSubsetFile } from './latin-subset.js';
import { renderChartSvg, type ChartInput } from './render-chart.js';

export interface ChartRenderer {
  svg(input: ChartInput): string;
  /** The chart as PNG, drawn off the event loop (resvg's worker threads). */
  png(input: ChartInput): Promise<Buffer>;
}

export interface ChartFonts {
  /** TTF or OTF files; the first family is the default. */
  readonly files: readonly string[];
  readonly defaultFamily: string;
}

/** DejaVu Sans (regular and bold), resolved in node_modules where the package was installed. */
export function dejaVuSans(): ChartFonts {
  const require = createRequire(import.meta.url);
  return {
    files: [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')],
    defaultFamily: 'DejaVu Sans',
  };
}

/**
 * The renderer, with `fonts` and, before them, their Latin subsets (latin-subset.ts: the same
 * glyphs, drawn several times faster), made on the first PNG and kept by the renderer.
 */
export function createChartRenderer(fonts: ChartFonts = dejaVuSans()): ChartRenderer {
  let options: Promise<ResvgRenderOptions> | undefined;
  const load = async (): Promise<ResvgRenderOptions> => {
    const subsets = await Promise.all(fonts.files.map((file) => latinSubsetFile(file)));
    return {
      font: { loadSystemFonts: false, fontFiles: [...subsets, ...fonts.files], defaultFontFamily: fonts.defaultFamily },
      background: '#ffffff',
      logLevel: 'off',
    };
  };
  return {
    svg: renderChartSvg,
    png: async (input) => {
      // A failed load (an unwritable temp folder) is tried again next time rather than kept.
      options ??= load().catch((error: unknown) => {
        options = undefined;
        throw error;
      });
      return svgToPng(renderChartSvg(input), await options);
    },
  };
}

async function svgToPng(svg: string, options: ResvgRenderOptions): Promise<Buffer> {
  const image = await renderAsync(svg, options);
  return image.asPng();
}
