// Realistic histories for the chart tests and benchmark, built in memory: many sources (some with
// names past 60 characters), hundreds of figures each, a random walk of counts with every kind of
// value (exact, approximate, bounds, ranges) and a few retractions.
import type { Figure, FigureValue, Indicator, Source } from '../../src/domain/types.js';

export const PRISONERS: Indicator = {
  id: 1,
  slug: 'political-prisoners',
  kind: 'stock',
  unit: 'people',
  region: 'VE',
  name: { es: 'Presos políticos', en: 'Political prisoners' },
  aliases: { es: [], en: [] },
  description: { es: '', en: '' },
  staleAfterDays: 30,
};

const NAMES = [
  'Foro Penal',
  'Ministerio del Poder Popular para el Servicio Penitenciario',
  'Justicia, Encuentro y Perdón; Comité de Madres en Defensa de la Verdad; Comité por la Libertad de los Presos Políticos (CLPP)',
  'Provea',
  'Observatorio Venezolano de Prisiones',
  'Amnistía Internacional',
  'Human Rights Watch',
  'Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos en Venezuela',
  'Efecto Cocuyo',
  'Comisión Interamericana de Derechos Humanos',
  'Laboratorio de Paz',
  'Espacio Público',
  'Fiscalía General de la República',
  'Defensoría del Pueblo',
  'El Pitazo',
  'Acceso a la Justicia',
  'Coalición por los Derechos Humanos y la Democracia (Clippve y organizaciones aliadas)',
  'Cofavic',
  'Tal Cual',
  'Transparencia Venezuela',
];

export function testSource(index: number, name = NAMES[index % NAMES.length]!): Source {
  return { id: index + 1, slug: `source-${index + 1}`, kind: 'ngo', name, url: null, description: { es: '', en: '' } };
}

/** A small deterministic generator (mulberry32), so a failing chart can be drawn again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function testFigure(id: number, source: Source, asOf: string, value: FigureValue, retracted = false): Figure {
  return {
    id,
    indicatorSlug: PRISONERS.slug,
    source,
    asOf: { text: asOf, precision: 'day', start: asOf },
    period: null,
    url: `https://example.org/${id}`,
    note: null,
    recordedBy: 'seed',
    recordedAt: `${asOf}T12:00:00.000Z`,
    value,
    retracted,
    revisions: [],
  };
}

/** `sources` sources × `points` figures each, one every two days from 2023-01-01. */
export function busyHistory(sources: number, points: number, seed = 1): Figure[] {
  const next = random(seed);
  const figures: Figure[] = [];
  for (let s = 0; s < sources; s++) {
    const source = testSource(s);
    let level = 200 + Math.floor(next() * 1500);
    for (let p = 0; p < points; p++) {
      level = Math.max(0, level + Math.round((next() - 0.48) * 40));
      const asOf = new Date(Date.UTC(2023, 0, 1 + 2 * p)).toISOString().slice(0, 10);
      const value: FigureValue =
        p % 11 === 5 ? { kind: 'range', low: level, high: level + 30 }
        : p % 13 === 6 ? { kind: 'at_least', value: level }
        : p % 17 === 7 ? { kind: 'at_most', value: level }
        : p % 7 === 3 ? { kind: 'approx', value: level }
        : { kind: 'exact', value: level };
      figures.push(testFigure(figures.length + 1, source, asOf, value, p % 97 === 50));
    }
  }
  return figures;
}
