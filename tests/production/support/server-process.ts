// Real `cifras serve` processes for the production tests: `node --import tsx src/cli.ts serve` as
// one child process (not the tsx wrapper, which would survive a SIGKILL sent to it and leave the
// server running), on a free port, with only the environment the test gives it. Output is
// captured whole so tests can read the logs; every process is killed when the test ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** tsx compiles the whole server in the child first: slow on a busy 2-core machine. */
export const START_TIMEOUT_MS = 90_000;

const CLI = resolve('src/cli.ts');

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null after a signal) and the signal, once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if it still runs and waits for it; safe to call more than once. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A port nobody listens on right now: listen on port 0, note the port, close. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The environment of a child: PATH and HOME to run node, nothing else from the developer's shell. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
}

/** Starts `cifras <args>` (default `serve --no-worker`) with `env` on a free port; does not wait for it. */
export async function spawnServer(env: Record<string, string>, args: readonly string[] = ['serve', '--no-worker']): Promise<ServerProcess> {
  return spawnServerCommand(process.execPath, ['--import', 'tsx', CLI, ...args], env);
}

/** Starts any server command (e.g. the built `node dist/src/cli.js serve`) the same way. */
export async function spawnServerCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(command, args, {
    env: childEnv({ HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: port }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd === undefined ? {} : { cwd }),
  });
  return track(child, `http://127.0.0.1:${port}`);
}

/** Runs `cifras <args>` to completion (bounded) and gives its exit code and output. */
export function runCli(env: Record<string, string>, args: readonly string[], timeoutMs = START_TIMEOUT_MS) {
  return runCommand(process.execPath, ['--import', 'tsx', CLI, ...args], env, { timeoutMs });
}

/** Runs any command to completion (killed after `timeoutMs`) with only `env` (plus PATH and HOME). */
export async function runCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  options: { readonly cwd?: string; readonly timeoutMs?: number } = {},
) {
  const timeoutMs = options.timeoutMs ?? START_TIMEOUT_MS;
  const child = spawn(command, args, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  const run = track(child, '');
  const timer = setTimeout(() => void run.kill('SIGKILL'), timeoutMs);
  const { code, signal } = await run.exited;
  clearTimeout(timer);
  return { code, signal, stdout: run.stdout(), stderr: run.stderr() };
}

function track(child: ChildProcess, url: string): ServerProcess {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close' (not 'exit'): the output pipes are drained by then.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('close', (code, signal) => done({ code, signal }));
  });
  running.add(child);
  void exited.then(() => running.delete(child));
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

const running = new Set<ChildProcess>();

/** For afterEach/afterAll: SIGKILLs every child still running (by its own pid). */
export async function killAllServers(): Promise<void> {
  const children = [...running];
  await Promise.all(children.map(async (child) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'close');
  }));
}

/** Polls GET /readyz until 200; fails with the child's output if it exits or time runs out. */
export async function waitReady(server: ServerProcess, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${server.url} was not ready (${exited ? 'the process exited' : `after ${timeoutMs} ms`})\n` +
      `--- stdout\n${server.stdout()}\n--- stderr\n${server.stderr()}`,
  );
}

/** The JSON lines the server logged to stdout (non-JSON lines are skipped). */
export function logLines(server: ServerProcess): Record<string, unknown>[] {
  return server.stdout().split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}
