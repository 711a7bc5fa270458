// Command-line options of `npm run bench:web`: dataset size, load shape, rounds, and how many
// requests are timed one by one right after a write. Parsed from the argv passed in.
import { parseArgs } from 'node:util';

export interface WebBenchOptions {
  readonly figures: number;
  readonly indicators: number;
  readonly sources: number;
  readonly seed: number;
  /** Seconds of measured load per kept case. */
  readonly duration: number;
  readonly warmup: number;
  readonly connections: number;
  /** Times the kept cases run in turn; each ratio is taken within its round. */
  readonly rounds: number;
  /** Requests timed right after a write, per route. */
  readonly afterWrite: number;
  readonly logLevel: string;
}

export const USAGE = `usage: npm run bench:web -- [--figures N] [--indicators N] [--sources N] [--duration S] [--warmup S]
                              [--connections N] [--rounds N] [--after-write N] [--log-level info|silent|…] [--seed N]`;

export function parseWebBenchOptions(argv: readonly string[]): WebBenchOptions {
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
      rounds: { type: 'string', default: '1' },
      'after-write': { type: 'string', default: '50' },
      'log-level': { type: 'string', default: 'info' },
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
    rounds: positive('rounds', values.rounds),
    afterWrite: positive('after-write', values['after-write']),
    logLevel: values['log-level'],
  };
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1 (got "${text}")`);
  return n;
}

function nonNegative(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number of at least 0 (got "${text}")`);
  return n;
}
