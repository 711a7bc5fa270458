// The results as a Markdown table ready for the README, and the verdict: every response right,
// no errors, each cifras case at least 0.8× its floor's requests/s with p99 at most 30 ms. With
// several rounds, each ratio is taken within its round (a case beside the floor run just before
// it) and judged by its median over the rounds, as is each p99.
import type { CaseId } from './options.js';
import type { CaseResult } from './run-case.js';

export const TARGETS = { ratio: 0.8, p99Ms: 30 } as const;

/** One round's results: each selected case once. */
export type Round = readonly CaseResult[];

export function resultTable(rounds: readonly Round[]): string {
  const rows = rounds.flatMap((round, n) => roundRows(round, rounds.length === 1 ? '' : ` ·${n + 1}`));
  const header = ['case', 'what', 'req/s (mean)', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'wrong body', 'vs floor', 'vs ceiling', 'server CPU ms/req', 'server CPU use', 'load avg'];
  const align = ['---', '---', ...header.slice(2).map(() => '---:')];
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function roundRows(results: Round, suffix: string): string[][] {
  const byId = new Map(results.map((r) => [r.case.id, r]));
  const ceiling = byId.get('e');
  return results.map((r) => {
    const floor = r.case.floor === undefined ? undefined : byId.get(r.case.floor);
    const vsFloor = floor === undefined ? '' : `${ratio(r, floor).toFixed(2)} × ${r.case.floor}`;
    const vsCeiling = ceiling === undefined || ceiling === r ? '' : ratio(r, ceiling).toFixed(2);
    const { result } = r;
    return [
      `${r.case.id}${suffix}`,
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

/** A case's ratio to its floor within one round, in req/s and by server CPU per request. */
interface PairRatio {
  readonly id: CaseId;
  readonly floorId: CaseId;
  /** Against the case's own floor (the target applies), or against the floor sending the same answer. */
  readonly target: boolean;
  readonly byRate: number;
  readonly byCpu: number;
  readonly text: string;
}

function pairRatios(round: Round): PairRatio[] {
  const byId = new Map(round.map((r) => [r.case.id, r]));
  return round.flatMap((r) => {
    const pairs: PairRatio[] = [];
    for (const [floorId, target] of [[r.case.floor, true], [r.case.sameAnswerFloor, false]] as const) {
      const floor = floorId === undefined ? undefined : byId.get(floorId);
      if (floor === undefined) continue;
      const byRate = ratio(r, floor);
      const byCpu = cpuPerRequest(floor) / cpuPerRequest(r);
      const what = target ? '' : ' (same answer)';
      const text = `${r.case.id}/${floor.case.id}${what}: ${byRate.toFixed(2)} in req/s; ${byCpu.toFixed(2)} by server CPU per request (${cpuPerRequest(floor).toFixed(3)} / ${cpuPerRequest(r).toFixed(3)} ms)`;
      pairs.push({ id: r.case.id, floorId: floor.case.id, target, byRate, byCpu, text });
    }
    return pairs;
  });
}

/** `a/b: 0.85 in req/s; 0.80 by server CPU per request` for each case with a floor, per round, then medians. */
export function ratioLines(rounds: readonly Round[]): string[] {
  if (rounds.length === 1) return pairRatios(rounds[0] ?? []).map((p) => p.text);
  const lines = rounds.flatMap((round, n) => pairRatios(round).map((p) => `round ${n + 1}: ${p.text}`));
  for (const pairs of ratiosByPair(rounds).values()) {
    const first = pairs[0];
    if (first === undefined) continue;
    lines.push(
      `median of ${pairs.length}: ${first.id}/${first.floorId}${first.target ? '' : ' (same answer)'}: ${median(pairs.map((p) => p.byRate)).toFixed(2)} in req/s; ` +
        `${median(pairs.map((p) => p.byCpu)).toFixed(2)} by server CPU per request`,
    );
  }
  return lines;
}

/** Every round's ratio of each pair (`a/b`, `a/f`), by pair. */
function ratiosByPair(rounds: readonly Round[]): Map<string, PairRatio[]> {
  const byPair = new Map<string, PairRatio[]>();
  for (const pair of rounds.flatMap(pairRatios)) {
    const key = `${pair.id}/${pair.floorId}`;
    byPair.set(key, [...(byPair.get(key) ?? []), pair]);
  }
  return byPair;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Problems that make the run's figures meaningless: errors, non-2xx, wrong answers, outgoing calls. */
export function correctnessProblems(rounds: readonly Round[]): string[] {
  const problems: string[] = [];
  for (const { case: c, result, outgoing } of rounds.flat()) {
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

/** Targets missed, in words; empty when every measured cifras case meets them (medians over rounds). */
export function missedTargets(rounds: readonly Round[]): string[] {
  const missed: string[] = [];
  const targeted = [...new Set(rounds.flat().filter((r) => r.case.target).map((r) => r.case.id))];
  const ratios = [...ratiosByPair(rounds).values()];
  for (const id of targeted) {
    const p99 = median(rounds.flat().filter((r) => r.case.id === id).map((r) => r.result.latency.p99));
    if (p99 > TARGETS.p99Ms) missed.push(`${id}: p99 ${p99} ms > ${TARGETS.p99Ms} ms`);
    const pairs = ratios.find((p) => p[0]?.id === id && p[0].target);
    if (pairs === undefined) continue;
    const byRate = median(pairs.map((p) => p.byRate));
    if (byRate < TARGETS.ratio) missed.push(`${id}: ${byRate.toFixed(2)} × its floor (${pairs[0]?.floorId ?? '?'}) < ${TARGETS.ratio}`);
  }
  return missed;
}
