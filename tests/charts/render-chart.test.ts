// The history chart's SVG, drawn from realistic figures: what a reader must be able to see in it.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderChartSvg, renderSparklineSvg } from '../../src/charts/index.js';
import { COLOURS, SHAPES, seriesStyle } from '../../src/charts/palette.js';
import type { Figure } from '../../src/domain/types.js';
import { busyHistory, PRISONERS, testFigure, testSource } from '../support/chart-history.js';

const foroPenal = testSource(0, 'Foro Penal');
const ministry = testSource(1, 'Ministerio del Poder Popular para el Servicio Penitenciario');
const ngos = testSource(2, 'Justicia, Encuentro y Perdón; Comité de Madres en Defensa de la Verdad; Comité por la Libertad de los Presos Políticos (CLPP)');

/** The demo dataset's shape: Foro Penal's counts, the government's 99, the NGOs' 60–75. */
function demoFigures(): Figure[] {
  return [
    testFigure(1, foroPenal, '2025-10-15', { kind: 'exact', value: 884 }),
    testFigure(2, foroPenal, '2025-11-20', { kind: 'exact', value: 1085 }),
    testFigure(3, foroPenal, '2025-12-20', { kind: 'exact', value: 902 }),
    testFigure(4, ministry, '2025-12-25', { kind: 'exact', value: 99 }),
    testFigure(5, ngos, '2025-12-25', { kind: 'range', low: 60, high: 75 }),
  ];
}

const chart = (figures: readonly Figure[], locale: 'es' | 'en' = 'es', width = 800) => renderChartSvg({ indicator: PRISONERS, figures, locale, width });

function series(svg: string): string[] {
  return [...svg.matchAll(/<g class="series" data-source="([^"]+)">/g)].map((m) => m[1]!);
}

function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text class="${className}"[^>]*>(.*?)</text>`, 'g'))].map((m) =>
    [...m[1]!.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((t) => t[1]).join(' '),
  );
}

function heightOf(svg: string): number {
  return Number(/height="(\d+)"/.exec(svg)?.[1]);
}

describe('renderChartSvg', () => {
  it('draws one series per source, each with a legend entry by name and its own style', () => {
    const svg = chart(demoFigures());
    expect(series(svg)).toEqual(['source-1', 'source-2', 'source-3']);
    expect(texts(svg, 'legend')).toEqual([foroPenal.name, ministry.name, ngos.name]);
    const groups = [...svg.matchAll(/<g class="series"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]!);
    groups.forEach((group, i) => {
      for (const other of [0, 1, 2].filter((j) => j !== i)) expect(group).not.toContain(seriesStyle(other).colour);
      expect(group).toContain(seriesStyle(i).colour);
    });
  });

  it('draws a range as a band with a bar from low to high, and the key says what it is', () => {
    const svg = chart(demoFigures());
    const ngoSeries = /<g class="series" data-source="source-3">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(ngoSeries).toMatch(/class="band" d="M[^"]+"/);
    const bars = /class="range-bars" d="M([\d.]+),([\d.]+)H[\d.]+M[\d.]+,[\d.]+V([\d.]+)/.exec(ngoSeries);
    expect(bars).not.toBeNull();
    // Low (60) is drawn lower on the page than high (75): a larger y.
    expect(Number(bars![3])).toBeGreaterThan(Number(bars![2]));
    expect(texts(svg, 'key')).toEqual(['exacta', 'rango']);
  });

  it('marks a bound with an open triangle on its side and an approximation with a hollow point', () => {
    const figures = [
      testFigure(1, foroPenal, '2025-10-01', { kind: 'at_least', value: 800 }),
      testFigure(2, foroPenal, '2025-11-01', { kind: 'approx', value: 850 }),
      testFigure(3, ministry, '2025-11-01', { kind: 'at_most', value: 120 }),
    ];
    const svg = chart(figures);
    const hollow = [...svg.matchAll(/class="markers-hollow" fill="#ffffff" stroke="[^"]+" stroke-width="[\d.]+" ?\/?>|<path d="([^"]+)" class="markers-hollow"/g)];
    expect(hollow.length).toBe(2);
    expect(svg).not.toContain('class="markers-filled"');
    const triangles = [...svg.matchAll(/<path d="M([\d.-]+),([\d.-]+)L([\d.-]+),([\d.-]+)L([\d.-]+),([\d.-]+)Z[^"]*" class="markers-hollow"/g)];
    expect(triangles).toHaveLength(2);
    const [atLeast, atMost] = triangles.map((t) => ({ apex: Number(t[2]), base: Number(t[4]) }));
    expect(atLeast!.apex).toBeLessThan(atLeast!.base); // ▲ points up: ≥
    expect(atMost!.apex).toBeGreaterThan(atMost!.base); // ▼ points down: ≤
    expect(texts(svg, 'key')).toEqual(['aproximada', 'como mínimo', 'como máximo']);
  });

  it('leaves retracted figures out: not drawn, not in the legend, not stretching the axis', () => {
    const figures = [...demoFigures(), testFigure(6, testSource(3, 'Fuente retirada'), '2025-12-26', { kind: 'exact', value: 50_000 }, true)];
    const svg = chart(figures);
    expect(series(svg)).toEqual(['source-1', 'source-2', 'source-3']);
    expect(svg).not.toContain('Fuente retirada');
    expect(svg).not.toContain('50.000');
    expect(svg).toContain('>1.200<');
  });

  it('starts the count axis at zero and formats ticks and dates in Spanish or English', () => {
    const es = chart(demoFigures(), 'es');
    const en = chart(demoFigures(), 'en');
    for (const label of ['>0<', '>1.000<', '>1.200<', '>nov 2025<', '>dic 2025<']) expect(es).toContain(label);
    for (const label of ['>0<', '>1,000<', '>1,200<', '>Nov 2025<', '>Dec 2025<']) expect(en).toContain(label);
    expect(es).toContain('Presos políticos');
    expect(en).toContain('Political prisoners');
    expect(es).toContain('Foro Penal: 902 al 20 dic 2025.');
    expect(en).toContain('60–75 as of 25 Dec 2025.');
  });

  it('is an accessible image: role, aria-label and title', () => {
    const svg = chart(demoFigures(), 'en');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*role="img" aria-label="Political prisoners"/);
    expect(svg).toContain('<title>Political prisoners</title>');
  });

  it('escapes every text: a source name is data, never markup, and the SVG stays well-formed', () => {
    const hostile = testSource(4, '<script>alert("x")</script> & Hijos\u0007 </text><text>902');
    const svg = chart([testFigure(1, hostile, '2025-12-01', { kind: 'exact', value: 10 })]);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Hijos\uFFFD &lt;/text&gt;&lt;text&gt;902');
    // An independent XML parser (resvg's) reads it whole.
    expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  });

  it('says there are no figures when the history is empty, instead of failing', () => {
    for (const figures of [[], [testFigure(1, foroPenal, '2025-12-01', { kind: 'exact', value: 5 }, true)]]) {
      const svg = chart(figures);
      expect(svg).toContain('Todavía no hay cifras para este gráfico.');
      expect(series(svg)).toEqual([]);
      expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
    }
    expect(chart([], 'en')).toContain('There are no figures for this chart yet.');
  });

  it('lays out 20 sources × 500 points: every series drawn, the legend wraps and the image grows taller', () => {
    const figures = busyHistory(20, 500);
    for (const width of [320, 800, 1600]) {
      const svg = chart(figures, 'es', width);
      expect(series(svg)).toHaveLength(20);
      expect(texts(svg, 'legend')).toHaveLength(20);
      expect(heightOf(svg)).toBeGreaterThan(heightOf(chart(busyHistory(2, 500), 'es', width)));
    }
    // At 320 px the 120-character coalition name wraps onto several lines instead of running off.
    const narrow = chart(figures, 'es', 320);
    const coalition = /<text class="legend"[^>]*>((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/g;
    const lines = [...narrow.matchAll(coalition)].map((m) => (m[1]!.match(/<tspan/g) ?? []).length);
    expect(Math.max(...lines)).toBeGreaterThanOrEqual(4);
  });

  it('gives each of at least 24 series its own colour, shape and dash, each colour readable on white', () => {
    const styles = Array.from({ length: 24 }, (_, i) => seriesStyle(i));
    expect(new Set(styles.map((s) => `${s.colour} ${s.shape.name} ${s.dash}`)).size).toBe(24);
    for (const colour of COLOURS) expect(contrastOnWhite(colour)).toBeGreaterThanOrEqual(3);
    expect(SHAPES.map((s) => s.name)).not.toContain('triangle');
  });
});

describe('renderSparklineSvg', () => {
  it('draws the same series with no axes or legend, a few dozen px high, titled for screen readers', () => {
    const svg = renderSparklineSvg({ indicator: PRISONERS, figures: demoFigures(), locale: 'es' });
    expect(svg).toContain('height="40"');
    expect(series(svg)).toEqual(['source-1', 'source-2', 'source-3']);
    expect(svg).not.toContain('<text');
    expect(svg).toContain('<title>Presos políticos</title>');
    const empty = renderSparklineSvg({ indicator: PRISONERS, figures: [], locale: 'en' });
    expect(empty).toContain('<title>Political prisoners: There are no figures for this chart yet.</title>');
  });
});

/** WCAG 2 contrast ratio of a colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05);
}
