// Requests right after a write: the parent records a figure for the benchmark's indicator (a real
// write through the domain, audited, bumping the data version the server reads), then times one
// request; the server has to read and render again. Sequential, so each timing is one request's.
import type { DbOrTrx } from '../../src/domain/db.js';
import { reportFigure } from '../../src/domain/figures.js';
import type { WebCase } from './cases.js';

export interface AfterWriteTiming {
  readonly case: WebCase;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

let written = 0;

export async function timeAfterWrites(db: DbOrTrx, url: string, bench: WebCase, count: number, target: { slug: string; sources: number }): Promise<AfterWriteTiming> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    written += 1;
    const now = new Date();
    await reportFigure(
      db,
      { indicator: target.slug, source: `source-${(written % target.sources) + 1}`, value: { kind: 'exact', value: 1000 + written }, asOf: now.toISOString().slice(0, 10), url: `https://example.org/bench/${written}` },
      { actor: 'bench', now },
    );
    const started = performance.now();
    const response = await fetch(url + bench.path, { headers: bench.headers });
    const body = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200 || !bench.verify(body)) throw new Error(`bench: ${bench.path} after a write answered wrongly (HTTP ${response.status}):\n${body.slice(0, 400)}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { case: bench, p50: at(0.5), p99: at(0.99), max: times[times.length - 1] ?? Number.NaN };
}
