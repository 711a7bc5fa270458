// FANOUT_SQL_TRACE=1: times every PostgreSQL statement the benchmark's worker sends and, when it
// exits, prints to stderr the statements by total time (count, total, slowest) and each one that
// took over 200 ms with when it finished. The local server has no pg_stat_statements preloaded;
// this is the same view from the client side (round trips included). Statements are grouped by
// their text with parameter lists folded, so "in ($1, …, $500)" counts as one statement.
import pg from 'pg';

interface Totals {
  count: number;
  ms: number;
  maxMs: number;
}

const SLOW_MS = 200;
const totals = new Map<string, Totals>();
const slow: string[] = [];
const startedAt = Date.now();

type Query = (...args: unknown[]) => unknown;
const prototype = pg.Client.prototype as unknown as { query: Query };
const original = prototype.query;

prototype.query = function traced(this: unknown, ...args: unknown[]): unknown {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : (first?.text ?? '?');
  const began = performance.now();
  const result = original.apply(this, args);
  if (result instanceof Promise) {
    result.then(
      () => {
        const ms = performance.now() - began;
        const key = text.replace(/\$\d+(, \$\d+)*/g, '$*').slice(0, 160);
        const t = totals.get(key) ?? { count: 0, ms: 0, maxMs: 0 };
        t.count += 1;
        t.ms += ms;
        t.maxMs = Math.max(t.maxMs, ms);
        totals.set(key, t);
        if (ms > SLOW_MS) slow.push(`at ${Date.now() - startedAt} ms: ${ms.toFixed(0)} ms ${key.slice(0, 100)}`);
      },
      () => {},
    );
  }
  return result;
};

process.on('exit', () => {
  const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
  process.stderr.write('count\ttotal\tslowest\tstatement\n');
  for (const [key, t] of rows) process.stderr.write(`${t.count}\t${t.ms.toFixed(0)} ms\t${t.maxMs.toFixed(0)} ms\t${key}\n`);
  for (const line of slow) process.stderr.write(`slow: ${line}\n`);
});
