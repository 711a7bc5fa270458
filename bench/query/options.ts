// Command-line options of `npm run bench:query`: how big a dataset, which databases, how many
// timed iterations. Parsed from argv passed in, so nothing is read at import time.
import { parseArgs } from 'node:util';

export type BenchDialect = 'sqlite' | 'postgres';

export interface QueryBenchOptions {
  readonly figures: number;
  readonly indicators: number;
  readonly sources: number;
  readonly dialects: readonly BenchDialect[];
  readonly iterations: number;
  /** Timed runs of the history baselines, which read ~10,000 figures each and are slow. */
  readonly baselineIterations: number;
  readonly warmup: number;
  readonly postgresUrl: string;
  readonly seed: number;
}

export const USAGE = `usage: npm run bench:query -- [--figures N] [--dialect sqlite|postgres|both]
                                [--iterations N] [--baseline-iterations N] [--warmup N] [--postgres-url URL] [--seed N]`;

export function parseQueryBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): QueryBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      figures: { type: 'string', default: '1000000' },
      indicators: { type: 'string', default: '100' },
      sources: { type: 'string', default: '20' },
      dialect: { type: 'string', default: 'both' },
      iterations: { type: 'string', default: '2000' },
      'baseline-iterations': { type: 'string', default: '200' },
      warmup: { type: 'string', default: '200' },
      'postgres-url': { type: 'string', default: env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
      seed: { type: 'string', default: '42' },
    },
    strict: true,
  });
  const indicators = positive('indicators', values.indicators);
  const sources = positive('sources', values.sources);
  const figures = positive('figures', values.figures);
  if (figures < indicators * sources) {
    throw new Error(`--figures must be at least indicators × sources (${indicators * sources})`);
  }
  return {
    figures,
    indicators,
    sources,
    dialects: dialectsOf(values.dialect),
    iterations: positive('iterations', values.iterations),
    baselineIterations: positive('baseline-iterations', values['baseline-iterations']),
    warmup: positive('warmup', values.warmup),
    postgresUrl: values['postgres-url'],
    seed: positive('seed', values.seed),
  };
}

function dialectsOf(value: string): BenchDialect[] {
  if (value === 'sqlite' || value === 'postgres') return [value];
  if (value === 'both') return ['sqlite', 'postgres'];
  throw new Error(`--dialect must be sqlite, postgres or both; got "${value}"`);
}

function positive(name: string, value: string): number {
  // Accept 1_000_000 and 1e6 as well as 1000000.
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer; got "${value}"`);
  return n;
}
