// `npm run bench:webhook`: requests/s and latency of /count through cifras' real webhook routes —
// POST /telegram/webhook and a signed POST /discord/interactions — each beside its framework's
// floor (a minimal grammY bot on Hono; a bare Hono route verifying Ed25519), and a bare Hono route
// as the ceiling; all on one generated 1,000,000-figure SQLite database. See bench/README.md.
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInteractionSigner } from '../tests/support/discord-signing.js';
import { createBenchPostgres, type LoadedPostgres } from './webhook/bench-postgres.js';
import { createBenchSqlite } from './webhook/bench-sqlite.js';
import { buildCase, type CaseContext } from './webhook/cases.js';
import { compileServers } from './webhook/compile-servers.js';
import { expectedAnswers } from './webhook/expected-answers.js';
import { realCountAnswer } from './webhook/real-answer.js';
import { parseWebhookBenchOptions, USAGE, type CaseId, type WebhookBenchOptions } from './webhook/options.js';
import { profileText, summarizeProfile } from './webhook/profile-summary.js';
import { correctnessProblems, missedTargets, ratioLines, resultTable, TARGETS, type Round } from './webhook/report.js';
import { runCase, type CaseResult } from './webhook/run-case.js';

/** Each cifras case right after its floors, so they see the machine in about the same state. */
const RUN_ORDER: readonly CaseId[] = ['e', 'b', 'f', 'a', 'h', 'd', 'g', 'c'];

async function main(argv: readonly string[]): Promise<number> {
  let options: WebhookBenchOptions;
  try {
    options = parseWebhookBenchOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const log = (line: string): void => console.error(line);
  log('compiling the server processes with tsc …');
  const serverEntry = compileServers();
  const loadBefore = loadText();
  const { figures, indicators, sources, seed } = options;
  log(`generating ${figures.toLocaleString('en')} figures (${indicators} indicators × ${sources} sources) into a temporary SQLite file …`);
  const database = await createBenchSqlite({ figures, indicators, sources, seed, now: new Date() });
  let rounds: Round[];
  let failed: string[];
  let postgres: LoadedPostgres | null = null;
  try {
    log(`loaded in ${(database.loadMs / 1000).toFixed(1)} s: ${database.path}; working out the expected answers …`);
    if (options.cases.includes('h')) {
      log(`copying it into a PostgreSQL database on ${options.postgresUrl} for case h …`);
      postgres = await createBenchPostgres({ figures, indicators, sources, seed, now: new Date() }, options.postgresUrl);
      log(`loaded in ${(postgres.loadMs / 1000).toFixed(1)} s`);
    }
    const ctx: CaseContext = {
      databasePath: database.path,
      postgresUrl: postgres?.url ?? null,
      indicators,
      seed,
      signer: createInteractionSigner(),
      expected: await expectedAnswers(database.bench.handle.db, indicators),
      logLevel: options.logLevel,
      realAnswer: await realCountAnswer(database.bench.handle.db, 1),
    };
    const profileDir = options.cpuProf === null ? null : resolve(options.cpuProf);
    if (profileDir !== null) mkdirSync(profileDir, { recursive: true });
    ({ rounds, failed } = await runCases(ctx, { ...options, serverEntry }, profileDir, log));
    printReport(options, database.loadMs, rounds, loadBefore);
    if (profileDir !== null) printProfiles(rounds.flat());
  } finally {
    await postgres?.dispose();
    await database.bench.dispose();
  }
  const problems = [...failed.map((f) => `case ${f}`), ...correctnessProblems(rounds)];
  const missed = missedTargets(rounds);
  console.log(`\n${problems.length === 0 ? 'every response right, no errors' : `PROBLEMS:\n  ${problems.join('\n  ')}`}`);
  if (failed.length > 0) console.log('targets not judged: a case failed');
  else console.log(missed.length === 0 ? `targets met (each /count ≥ ${TARGETS.ratio} × its floor, p99 ≤ ${TARGETS.p99Ms} ms)` : `TARGETS MISSED:\n  ${missed.join('\n  ')}`);
  return problems.length === 0 && missed.length === 0 ? 0 : 1;
}

/**
 * Each selected case in RUN_ORDER, `rounds` times over; a case that fails is reported, and the
 * others still run. A profile, when asked for, is of the last round (each round overwrites it).
 */
type RunOptions = WebhookBenchOptions & { readonly serverEntry: string };

async function runCases(
  ctx: CaseContext,
  options: RunOptions,
  cpuProfileDir: string | null,
  log: (line: string) => void,
): Promise<{ rounds: Round[]; failed: string[] }> {
  const rounds: Round[] = [];
  const failed: string[] = [];
  for (let n = 1; n <= options.rounds; n++) {
    if (options.rounds > 1) log(`round ${n} of ${options.rounds}`);
    const { results, failed: failedNow } = await runRound(ctx, options, cpuProfileDir, log);
    rounds.push(results);
    failed.push(...failedNow.map((f) => (options.rounds > 1 ? `${f} (round ${n})` : f)));
  }
  return { rounds, failed };
}

async function runRound(
  ctx: CaseContext,
  options: RunOptions,
  cpuProfileDir: string | null,
  log: (line: string) => void,
): Promise<{ results: CaseResult[]; failed: string[] }> {
  const results: CaseResult[] = [];
  const failed: string[] = [];
  for (const id of RUN_ORDER.filter((c) => options.cases.includes(c))) {
    const bench = buildCase(id, ctx);
    log(`case ${id}: ${bench.title}`);
    // One case failing (say, a server that does not start while someone edits the tree) must
    // not throw away the others' figures.
    try {
      const result = await runCase(bench, { ...options, cpuProfileDir }, log);
      log(`  (${id}) ${Math.round(result.result.requests.mean)} req/s, p50 ${result.result.latency.p50} ms, p99 ${result.result.latency.p99} ms`);
      results.push(result);
    } catch (error) {
      log(`  (${id}) FAILED: ${(error as Error).message}`);
      failed.push(`${id}: ${(error as Error).message.split('\n')[0] ?? ''}`);
    }
  }
  results.sort((x, y) => x.case.id.localeCompare(y.case.id));
  return { results, failed };
}

function printReport(options: WebhookBenchOptions, loadMs: number, rounds: readonly Round[], loadBefore: string): void {
  console.log(
    `bench:webhook — ${options.figures.toLocaleString('en')} figures (${options.indicators} indicators × ${options.sources} sources) on SQLite, ` +
      `generated in ${(loadMs / 1000).toFixed(1)} s; autocannon, ${options.connections} connections, ${options.duration} s per case ` +
      `after ${options.warmup} s of warm-up${options.rounds > 1 ? `, ${options.rounds} rounds` : ''}; cifras log level ${options.logLevel}; Node ${process.version}`,
  );
  console.log(`machine: load average ${loadBefore} before, ${loadText()} after (1/5/15 min)\n`);
  console.log(resultTable(rounds));
  console.log(`\nratios to the floor (target ≥ ${TARGETS.ratio}):\n  ${ratioLines(rounds).join('\n  ')}`);
  console.log('\nrequests (total), and calls the server made outward (a webhook reply needs none besides getMe):');
  for (const r of rounds.flat()) {
    const sent = r.outgoing.telegram.length + r.outgoing.discord;
    console.log(`  ${r.case.id}: ${r.result.requests.total.toLocaleString('en')} requests, ${r.sampled} sampled by hand first; outgoing: ${sent === 0 ? 'none' : `${r.outgoing.telegram.join(', ')}${r.outgoing.discord > 0 ? `, ${r.outgoing.discord} Discord` : ''}`}`);
  }
}

function printProfiles(results: readonly CaseResult[]): void {
  for (const { case: c, measured } of results) {
    if (measured.profilePath !== null) console.log(`\n${profileText(`case ${c.id} (${measured.profilePath})`, summarizeProfile(measured.profilePath))}`);
  }
}

function loadText(): string {
  return loadavg().map((n) => n.toFixed(2)).join(' / ');
}

// An interrupted run still removes its SQLite file (bench-database.ts removes it on 'exit', which a
// signal skips); the server children see the IPC channel close and exit too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

process.exitCode = await main(process.argv.slice(2));
