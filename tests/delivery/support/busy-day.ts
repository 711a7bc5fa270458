// A busy day at realistic scale for digest tests: dozens of indicators with long Spanish names
// (about 120 characters), sources with long names (a dozen by default), and hundreds of figures reported on
// one day — written by `importFile` (the path of `cifras import`), announced like any report.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { importFile } from '../../../src/import/import-file.js';

const STATES = ['Zulia', 'Lara', 'Carabobo', 'Miranda', 'Táchira', 'Mérida', 'Bolívar', 'Anzoátegui', 'Sucre', 'Falcón'];
const SUBJECTS = [
  ['arbitrary-detentions', 'Personas detenidas arbitrariamente por razones políticas', 'People arbitrarily detained for political reasons'],
  ['detained-adolescents', 'Adolescentes detenidos en el contexto de las protestas', 'Adolescents detained in the context of the protests'],
  ['women-detainees', 'Mujeres privadas de libertad por motivos políticos', 'Women deprived of liberty on political grounds'],
] as const;

export interface BusyDay {
  readonly indicators: number;
  readonly sources: number;
  readonly figures: number;
}

/** `indicators` indicators (long names), `sources` sources and `figures` figures, all recorded at `now`. */
export async function importBusyDay(db: Kysely<Database>, now: Date, size: BusyDay = { indicators: 30, sources: 12, figures: 300 }): Promise<void> {
  const indicators = Array.from({ length: size.indicators }, (_, i) => {
    const [slug, es, en] = SUBJECTS[i % SUBJECTS.length]!;
    const state = STATES[Math.floor(i / SUBJECTS.length) % STATES.length]!;
    return {
      slug: `${slug}-${i}`,
      kind: 'stock',
      name: {
        es: `${es} en el estado ${state}, según los registros verificados de las organizaciones (serie ${i + 1})`,
        en: `${en} in ${state} state, according to the verified records of the organizations (series ${i + 1})`,
      },
    };
  });
  const sources = Array.from({ length: size.sources }, (_, k) => ({
    slug: `observatorio-${k}`,
    kind: 'ngo',
    name: `Observatorio Venezolano de Derechos Humanos y Prisiones — capítulo regional ${k + 1}`,
    url: `https://observatorio-${k}.example.org`,
  }));
  const figures = Array.from({ length: size.figures }, (_, n) => ({
    indicator: indicators[n % indicators.length]!.slug,
    source: sources[n % sources.length]!.slug,
    value: String(100 + n * 7),
    asOf: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}`,
    url: `https://observatorio-${n % sources.length}.example.org/informes/2026/11/detenciones-${n}`,
  }));
  const dir = await mkdtemp(join(tmpdir(), 'cifras-busy-day-'));
  try {
    const file = join(dir, 'busy-day.json');
    await writeFile(file, JSON.stringify({ indicators, sources, figures }));
    const outcome = await importFile(db, file, { actor: 'cli:import', now });
    if (!outcome.ok) throw new Error(`busy day import failed: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
