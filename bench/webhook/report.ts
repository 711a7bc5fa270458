// The results as a Markdown table ready for the README, and the verdict: every response right,
// no errors, each cifras case at least 0.8× its floor's requests/s with p99 at most 30 ms.
import type { CaseResult } from './run-case.js';

export const TARGETS = { ratio: 0.8, p99Ms: 30 } as const;

export function resultTable(results: readonly CaseResult[]): string {
  const byId = new Map(results.map((r) => [r.case.id, r]));
  const ceiling = byId.get('e');
  const rows = results.map((r) => {
    const floor = r.case.floor === undefined ? undefined : byId.get(r.case.floor);
    const vsFloor = floor === undefined ? '' : `${ratio(r, floor).toFixed(2)} × ${r.case.floor}`;
    const vsCeiling = ceiling === undefined || ceiling === r ? '' : ratio(r, ceiling).toFixed(2);
    const { result } = r;
    return [
      r.case.id,
      r.case.title,
      Math.round(result.requests.mean).toLocaleString('en'),
      String(result.latency.p50),
      String(result.latency.p99),
      String(result.errors + result.timeouts),
      String(result.non2xx),
      String(result.mismatches),
      vsFloor,
      vsCeiling,
      cpuPerRequest(r).toFixed(3),
      `${Math.round((r.measured.cpuMicros / 1000 / r.measured.wallMs) * 100)}%`,
      r.load[0].toFixed(1),
    ];
  });
  const header = ['case', 'what', 'req/s (mean)', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'wrong body', 'vs floor', 'vs ceiling', 'server CPU ms/req', 'server CPU use', 'load avg'];
  const align = ['---', '---', ...header.slice(2).map(() => '---:')];
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function ratio(a: CaseResult, b: CaseResult): number {
  return a.result.requests.mean / b.result.requests.mean;
}

/**
 * CPU time the server process spent per answered request in the measured window. On a shared,
 * busy machine req/s falls with everyone else's load; CPU per request hardly moves, so
 * floor CPU / case CPU is the ratio to trust when the load average is high.
 */
export function cpuPerRequest(r: CaseResult): number {
  return r.measured.cpuMicros / 1000 / Math.max(1, r.result.requests.total);
}

/** `a: 0.85 × b in req/s, 0.80 × by server CPU per request` for each case with a floor. */
export function ratioLines(results: readonly CaseResult[]): string[] {
  const byId = new Map(results.map((r) => [r.case.id, r]));
  return results.flatMap((r) => {
    const floor = r.case.floor === undefined ? undefined : byId.get(r.case.floor);
    if (floor === undefined) return [];
    const byCpu = cpuPerRequest(floor) / cpuPerRequest(r);
    return [`${r.case.id}/${floor.case.id}: ${ratio(r, floor).toFixed(2)} in req/s; ${byCpu.toFixed(2)} by server CPU per request (${cpuPerRequest(floor).toFixed(3)} / ${cpuPerRequest(r).toFixed(3)} ms)`];
  });
}

/** Problems that make the run's figures meaningless: errors, non-2xx, wrong answers, outgoing calls. */
export function correctnessProblems(results: readonly CaseResult[]): string[] {
  const problems: string[] = [];
  for (const { case: c, result, outgoing } of results) {
    const bad = result.errors + result.timeouts + result.non2xx + result.mismatches;
    if (bad > 0) problems.push(`${c.id}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${result.mismatches} wrong bodies`);
    if (result.requests.total === 0) problems.push(`${c.id}: no request completed`);
    const sent = outgoing.telegram.filter((method) => method !== 'getMe');
    if (sent.length > 0 || outgoing.discord > 0) {
      problems.push(`${c.id}: the server called out (${sent.length} Bot API calls besides getMe, ${outgoing.discord} Discord calls): an answer did not ride in the response`);
    }
  }
  return problems;
}

/** Targets missed, in words; empty when every measured cifras case meets them. */
export function missedTargets(results: readonly CaseResult[]): string[] {
  const byId = new Map(results.map((r) => [r.case.id, r]));
  const missed: string[] = [];
  for (const r of results) {
    if (!r.case.target) continue;
    if (r.result.latency.p99 > TARGETS.p99Ms) missed.push(`${r.case.id}: p99 ${r.result.latency.p99} ms > ${TARGETS.p99Ms} ms`);
    const floor = r.case.floor === undefined ? undefined : byId.get(r.case.floor);
    if (floor !== undefined && ratio(r, floor) < TARGETS.ratio) {
      missed.push(`${r.case.id}: ${ratio(r, floor).toFixed(2)} × its floor (${r.case.floor}) < ${TARGETS.ratio}`);
    }
  }
  return missed;
}
