// `npm run bench:query`: how fast "latest per source for one indicator" is on a large database,
// on SQLite and PostgreSQL, beside reading that indicator's whole history. See bench/README.md.
import { loadavg } from 'node:os';
import { todayOf } from '../src/domain/as-of.js';
import { RATES, type DatasetSpec } from './query/dataset.js';
import { parseQueryBenchOptions, USAGE } from './query/options.js';
import { breakdownTable, checkSummary, loadSummary, resultTable, targetsMet } from './query/report.js';
import { runDialect, type DialectResult } from './query/run-dialect.js';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseQueryBenchOptions(argv, process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const now = new Date();
  const today = todayOf(now);
  const spec: DatasetSpec = { ...options, now };
  const log = (line: string): void => console.error(line);
  console.log(
    `dataset: ${options.figures.toLocaleString('en')} figures, ${options.indicators} indicators × ${options.sources} sources ` +
      `(~${Math.round(options.figures / options.indicators).toLocaleString('en')} per indicator) over 10 years; ` +
      `${RATES.corrected * 100}% corrected, ${RATES.retracted * 100}% retracted, ${RATES.backdated * 100}% backdated; seed ${options.seed}`,
  );
  // Timings on a shared 2-core machine mean little without knowing how busy it was.
  const loadBefore = loadText();
  const results: DialectResult[] = [];
  for (const dialect of options.dialects) results.push(await runDialect(dialect, options, spec, today, log));

  for (const result of results) {
    console.log(`\n=== ${result.dialect} query plans (${result.location}) ===\n`);
    console.log(result.plans.join('\n'));
  }
  console.log('\n=== load ===');
  for (const result of results) console.log(loadSummary(result));
  console.log('\n=== correctness ===');
  for (const result of results) console.log(checkSummary(result));
  console.log(`\nmachine: load average ${loadBefore} before, ${loadText()} after (1/5/15 min)`);
  console.log(`\n=== timings (random indicators; p50 vs history = p50 / the history baseline's p50) ===\n`);
  console.log(resultTable(results));
  console.log(`\n=== indicatorSummary() breakdown (its statements re-run alone, for the plans' indicator) ===\n`);
  console.log(breakdownTable(results));
  const correct = results.every((r) => r.check.mismatches.length === 0);
  const met = targetsMet(results);
  console.log(`\n${correct ? 'answers correct' : 'ANSWERS WRONG'}; ${met ? 'all p50 targets met' : 'SOME p50 TARGETS MISSED'}`);
  return correct && met ? 0 : 1;
}

function loadText(): string {
  return loadavg().map((n) => n.toFixed(2)).join(' / ');
}

// An interrupted run still removes its SQLite file: exiting runs the 'exit' handlers, a signal does not.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

process.exitCode = await main(process.argv.slice(2));
