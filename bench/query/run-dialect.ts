// One database's whole benchmark: fresh database, dataset load, correctness check, timings and
// query plans; the database is removed afterwards whatever happens.
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { listIndicators } from '../../src/domain/indicators.js';
import { loadSummary as indicatorSummary } from '../../src/domain/queries.js';
import type { Indicator } from '../../src/domain/types.js';
import { openBenchDatabase } from './bench-database.js';
import { queryCases, rawPlanQueries } from './cases.js';
import { checkLatest, type LatestCheck } from './check-latest.js';
import type { DatasetSpec } from './dataset.js';
import { loadPostgres } from './load-postgres.js';
import { loadSqlite } from './load-sqlite.js';
import { measure, type Timing } from './measure.js';
import type { BenchDialect, QueryBenchOptions } from './options.js';
import { CaptureQueries, explain, planBlock } from './plans.js';
import { randomInt, seededRandom } from './random.js';

export interface CaseResult {
  readonly name: string;
  readonly timing: Timing;
  readonly baseline: string;
}

export interface DialectResult {
  readonly dialect: BenchDialect;
  readonly location: string;
  readonly loadMs: number;
  readonly counts: Record<string, number>;
  readonly check: LatestCheck;
  readonly cases: readonly CaseResult[];
  readonly plans: readonly string[];
  /** Each statement indicatorSummary() issues, timed alone (driver and database, no domain code). */
  readonly breakdown: readonly CaseResult[];
}

export async function runDialect(
  dialect: BenchDialect,
  options: QueryBenchOptions,
  spec: DatasetSpec,
  today: string,
  log: (line: string) => void,
): Promise<DialectResult> {
  const bench = await openBenchDatabase(dialect, options.postgresUrl);
  try {
    const { db, sqlite } = bench.handle;
    log(`[${dialect}] loading ${spec.figures.toLocaleString('en')} figures into ${bench.location} …`);
    const started = process.hrtime.bigint();
    if (sqlite) loadSqlite(sqlite, spec);
    else await loadPostgres(db, spec);
    const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
    log(`[${dialect}] loaded in ${(loadMs / 1000).toFixed(1)} s`);

    const indicators = await listIndicators(db);
    const picks = pickIndicators(indicators, Math.max(options.iterations, options.baselineIterations), options.seed);
    const check = await checkLatest(db, picks.slice(0, 20), today);
    const cases: CaseResult[] = [];
    for (const c of queryCases(today)) {
      const runs = picks.slice(0, c.isBaseline ? options.baselineIterations : options.iterations);
      const warmup = c.isBaseline ? Math.min(options.warmup, 10) : options.warmup;
      log(`[${dialect}] timing ${c.name} × ${runs.length} …`);
      cases.push({ name: c.name, baseline: c.baseline, timing: await measure(runs, warmup, (i) => c.run(db, i)) });
    }
    const planned = picks[0] ?? indicators[0];
    const statements = planned ? await summaryStatements(db, planned, today) : [];
    const plans = planned ? await planBlocks(db, dialect, planned, statements) : [];
    const breakdown = await timeStatements(db, statements, options);
    return { dialect, location: bench.location, loadMs, counts: await countRows(db), check, cases, plans, breakdown };
  } finally {
    await bench.dispose();
  }
}

/** The indicators queried, in a seeded random order shared by every case and database. */
function pickIndicators(indicators: readonly Indicator[], count: number, seed: number): Indicator[] {
  const random = seededRandom(seed + 1);
  return Array.from({ length: count }, () => indicators[randomInt(random, 0, indicators.length - 1)] as Indicator);
}

/** The statements indicatorSummary() issues for one indicator, as sent to the database. */
async function summaryStatements(db: Kysely<Database>, indicator: Indicator, today: string): Promise<CompiledQuery[]> {
  const capture = new CaptureQueries();
  await indicatorSummary(db.withPlugin(capture), indicator, today);
  return capture.compiled(db as unknown as Kysely<unknown>);
}

async function timeStatements(
  db: Kysely<Database>,
  statements: readonly CompiledQuery[],
  options: QueryBenchOptions,
): Promise<CaseResult[]> {
  const runs = Array.from({ length: Math.min(options.iterations, 500) }, (_, i) => i);
  const results: CaseResult[] = [];
  for (const [n, query] of statements.entries()) {
    const timing = await measure(runs, Math.min(options.warmup, 50), () => db.executeQuery(query));
    results.push({ name: `statement ${n + 1}: ${query.sql.slice(0, 48).replace(/\s+/g, ' ')}…`, baseline: '', timing });
  }
  return results;
}

async function planBlocks(
  db: Kysely<Database>,
  dialect: BenchDialect,
  indicator: Indicator,
  statements: readonly CompiledQuery[],
): Promise<string[]> {
  const blocks: string[] = [];
  const anyDb = db as unknown as Kysely<unknown>;
  for (const { title, query } of rawPlanQueries(db, indicator.id)) {
    blocks.push(planBlock(`${title} (${indicator.slug})`, query, await explain(anyDb, dialect, query)));
  }
  for (const [n, query] of statements.entries()) {
    const title = `indicatorSummary() statement ${n + 1} of ${statements.length} (${indicator.slug})`;
    blocks.push(planBlock(title, query, await explain(anyDb, dialect, query)));
  }
  return blocks;
}

async function countRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string; n: number | string }>`
    select 'figures' as name, count(*) as n from figures
    union all select 'revisions', count(*) from figure_revisions
    union all select 'corrections', count(*) from figure_revisions where kind = 'correction'
    union all select 'retractions', count(*) from figure_revisions where kind = 'retraction'`.execute(db);
  // pg returns count(*) as a string.
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}
