// Command-line options of `npm run bench:webhook`: dataset size, load shape, which cases, and
// whether to profile the cifras server. Parsed from the argv passed in; nothing read at import.
import { parseArgs } from 'node:util';

export const CASE_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
export type CaseId = (typeof CASE_IDS)[number];

export interface WebhookBenchOptions {
  readonly figures: number;
  readonly indicators: number;
  readonly sources: number;
  readonly seed: number;
  /** Seconds of measured load per case. */
  readonly duration: number;
  /** Seconds of unmeasured load first (JIT, caches, SQLite pages). */
  readonly warmup: number;
  readonly connections: number;
  readonly cases: readonly CaseId[];
  /**
   * Times the selected cases are run, one after the other each round: the machine's state drifts
   * over minutes on shared cores, so a ratio is judged by its median over the rounds.
   */
  readonly rounds: number;
  /** pino level for the cifras server: `info` is what production runs (one access line per request). */
  readonly logLevel: string;
  /** Write V8 CPU profiles of the cifras server (cases a and c) into this folder. */
  readonly cpuProf: string | null;
  /** The PostgreSQL server case h creates its database on. */
  readonly postgresUrl: string;
}

export const USAGE = `usage: npm run bench:webhook -- [--figures N] [--duration S] [--warmup S] [--connections N]
                                  [--cases a,b,c,d,e,f,g,h] [--postgres-url URL] [--rounds N] [--log-level info|silent|…] [--cpu-prof DIR] [--seed N]`;

export function parseWebhookBenchOptions(argv: readonly string[]): WebhookBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      figures: { type: 'string', default: '1000000' },
      indicators: { type: 'string', default: '100' },
      sources: { type: 'string', default: '20' },
      seed: { type: 'string', default: '42' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      cases: { type: 'string', default: CASE_IDS.join(',') },
      rounds: { type: 'string', default: '1' },
      'log-level': { type: 'string', default: 'info' },
      'cpu-prof': { type: 'string' },
      'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    },
    strict: true,
  });
  const indicators = positive('indicators', values.indicators);
  const sources = positive('sources', values.sources);
  const figures = positive('figures', values.figures);
  if (figures < indicators * sources) throw new Error(`--figures must be at least indicators × sources (${indicators * sources})`);
  return {
    figures,
    indicators,
    sources,
    seed: positive('seed', values.seed),
    duration: positive('duration', values.duration),
    warmup: nonNegative('warmup', values.warmup),
    connections: positive('connections', values.connections),
    cases: casesOf(values.cases),
    rounds: positive('rounds', values.rounds),
    logLevel: values['log-level'],
    cpuProf: values['cpu-prof'] ?? null,
    postgresUrl: values['postgres-url'],
  };
}

function casesOf(value: string): CaseId[] {
  const ids = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const bad = ids.filter((id) => !(CASE_IDS as readonly string[]).includes(id));
  if (bad.length > 0 || ids.length === 0) throw new Error(`--cases takes a comma-separated list of ${CASE_IDS.join(', ')}; got "${value}"`);
  return CASE_IDS.filter((id) => ids.includes(id));
}

function positive(name: string, value: string): number {
  const n = nonNegative(name, value);
  if (n < 1) throw new Error(`--${name} must be a positive integer; got "${value}"`);
  return n;
}

function nonNegative(name: string, value: string): number {
  // Accept 1_000_000 and 1e6 as well as 1000000.
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number; got "${value}"`);
  return n;
}
