// Charts as images: the SVG of render-chart.ts, and the same drawn to PNG by resvg with DejaVu
// Sans from its npm package — never the machine's fonts, so every machine draws the same image,
// and never without a font, or resvg would silently leave every text out.
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
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

export function createChartRenderer(fonts: ChartFonts = dejaVuSans()): ChartRenderer {
  const options = {
    font: { loadSystemFonts: false, fontFiles: [...fonts.files], defaultFontFamily: fonts.defaultFamily },
    background: '#ffffff',
    logLevel: 'off' as const,
  };
  return {
    svg: renderChartSvg,
    png: async (input) => svgToPng(renderChartSvg(input), options),
  };
}

async function svgToPng(svg: string, options: Parameters<typeof renderAsync>[1]): Promise<Buffer> {
  const image = await renderAsync(svg, options);
  return image.asPng();
}
