// Times one query many times with process.hrtime.bigint and summarizes the distribution.

export interface Timing {
  readonly iterations: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/**
 * Runs `run` once per argument after `warmup` untimed calls (caches, prepared plans, JIT), and
 * returns the percentiles of the timed calls, one call at a time so they do not overlap.
 */
export async function measure<T>(
  args: readonly T[],
  warmup: number,
  run: (arg: T) => Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run(args[i % args.length] as T);
  const samples = new Float64Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const started = process.hrtime.bigint();
    await run(args[i] as T);
    samples[i] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  return summarize(samples);
}

export function summarize(samples: Float64Array): Timing {
  const sorted = Float64Array.from(samples).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    iterations: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  };
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
