// The benchmark's dataset, generated once in JavaScript from a seed so SQLite and PostgreSQL get
// exactly the same rows. Shaped like real use: indicators × sources, each pair reporting a figure
// every few days over ~10 years; every figure has its report revision, some are corrected, ~1%
// retracted, and some are backdated (recorded long after newer as-of dates were).
import type { Selectable } from 'kysely';
import type { FigureRevisionsTable, FiguresTable, IndicatorsTable, SourcesTable } from '../../db/schema.js';
import type { FigureValue } from '../../src/domain/types.js';
import { valueToColumns } from '../../src/domain/value-columns.js';
import { randomInt, seededRandom, type Random } from './random.js';

export interface DatasetSpec {
  readonly figures: number;
  readonly indicators: number;
  readonly sources: number;
  readonly seed: number;
  /** The end of the history: no figure is recorded after it. */
  readonly now: Date;
}

export type IndicatorRow = Selectable<IndicatorsTable>;
export type SourceRow = Selectable<SourcesTable>;
export type FigureRow = Selectable<FiguresTable>;
export type RevisionRow = Selectable<FigureRevisionsTable>;

export interface FigureBatch {
  readonly figures: FigureRow[];
  readonly revisions: RevisionRow[];
}

const DAY_MS = 86_400_000;
const SPAN_DAYS = 3650;
export const RATES = { corrected: 0.05, retracted: 0.01, backdated: 0.03, monthPrecision: 0.08, yearPrecision: 0.02 };
const RECORDERS = ['telegram:1001', 'telegram:1002', 'discord:80351110224678912', 'api'];
const SOURCE_KINDS = ['ngo', 'government', 'media', 'international', 'other'] as const;

export function indicatorRows(spec: DatasetSpec): IndicatorRow[] {
  const at = spec.now.toISOString();
  return Array.from({ length: spec.indicators }, (_, i) => ({
    id: i + 1,
    slug: `indicator-${i + 1}`,
    // Every fourth indicator counts a flow (releases over a period), the rest a stock.
    kind: i % 4 === 3 ? 'flow' : 'stock',
    unit: 'people',
    region: i % 2 === 0 ? 'VE' : null,
    name_es: `Indicador ${i + 1}`,
    name_en: `Indicator ${i + 1}`,
    aliases_es: JSON.stringify([`ind ${i + 1}`]),
    aliases_en: '[]',
    description_es: '',
    description_en: '',
    stale_after_days: 30,
    created_at: at,
    updated_at: at,
  }));
}

export function sourceRows(spec: DatasetSpec): SourceRow[] {
  const at = spec.now.toISOString();
  return Array.from({ length: spec.sources }, (_, s) => ({
    id: s + 1,
    slug: `source-${s + 1}`,
    kind: SOURCE_KINDS[s % SOURCE_KINDS.length] ?? 'other',
    name: `Source ${s + 1}`,
    url: s % 3 === 0 ? null : `https://source-${s + 1}.example.org`,
    description_es: '',
    description_en: '',
    created_at: at,
    updated_at: at,
  }));
}

/**
 * Figures in recording order, in batches. Figure k belongs to pair k mod (indicators × sources),
 * so ids interleave across indicators the way a live database's do, and each pair's figures move
 * forward through the ten years.
 */
export function* figureBatches(spec: DatasetSpec, batchSize: number): Generator<FigureBatch> {
  const random = seededRandom(spec.seed);
  const pairs = spec.indicators * spec.sources;
  const perPair = Math.ceil(spec.figures / pairs);
  const nowMs = spec.now.getTime();
  const startMs = Math.floor(nowMs / DAY_MS) * DAY_MS - SPAN_DAYS * DAY_MS;
  const days = Array.from({ length: SPAN_DAYS + 1 }, (_, d) => new Date(startMs + d * DAY_MS).toISOString().slice(0, 10));
  const levels = Array.from({ length: pairs }, () => 50 + randomInt(random, 0, 5000));
  const ctx: FigureContext = { random, days, startMs, nowMs, perPair, pairs, indicators: spec.indicators, levels };
  let batch: FigureBatch = { figures: [], revisions: [] };
  for (let k = 0; k < spec.figures; k++) {
    addFigure(ctx, k, batch);
    if (batch.figures.length === batchSize) {
      yield batch;
      batch = { figures: [], revisions: [] };
    }
  }
  if (batch.figures.length > 0) yield batch;
}

interface FigureContext {
  readonly random: Random;
  readonly days: readonly string[];
  readonly startMs: number;
  readonly nowMs: number;
  readonly perPair: number;
  readonly pairs: number;
  readonly indicators: number;
  readonly levels: readonly number[];
}

function addFigure(ctx: FigureContext, k: number, batch: FigureBatch): void {
  const { random } = ctx;
  const id = k + 1;
  const pair = k % ctx.pairs;
  const indicatorId = (pair % ctx.indicators) + 1;
  const sourceId = Math.floor(pair / ctx.indicators) + 1;
  const seq = Math.floor(k / ctx.pairs);
  const reportDay = ((seq + random()) * SPAN_DAYS) / ctx.perPair;
  const recordedMs = Math.min(ctx.nowMs - 1000, ctx.startMs + (reportDay + random() * 3) * DAY_MS);
  // A backdated figure is entered today about a date months or years ago.
  const backdate = random() < RATES.backdated ? randomInt(random, 30, 730) : 0;
  const asOfDay = Math.max(0, Math.floor(reportDay) - backdate);
  const { asOf, start } = asOfText(ctx.days[asOfDay] ?? '', random());
  const flow = (indicatorId - 1) % 4 === 3;
  const recordedBy = RECORDERS[k % RECORDERS.length] ?? 'api';
  const recordedAt = new Date(recordedMs).toISOString();
  const withNote = random() < 0.1;
  batch.figures.push({
    id,
    indicator_id: indicatorId,
    source_id: sourceId,
    as_of: asOf,
    as_of_start: start,
    period_from: flow ? (ctx.days[Math.max(0, asOfDay - 30)] ?? null) : null,
    period_to: flow ? start : null,
    url: `https://source-${sourceId}.example.org/reports/${asOf}/${id}`,
    note_es: withNote ? 'Cifra preliminar' : null,
    note_en: withNote ? 'Preliminary count' : null,
    recorded_by: recordedBy,
    recorded_at: recordedAt,
  });
  const level = ctx.levels[pair] ?? 100;
  const value = valueOf(random, Math.round(level * (1 + 0.25 * Math.sin(seq / 40)) * (0.95 + 0.1 * random())));
  addRevisions(ctx, batch, id, value, recordedMs, recordedBy);
}

function asOfText(day: string, roll: number): { asOf: string; start: string } {
  if (roll < RATES.yearPrecision) return { asOf: day.slice(0, 4), start: `${day.slice(0, 4)}-01-01` };
  if (roll < RATES.yearPrecision + RATES.monthPrecision) return { asOf: day.slice(0, 7), start: `${day.slice(0, 7)}-01` };
  return { asOf: day, start: day };
}

function valueOf(random: Random, n: number): FigureValue {
  const roll = random();
  if (roll < 0.7) return { kind: 'exact', value: n };
  if (roll < 0.8) return { kind: 'approx', value: n };
  if (roll < 0.88) return { kind: 'at_least', value: n };
  if (roll < 0.92) return { kind: 'at_most', value: n };
  return { kind: 'range', low: Math.floor(n * 0.9), high: Math.ceil(n * 1.1) + 1 };
}

function sizeOf(value: FigureValue): number {
  return value.kind === 'range' ? value.high : value.value;
}

function addRevisions(ctx: FigureContext, batch: FigureBatch, id: number, value: FigureValue, atMs: number, by: string): void {
  const { random } = ctx;
  const later = (ms: number): number => Math.min(ctx.nowMs - 1, ms + randomInt(ctx.random, 1, 10 * 24) * 3_600_000);
  batch.revisions.push(revisionRow(id, 1, 'report', value, null, by, atMs));
  let current = value;
  let lastMs = atMs;
  if (random() < RATES.corrected) {
    // A correction changes the number (the domain refuses one that does not).
    const fixed = valueOf(random, sizeOf(value) + randomInt(random, 1, 20));
    lastMs = later(lastMs);
    batch.revisions.push(revisionRow(id, 2, 'correction', fixed, 'Typo in the published count', by, lastMs));
    current = fixed;
  }
  if (random() < RATES.retracted) {
    const revision = current === value ? 2 : 3;
    batch.revisions.push(revisionRow(id, revision, 'retraction', current, 'The source withdrew it', by, later(lastMs)));
  }
}

function revisionRow(
  figureId: number,
  revision: number,
  kind: RevisionRow['kind'],
  value: FigureValue,
  reason: string | null,
  by: string,
  atMs: number,
): RevisionRow {
  // Stored by the domain's own mapping, so the domain reads these rows back as it reads its own.
  const columns = valueToColumns(value);
  return { figure_id: figureId, revision, kind, ...columns, reason, recorded_by: by, recorded_at: new Date(atMs).toISOString() };
}
