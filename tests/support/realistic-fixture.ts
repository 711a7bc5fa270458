// A deployment at realistic scale, generated the same way every time (seeded PRNG): 30 indicators
// with long names in both languages, 15 sources with long names (one holding a ";", one an "&"),
// about 5,000 figures from 2018 on — exact values, ranges, bounds and approximations, flows with
// periods, notes (some long), corrections, retractions, entries recorded long after their as-of
// date and out of order. Indicators and sources go through the audited domain writes; figures and
// their revisions are bulk-inserted in one transaction, which loads in about a second on both
// databases where reporting them one by one would take most of a minute.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/connect.js';
import type { FiguresTable, FigureRevisionsTable, ValueKind } from '../../db/schema.js';
import { recordAudit } from '../../src/domain/audit.js';
import { upsertIndicator, type IndicatorInput } from '../../src/domain/indicators.js';
import { upsertSource, type SourceInput } from '../../src/domain/sources.js';
import type { IndicatorKind, SourceKind } from '../../src/domain/types.js';

/** The fixture's clock: every as-of date and recorded time is before it. The platform harnesses' NOW. */
export const FIXTURE_NOW = new Date('2026-03-01T12:00:00Z');
export const FIXTURE_FIGURES = 5014;
/** Political prisoners gets the longest history, as in the issue (600 figures). */
export const PRISONERS_FIGURES = 600;

type FigureRow = Omit<FiguresTable, 'id'> & { id: number };
type RevisionRow = FigureRevisionsTable;

export interface RealisticFixture {
  readonly indicators: readonly IndicatorInput[];
  readonly sources: readonly SourceInput[];
  readonly figures: readonly FigureRow[];
  readonly revisions: readonly RevisionRow[];
}

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS: readonly [slug: string, es: string, en: string, kind: IndicatorKind][] = [
  ['political-prisoners', 'Presos políticos', 'Political prisoners', 'stock'],
  ['forced-disappearances', 'Desapariciones forzadas', 'Forced disappearances', 'stock'],
  ['post-election-releases', 'Excarcelaciones de detenidos postelectorales', 'Releases of post-election detainees', 'flow'],
  ['arbitrary-detentions', 'Personas detenidas arbitrariamente por razones políticas', 'People arbitrarily detained for political reasons', 'flow'],
  ['detained-adolescents', 'Adolescentes detenidos en el contexto de las protestas', 'Adolescents detained in the context of the protests', 'stock'],
  ['women-political-detainees', 'Mujeres privadas de libertad por motivos políticos', 'Women deprived of liberty on political grounds', 'stock'],
  ['military-prisoners', 'Militares detenidos por razones políticas', 'Military personnel detained for political reasons', 'stock'],
  ['detained-journalists', 'Periodistas y trabajadores de la prensa detenidos', 'Journalists and press workers detained', 'stock'],
  ['detained-defenders', 'Defensores de derechos humanos detenidos o procesados', 'Human rights defenders detained or prosecuted', 'stock'],
  ['foreign-detainees', 'Extranjeros y binacionales detenidos por motivos políticos', 'Foreign and dual nationals detained on political grounds', 'stock'],
  ['prisoners-ill-health', 'Presos políticos con problemas de salud graves sin atención', 'Political prisoners with serious untreated health problems', 'stock'],
  ['deaths-in-custody', 'Muertes bajo custodia del Estado de personas detenidas', 'Deaths of detainees in state custody', 'flow'],
  ['torture-reports', 'Denuncias de tortura y tratos crueles, inhumanos o degradantes', 'Reports of torture and cruel, inhuman or degrading treatment', 'flow'],
  ['substitute-measures', 'Personas excarceladas con medidas cautelares sustitutivas', 'People released under substitute precautionary measures', 'stock'],
  ['raids-without-warrant', 'Allanamientos de viviendas sin orden judicial', 'Home raids without a court order', 'flow'],
  ['protest-detentions', 'Detenciones durante protestas y manifestaciones pacíficas', 'Detentions during peaceful protests and demonstrations', 'flow'],
  ['short-disappearances', 'Desapariciones forzadas de corta duración tras la detención', 'Short-term enforced disappearances after arrest', 'flow'],
  ['asylum-requests', 'Solicitudes de asilo de personas perseguidas por motivos políticos', 'Asylum requests by people persecuted on political grounds', 'flow'],
  ['closed-media', 'Medios de comunicación cerrados o sacados del aire', 'Media outlets closed or taken off the air', 'stock'],
  ['extrajudicial-killings', 'Presuntas ejecuciones extrajudiciales en operativos de seguridad', 'Alleged extrajudicial killings in security operations', 'flow'],
  ['detained-unionists', 'Dirigentes sindicales y trabajadores detenidos por protestar', 'Union leaders and workers detained for protesting', 'stock'],
  ['disqualified-politicians', 'Dirigentes políticos inhabilitados para ejercer cargos públicos', 'Political leaders barred from holding public office', 'stock'],
  ['max-security-transfers', 'Detenidos trasladados a cárceles de máxima seguridad', 'Detainees transferred to maximum-security prisons', 'flow'],
  ['indigenous-detainees', 'Indígenas detenidos en zonas mineras del sur del país', 'Indigenous people detained in the southern mining areas', 'stock'],
  ['detained-students', 'Estudiantes universitarios detenidos por razones políticas', 'University students detained for political reasons', 'stock'],
  ['hunger-strikes', 'Personas privadas de libertad en huelga de hambre', 'People deprived of liberty on hunger strike', 'stock'],
  ['military-courts-civilians', 'Civiles procesados por tribunales militares', 'Civilians prosecuted by military courts', 'stock'],
  ['harassed-relatives', 'Familiares de presos políticos hostigados o amenazados', 'Relatives of political prisoners harassed or threatened', 'flow'],
  ['cancelled-passports', 'Pasaportes anulados a opositores, periodistas y activistas', 'Passports cancelled for opponents, journalists and activists', 'flow'],
  ['incommunicado-detainees', 'Detenidos incomunicados sin contacto con abogados ni familiares', 'Detainees held incommunicado without access to lawyers or family', 'stock'],
];

const SOURCES: readonly [slug: string, name: string, kind: SourceKind][] = [
  ['foro-penal', 'Foro Penal', 'ngo'],
  ['clpp', 'Comité por la Libertad de los Presos Políticos (CLPP)', 'ngo'],
  ['ovp', 'Observatorio Venezolano de Prisiones', 'ngo'],
  ['mppsp', 'Ministerio del Poder Popular para el Servicio Penitenciario', 'government'],
  ['acnudh', 'Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos', 'international'],
  ['provea', 'Programa Venezolano de Educación-Acción en Derechos Humanos (Provea)', 'ngo'],
  ['jep-madres', 'Justicia, Encuentro y Perdón; Comité de Madres en Defensa de la Verdad', 'ngo'],
  ['cidh', 'Comisión Interamericana de Derechos Humanos', 'international'],
  ['sntp', 'Sindicato Nacional de Trabajadores de la Prensa (SNTP)', 'other'],
  ['ovcs', 'Observatorio Venezolano de Conflictividad Social', 'ngo'],
  ['fiscalia', 'Fiscalía General de la República Bolivariana de Venezuela', 'government'],
  ['amnistia', 'Amnistía Internacional, sección venezolana', 'international'],
  ['hrw', 'Human Rights Watch & Centro de Justicia y Paz (Cepaz)', 'international'],
  ['efecto-cocuyo', 'Efecto Cocuyo, periodismo que ilumina', 'media'],
  ['labpaz', 'Laboratorio de Paz, Acceso a la Justicia y otras organizaciones aliadas', 'ngo'],
];

const NOTE_PIECES_ES = [
  'Incluye personas detenidas en el marco de las protestas postelectorales.',
  'La cifra no distingue entre civiles y militares.',
  'Dato parcial: varias regiones no reportaron a tiempo para este corte.',
  'El organismo actualizó su metodología y las cifras anteriores no son comparables.',
  'Según declaraciones oficiales en rueda de prensa, sin documento publicado.',
  'Contabiliza únicamente casos verificados con familiares y abogados defensores.',
];
const NOTE_PIECES_EN = [
  'Includes people detained during the post-election protests.',
  'The figure does not distinguish civilians from military personnel.',
  'Partial data: several regions did not report in time for this cut-off.',
  'The body updated its methodology; earlier figures are not comparable.',
  'According to official statements at a press conference, no document published.',
  'Counts only cases verified with relatives and defence lawyers.',
];
const REASONS = [
  'La fuente publicó una fe de erratas',
  'Error de transcripción al registrar la cifra',
  'La fuente actualizó su comunicado con los casos verificados',
  'Se confundió el corte semanal con el mensual; la fuente corrigió el dato en su informe ampliado, que incluye los casos de los estados fronterizos y de los centros de reclusión militares',
];

const DAY_MS = 86_400_000;
const START = Date.parse('2018-01-01T00:00:00Z');

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The fixture's data, the same for every seed value given (12 by default). Indicator and source
 * ids are positions (1-based) in its lists; loadRealisticFixture maps them to the stored ones.
 */
export function realisticFixture(seed = 12): RealisticFixture {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

  const indicators: IndicatorInput[] = SUBJECTS.map(([slug, es, en, kind]) => ({
    slug,
    kind,
    name: { es, en },
    aliases: { es: [], en: [] },
    description: {
      es: `${es}, según cada fuente que lo documenta, con su fecha de corte y su enlace.`,
      en: `${en}, as documented by each source, with its cut-off date and link.`,
    },
    staleAfterDays: 30,
  }));
  const sources: SourceInput[] = SOURCES.map(([slug, name, kind], index) => ({
    slug,
    kind,
    name,
    url: index % 5 === 4 ? null : `https://www.${slug}.example.org/`,
    description: { es: `${name}: publica recuentos periódicos.`, en: `${name}: publishes regular counts.` },
  }));

  const figures: FigureRow[] = [];
  const revisions: RevisionRow[] = [];
  const nowMs = FIXTURE_NOW.getTime();
  const spanDays = Math.floor((nowMs - START) / DAY_MS) - 2;
  const perIndicator = (index: number) =>
    index === 0 ? PRISONERS_FIGURES : Math.floor((FIXTURE_FIGURES - PRISONERS_FIGURES) / (SUBJECTS.length - 1)) + (index <= (FIXTURE_FIGURES - PRISONERS_FIGURES) % (SUBJECTS.length - 1) ? 1 : 0);

  SUBJECTS.forEach(([slug, , , kind], indicatorIndex) => {
    // Political prisoners is followed by every source; the others by 3 to 10 of them.
    const followers = indicatorIndex === 0 ? SOURCES.length : int(3, 10);
    const order = [...SOURCES.keys()];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const sourceIds = order.slice(0, followers).map((i) => i + 1);
    if (indicatorIndex === 0 && !sourceIds.includes(1)) sourceIds[0] = 1;
    const base = int(40, 2400);
    for (let n = 0; n < perIndicator(indicatorIndex); n++) {
      const id = figures.length + 1;
      const sourceId = sourceIds[n % sourceIds.length]!;
      const asOfMs = START + int(0, spanDays) * DAY_MS;
      const day = isoDay(asOfMs);
      const precision = random();
      const asOf = precision < 0.03 ? day.slice(0, 4) : precision < 0.12 ? day.slice(0, 7) : day;
      const asOfStart = asOf.length === 4 ? `${asOf}-01-01` : asOf.length === 7 ? `${asOf}-01` : asOf;
      // Most are entered within days; one in eight is back-filled long after, out of order.
      const lag = random() < 0.125 ? int(200, 2000) : int(0, 6);
      const recordedMs = Math.min(nowMs - 3_600_000, Date.parse(`${asOfStart}T00:00:00Z`) + lag * DAY_MS + int(8, 22) * 3_600_000 + int(0, 59) * 60_000);
      const recordedAt = new Date(recordedMs).toISOString();
      const period = kind === 'flow' ? { from: isoDay(Date.parse(`${asOfStart}T00:00:00Z`) - int(1, 90) * DAY_MS), to: asOfStart } : null;
      const hasNote = random() < 0.3;
      const noteIndex = int(0, NOTE_PIECES_ES.length - 1);
      const longNote = random() < 0.2;
      const note = (pieces: readonly string[]) =>
        longNote ? [...pieces.slice(noteIndex), ...pieces.slice(0, noteIndex)].join(' ') : pieces[noteIndex]!;
      const longUrl = random() < 0.05;
      const url = `https://www.${SOURCES[sourceId - 1]![0]}.example.org/informes/${asOfStart.slice(0, 4)}/${slug}-${id}${longUrl ? `?utm_source=cifras&ref=${'x'.repeat(220)}` : ''}`;
      figures.push({
        id,
        indicator_id: indicatorIndex + 1,
        source_id: sourceId,
        as_of: asOf,
        as_of_start: asOfStart,
        period_from: period?.from ?? null,
        period_to: period?.to ?? null,
        url,
        note_es: hasNote ? note(NOTE_PIECES_ES) : null,
        note_en: hasNote ? note(NOTE_PIECES_EN) : null,
        recorded_by: pick(['telegram:1001', 'discord:80351110224678912', 'api', 'cli:import']),
        recorded_at: recordedAt,
      });
      const years = (asOfMs - START) / (365 * DAY_MS);
      const center = Math.round(base * (0.6 + years * 0.12) * (0.85 + random() * 0.3));
      const value = valueColumns(random(), center, int);
      revisions.push({ figure_id: id, revision: 1, kind: 'report', ...value, reason: null, recorded_by: 'api', recorded_at: recordedAt });
      let at = recordedMs;
      const changes = random();
      const corrections = changes < 0.05 ? 1 : changes < 0.07 ? 2 : changes < 0.072 ? 6 : 0;
      for (let c = 0; c < corrections; c++) {
        at = Math.min(nowMs - 60_000, at + int(1, 20) * 3_600_000);
        revisions.push({
          figure_id: id,
          revision: c + 2,
          kind: 'correction',
          ...valueColumns(random(), center + int(1, 40), int),
          reason: pick(REASONS),
          recorded_by: 'telegram:1001',
          recorded_at: new Date(at).toISOString(),
        });
      }
      if (random() < 0.02) {
        const last = revisions[revisions.length - 1]!;
        at = Math.min(nowMs - 30_000, at + int(1, 48) * 3_600_000);
        revisions.push({ ...last, revision: last.revision + 1, kind: 'retraction', reason: pick(REASONS), recorded_at: new Date(at).toISOString() });
      }
    }
  });
  return { indicators, sources, figures, revisions };
}

function valueColumns(roll: number, center: number, int: (low: number, high: number) => number): { value_kind: ValueKind; value_low: number; value_high: number } {
  if (roll < 0.6) return { value_kind: 'exact', value_low: center, value_high: center };
  if (roll < 0.7) return { value_kind: 'approx', value_low: center, value_high: center };
  if (roll < 0.8) return { value_kind: 'at_least', value_low: center, value_high: center };
  if (roll < 0.85) return { value_kind: 'at_most', value_low: center, value_high: center };
  const high = center + int(5, 300);
  return { value_kind: 'range', value_low: center, value_high: high };
}

const BATCH = 400;

/**
 * Writes the fixture into a migrated database (empty, or holding the demo dataset): indicators and sources audited as any
 * other write, then every figure and revision in one transaction, and one audit entry for the
 * bulk load (it also moves the read cache's data version on).
 */
export async function loadRealisticFixture(handle: DatabaseHandle, fixture: RealisticFixture = realisticFixture()): Promise<RealisticFixture> {
  const ctx = { actor: 'cli:import', now: new Date(Date.parse('2018-01-01T00:00:00Z')) };
  for (const indicator of fixture.indicators) await upsertIndicator(handle.db, indicator, ctx);
  for (const source of fixture.sources) await upsertSource(handle.db, source, ctx);
  const indicatorIds = new Map((await handle.db.selectFrom('indicators').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
  const sourceIds = new Map((await handle.db.selectFrom('sources').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
  const firstId = Number((await handle.db.selectFrom('figures').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst())?.max ?? 0) + 1;
  const figures = fixture.figures.map((f) => ({
    ...f,
    id: f.id - 1 + firstId,
    indicator_id: indicatorIds.get(fixture.indicators[f.indicator_id - 1]!.slug)!,
    source_id: sourceIds.get(fixture.sources[f.source_id - 1]!.slug)!,
  }));
  const revisions = fixture.revisions.map((r) => ({ ...r, figure_id: r.figure_id - 1 + firstId }));
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < figures.length; i += BATCH) await trx.insertInto('figures').values(figures.slice(i, i + BATCH)).execute();
    for (let i = 0; i < revisions.length; i += BATCH) await trx.insertInto('figure_revisions').values(revisions.slice(i, i + BATCH)).execute();
    if (handle.capabilities.dialect === 'postgres') {
      await sql`select setval(pg_get_serial_sequence('figures', 'id'), (select max(id) from figures))`.execute(trx);
    }
    await recordAudit(trx, { at: FIXTURE_NOW, actor: 'cli:import', action: 'figure.import', target: 'fixture', after: { figures: fixture.figures.length } });
  });
  return { ...fixture, figures, revisions };
}
