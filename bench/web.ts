// `npm run bench:web`: requests/s and latency of the public pages — `/` and `/indicators/:slug`,
// kept (nothing written since) and right after a write — beside `GET /api/v1/indicators/:slug`
// for the same indicator, in one run on the generated 1,000,000-figure SQLite database, cifras
// compiled and run in its own process as `npm start` runs it. See bench/README.md.
import { loadavg } from 'node:os';
import autocannon, { type AutocannonResult } from 'autocannon';
import { createInteractionSigner } from '../tests/support/discord-signing.js';
import { createBenchSqlite } from './webhook/bench-sqlite.js';
import { compileServers } from './webhook/compile-servers.js';
import { startServerProcess } from './webhook/server-process.js';
import { timeAfterWrites, type AfterWriteTiming } from './web/after-write.js';
import { CHART_PNG_CASE, HOME_CASE, HOME_IDENTITY, INDICATOR_CASE, INDICATOR_IDENTITY, JSON_CASE, KEPT_CASES, SLUG, type WebCase } from './web/cases.js';
import { parseWebBenchOptions, USAGE, type WebBenchOptions } from './web/options.js';

/** A kept page must serve at least this share of the JSON route's requests per second. */
const TARGET_RATIO = 0.5;
/** The cases the ratio target is judged on: the pages as every browser asks for them, gzipped. */
const JUDGED: readonly WebCase[] = [HOME_CASE, INDICATOR_CASE];
/** A chart PNG drawn right after a write (nothing kept) must take under this, at the median. */
const COLD_PNG_P50_MS = 50;

interface KeptResult {
  readonly case: WebCase;
  readonly result: AutocannonResult;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: WebBenchOptions;
  try {
    options = parseWebBenchOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const log = (line: string): void => console.error(line);
  log('compiling the server process with tsc …');
  const entry = compileServers();
  const loadBefore = loadText();
  const { figures, indicators, sources, seed } = options;
  log(`generating ${figures.toLocaleString('en')} figures (${indicators} indicators × ${sources} sources) into a temporary SQLite file …`);
  const database = await createBenchSqlite({ figures, indicators, sources, seed, now: new Date() });
  log(`loaded in ${(database.loadMs / 1000).toFixed(1)} s: ${database.path}`);
  const server = await startServerProcess(
    { kind: 'cifras', databaseUrl: `sqlite:${database.path}`, discordPublicKey: createInteractionSigner().publicKeyHex, logLevel: options.logLevel },
    entry,
  );
  const url = `http://127.0.0.1:${server.port}`;
  const rounds: KeptResult[][] = [];
  const afterWrite: AfterWriteTiming[] = [];
  let chartsServed: boolean;
  try {
    for (const bench of KEPT_CASES) await checkOnce(url, bench);
    // The chart routes come from src/charts' work: measured when this build serves them.
    chartsServed = (await fetch(url + CHART_PNG_CASE.path)).headers.get('content-type') === 'image/png';
    const kept = chartsServed ? [...KEPT_CASES, CHART_PNG_CASE] : KEPT_CASES;
    for (let n = 1; n <= options.rounds; n++) {
      if (options.rounds > 1) log(`round ${n} of ${options.rounds}`);
      const round: KeptResult[] = [];
      for (const bench of kept) {
        log(`  ${bench.title}: warming up ${options.warmup} s, measuring ${options.duration} s at ${options.connections} connections …`);
        if (options.warmup > 0) await load(url, bench, options.connections, options.warmup);
        const result = await load(url, bench, options.connections, options.duration);
        log(`    ${Math.round(result.requests.mean)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
        await checkOnce(url, bench);
        round.push({ case: bench, result });
      }
      rounds.push(round);
    }
    log(`right after a write: ${options.afterWrite} requests per route, one at a time …`);
    for (const bench of [JSON_CASE, INDICATOR_IDENTITY, HOME_IDENTITY, ...(chartsServed ? [CHART_PNG_CASE] : [])]) {
      afterWrite.push(await timeAfterWrites(database.bench.handle.db, url, bench, options.afterWrite, { slug: SLUG, sources }));
    }
  } finally {
    await server.stop().catch(() => undefined);
    await database.bench.dispose();
  }
  return report(options, database.loadMs, loadBefore, rounds, afterWrite, chartsServed);
}

/** One request before and after the load, decoded: a wrong answer stops the run. */
async function checkOnce(url: string, bench: WebCase): Promise<void> {
  // fetch decompresses a gzipped answer itself.
  const response = await fetch(url + bench.path, { headers: bench.headers });
  const body = await response.text();
  if (response.status !== 200 || !bench.verify(body)) throw new Error(`bench: ${bench.path} answered wrongly (HTTP ${response.status}):\n${body.slice(0, 600)}`);
}

function load(url: string, bench: WebCase, connections: number, duration: number): Promise<AutocannonResult> {
  const { verifyRaw } = bench;
  return autocannon({ url: url + bench.path, connections, duration, timeout: 30, headers: { ...bench.headers }, ...(verifyRaw === undefined ? {} : { verifyBody: verifyRaw }) });
}

function report(
  options: WebBenchOptions,
  loadMs: number,
  loadBefore: string,
  rounds: readonly KeptResult[][],
  afterWrite: readonly AfterWriteTiming[],
  chartsServed: boolean,
): number {
  console.log(
    `bench:web — ${options.figures.toLocaleString('en')} figures (${options.indicators} indicators × ${options.sources} sources) on SQLite, ` +
      `generated in ${(loadMs / 1000).toFixed(1)} s; autocannon, ${options.connections} connections, ${options.duration} s per case after ` +
      `${options.warmup} s of warm-up, ${options.rounds} round${options.rounds === 1 ? '' : 's'}; cifras log level ${options.logLevel}; Node ${process.version}`,
  );
  console.log(`machine: load average ${loadBefore} before, ${loadText()} after (1/5/15 min)\n`);
  const problems: string[] = [];
  const missed: string[] = [];
  console.log('| round | case | req/s | p50 ms | p99 ms | vs JSON route | errors/mismatches |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  rounds.forEach((round, i) => {
    const json = round.find((r) => r.case === JSON_CASE)!.result.requests.mean;
    for (const { case: c, result } of round) {
      const ratio = result.requests.mean / json;
      const bad = result.errors + result.timeouts + result.mismatches + result.non2xx;
      if (bad > 0) problems.push(`round ${i + 1} ${c.title}: ${bad} errors, timeouts, mismatches or non-2xx`);
      // Judged as browsers ask (gzip); the uncompressed rows say what the page's size costs.
      if (JUDGED.includes(c) && ratio < TARGET_RATIO) missed.push(`round ${i + 1} ${c.title}: ${ratio.toFixed(2)} × the JSON route (target ≥ ${TARGET_RATIO})`);
      console.log(`| ${i + 1} | ${c.title} | ${Math.round(result.requests.mean).toLocaleString('en')} | ${result.latency.p50} | ${result.latency.p99} | ${c === JSON_CASE ? '' : ratio.toFixed(2)} | ${bad} |`);
    }
  });
  console.log('\nright after a write (each request follows a new figure for the indicator; one at a time):');
  console.log('| case | p50 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const t of afterWrite) console.log(`| ${t.case.title} | ${t.p50.toFixed(1)} | ${t.p99.toFixed(1)} | ${t.max.toFixed(1)} |`);
  const cold = afterWrite.find((t) => t.case === CHART_PNG_CASE);
  if (!chartsServed) console.log('\nchart.png: not measured — this build serves no chart routes');
  else if (cold !== undefined) {
    const met = cold.p50 < COLD_PNG_P50_MS;
    if (!met) missed.push(`cold chart.png p50 ${cold.p50.toFixed(1)} ms (target < ${COLD_PNG_P50_MS} ms)`);
    console.log(`\ncold chart.png (${options.sources} sources × ${Math.round(options.figures / options.indicators / options.sources)} points): p50 ${cold.p50.toFixed(1)} ms, target < ${COLD_PNG_P50_MS} ms: ${met ? 'met' : 'MISSED'}`);
  }
  console.log(`\n${problems.length === 0 ? 'every response right, no errors' : `PROBLEMS:\n  ${problems.join('\n  ')}`}`);
  console.log(
    missed.length === 0
      ? `targets met (each kept page, gzipped as browsers ask, ≥ ${TARGET_RATIO} × the JSON route's req/s${chartsServed ? `; cold PNG p50 < ${COLD_PNG_P50_MS} ms` : ''})`
      : `TARGETS MISSED:\n  ${missed.join('\n  ')}`,
  );
  return problems.length === 0 && missed.length === 0 ? 0 : 1;
}

function loadText(): string {
  return loadavg().map((n) => n.toFixed(2)).join(' / ');
}

// An interrupted run still removes its SQLite file (bench-database.ts removes it on 'exit', which a
// signal skips); the server child sees the IPC channel close and exits too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

process.exitCode = await main(process.argv.slice(2));
