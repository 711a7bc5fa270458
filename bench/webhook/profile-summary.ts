// Reads a V8 .cpuprofile (written by `--cpu-prof`) and says where the time went: self time per
// function and per area (a package under node_modules, a folder of this project, Node internals,
// garbage collection), so a slow case points at code rather than at a flame graph.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileLine {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byArea: readonly ProfileLine[];
  readonly byFunction: readonly ProfileLine[];
  /** The project's own functions (src/, commands/) by total time: themselves and what they call. */
  readonly ownInclusive: readonly ProfileLine[];
}

export function summarizeProfile(path: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const area = new Map<string, number>();
  const fn = new Map<string, number>();
  const own = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined || isProfilerStart(id, nodes, parents)) return;
    totalUs += us;
    add(area, areaOf(frame.url, frame.functionName), us);
    add(fn, functionKey(frame), us);
    // Each of the project's functions on this sample's stack, once even if recursive.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const f = nodes.get(at)?.callFrame;
      if (f !== undefined && /\/(src|commands)\//.test(f.url) && !f.url.includes('node_modules')) seen.add(functionKey(f));
    }
    for (const key of seen) add(own, key, us);
  });
  const lines = (m: Map<string, number>): ProfileLine[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }));
  return { totalMs: totalUs / 1000, byArea: lines(area), byFunction: lines(fn), ownInclusive: lines(own) };
}

/**
 * Samples charged to the inspector call that started the profiler (measure-window.ts): V8 books
 * time there that belongs to no request, so they are left out.
 */
function isProfilerStart(id: number, nodes: ReadonlyMap<number, ProfileNode>, parents: ReadonlyMap<number, number>): boolean {
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    if (nodes.get(at)?.callFrame.url.endsWith('measure-window.ts')) return true;
  }
  return false;
}

function functionKey(frame: ProfileNode['callFrame']): string {
  return `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}`;
}

export function profileText(title: string, summary: ProfileSummary): string {
  const table = (lines: readonly ProfileLine[]): string =>
    lines.map((l) => `  ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.ms.toFixed(0).padStart(7)} ms  ${l.name}`).join('\n');
  return [
    `${title}: ${summary.totalMs.toFixed(0)} ms sampled`,
    ` by area (self time):\n${table(summary.byArea)}`,
    ` by function (self time):\n${table(summary.byFunction)}`,
    ` the project's functions by total time (with what they call):\n${table(summary.ownInclusive)}`,
  ].join('\n');
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg !== null) return pkg[1] ?? 'node_modules';
  const own = /\/(src\/[^/]+|commands|db|bench|tests)\//.exec(url);
  return own?.[1] ?? shortUrl(url);
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf('node_modules/');
  if (i >= 0) return url.slice(i + 'node_modules/'.length);
  const own = /\/(src|commands|db|bench|tests)\/.*$/.exec(url);
  return own !== null ? own[0].slice(1) : url.replace(/^file:\/\//, '');
}
