// One case end to end: start its server, check a sample of answers one at a time, warm it up,
// put it under load with autocannon (every response's body checked) while the server counts its
// own CPU time (and profiles, if asked), stop it and report.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon, { type AutocannonResult } from 'autocannon';
import type { BenchCase, BenchRequest } from './cases.js';
import type { Measured, OutgoingCalls } from './server-spec.js';
import { startServerProcess } from './server-process.js';

export interface LoadShape {
  readonly connections: number;
  /** Seconds. */
  readonly duration: number;
  readonly warmup: number;
  /** Write each case's CPU profile of the measured window here. */
  readonly cpuProfileDir: string | null;
  /** The compiled server-child.js to run each server with (compile-servers.ts). */
  readonly serverEntry: string;
}

export interface CaseResult {
  readonly case: BenchCase;
  readonly result: AutocannonResult;
  readonly measured: Measured;
  /** Requests checked one at a time before the load, all right (else the case throws). */
  readonly sampled: number;
  readonly outgoing: OutgoingCalls;
  /** 1-minute load average when the case started and ended. */
  readonly load: readonly [number, number];
}

const SAMPLE = 20;

export async function runCase(bench: BenchCase, shape: LoadShape, log: (line: string) => void): Promise<CaseResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const server = await startServerProcess(bench.server, shape.serverEntry);
  const url = `http://127.0.0.1:${server.port}`;
  let result: AutocannonResult;
  let measured: Measured;
  try {
    await checkSample(bench, url);
    if (shape.warmup > 0) {
      log(`  (${bench.id}) warming up ${shape.warmup} s …`);
      await load(bench, url, shape.connections, shape.warmup);
    }
    log(`  (${bench.id}) measuring ${shape.duration} s at ${shape.connections} connections …`);
    server.startMeasuring(shape.cpuProfileDir === null ? null : join(shape.cpuProfileDir, `case-${bench.id}.cpuprofile`));
    result = await load(bench, url, shape.connections, shape.duration);
    measured = await server.endMeasuring();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  const outgoing = await server.stop();
  return { case: bench, result, measured, sampled: SAMPLE, outgoing, load: [loadBefore, loadavg()[0] ?? 0] };
}

function load(bench: BenchCase, url: string, connections: number, duration: number): Promise<AutocannonResult> {
  return autocannon({
    url,
    connections,
    duration,
    // Generous: a slow answer should show in the latency, not vanish as a timeout.
    timeout: 30,
    requests: [{ ...shape(bench.next()), setupRequest: (request) => ({ ...request, ...shape(bench.next()) }) }],
    verifyBody: (body) => bench.verify(body),
  });
}

function shape(request: BenchRequest): { method: string; path: string; headers: Record<string, string>; body?: string } {
  return { method: request.method, path: request.path, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) };
}

/** A few requests one at a time: each must be a 200 with the right answer to the question asked. */
async function checkSample(bench: BenchCase, url: string): Promise<void> {
  for (let i = 0; i < SAMPLE; i++) {
    const request = bench.next();
    const response = await fetch(url + request.path, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
    const body = await response.text();
    const named = request.asks === undefined || bench.server.kind !== 'cifras' || new RegExp(`Indicador ${request.asks}\\b`).test(body);
    if (response.status !== 200 || !bench.verify(body) || !named) {
      throw new Error(`bench: case ${bench.id} answered a sample request wrongly (HTTP ${response.status}):\n${body.slice(0, 600)}`);
    }
  }
}
