// Prints the benchmark's results: one table row per (database, query), targets, plans.
import type { Timing } from './measure.js';
import type { BenchDialect } from './options.js';
import type { DialectResult } from './run-dialect.js';

/** The p50 each database must beat for "latest per source" (issue 2). */
export const P50_TARGET_MS: Record<BenchDialect, number> = { sqlite: 1, postgres: 3 };
/** The cases the targets apply to: the query uncached (the cached answer is shown, and faster still). */
const LATEST_CASES = ['latest per source, SQL', 'indicatorSummary(), uncached'];
const SHOWN_AGAINST_TARGET = [...LATEST_CASES, 'latest + revisions, 1 stmt', 'indicatorSummary(), cached'];

export function resultTable(results: readonly DialectResult[]): string {
  const header = ['dialect', 'query', 'runs', 'p50 ms', 'p99 ms', 'mean ms', 'p50 vs history', 'target p50'];
  const rows = results.flatMap((result) =>
    result.cases.map((c) => {
      const base = result.cases.find((b) => b.name === c.baseline);
      const ratio = base && base.name !== c.name ? ratioText(c.timing.p50Ms, base.timing.p50Ms) : 'baseline';
      return [
        result.dialect,
        c.name,
        String(c.timing.iterations),
        ms(c.timing.p50Ms),
        ms(c.timing.p99Ms),
        ms(c.timing.meanMs),
        ratio,
        SHOWN_AGAINST_TARGET.includes(c.name) ? targetText(result.dialect, c.timing.p50Ms) : '',
      ];
    }),
  );
  return table([header, ...rows]);
}

/** How indicatorSummary()'s time splits between its statements and the code around them. */
export function breakdownTable(results: readonly DialectResult[]): string {
  const header = ['dialect', 'part', 'runs', 'p50 ms', 'p99 ms', 'mean ms'];
  const rows = results.flatMap((result) => {
    const total = result.cases.find((c) => c.name === 'indicatorSummary(), uncached');
    const timed = (name: string, t: Timing): string[] => [
      result.dialect,
      name,
      String(t.iterations),
      ms(t.p50Ms),
      ms(t.p99Ms),
      ms(t.meanMs),
    ];
    const statements = result.breakdown.map((b) => timed(b.name, b.timing));
    if (!total) return statements;
    const sum = result.breakdown.reduce((acc, b) => acc + b.timing.p50Ms, 0);
    return [
      ...statements,
      [result.dialect, 'sum of the statements (p50s)', '', ms(sum), '', ''],
      timed('indicatorSummary() whole', total.timing),
      [result.dialect, 'rest: query building + mapping rows', '', ms(total.timing.p50Ms - sum), '', ''],
    ];
  });
  return table([header, ...rows]);
}

export function loadSummary(result: DialectResult): string {
  const counts = Object.entries(result.counts)
    .map(([name, n]) => `${n.toLocaleString('en')} ${name}`)
    .join(', ');
  return `${result.dialect}: generated and loaded in ${(result.loadMs / 1000).toFixed(1)} s (${counts})`;
}

export function checkSummary(result: DialectResult): string {
  const { check } = result;
  if (check.mismatches.length === 0) {
    return `${result.dialect}: latest-per-source answers match the history on ${check.indicators} indicators`;
  }
  return [`${result.dialect}: WRONG ANSWERS on ${check.mismatches.length} checks:`, ...check.mismatches].join('\n  ');
}

/** True when every latest-per-source case met its database's target. */
export function targetsMet(results: readonly DialectResult[]): boolean {
  return results.every((r) =>
    r.cases.filter((c) => LATEST_CASES.includes(c.name)).every((c) => c.timing.p50Ms < P50_TARGET_MS[r.dialect]),
  );
}

function targetText(dialect: BenchDialect, p50: number): string {
  const target = P50_TARGET_MS[dialect];
  return `${p50 < target ? 'met' : 'MISSED'} (< ${target} ms)`;
}

function ratioText(value: number, base: number): string {
  return `${(value / base).toFixed(3)} (${(base / value).toFixed(0)}× faster)`;
}

function ms(value: number): string {
  return value.toFixed(3);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row.map((cell, col) => (col >= 2 && col <= 5 ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0))).join('  ').trimEnd();
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
