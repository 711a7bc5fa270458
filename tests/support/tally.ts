// Small readers for what a flood of requests got back: how many of each outcome, and one series of
// a Prometheus counter from /metrics' text.

/** How many times each outcome occurs: `{ answer: 5, silence: 94 }`. */
export function tally(outcomes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

/** One series' value in Prometheus text, e.g. `commands_limited_total{platform="telegram",limit="user"}`; 0 when absent. */
export function counterValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}
