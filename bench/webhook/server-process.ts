// Starts a server in a child process (server-child.ts under the same tsx loader as this one), so
// the server and the load generator each get a core instead of sharing one event loop; and stops
// it cleanly, collecting what it sent out. Only the child started here is ever signalled.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, OutgoingCalls, ParentMessage, ServerSpec } from './server-spec.js';

const CHILD_ENTRY = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  readonly port: number;
  readonly pid: number;
  stop(): Promise<OutgoingCalls>;
}

export interface ProcessOptions {
  /**
   * Write V8 CPU profiles into this folder when the child exits: Node names them
   * CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile, one per thread (tsx's loader runs in a worker
   * thread; the server is thread 0). Not renamed: with one name the threads overwrite each other.
   */
  readonly cpuProfileDir?: string;
}

export async function startServerProcess(spec: ServerSpec, options: ProcessOptions = {}): Promise<ServerProcess> {
  const profileDir = options.cpuProfileDir;
  const execArgv = [
    // The tsx loader this process runs under, so the child runs TypeScript too.
    ...process.execArgv.filter((arg) => !arg.startsWith('--cpu-prof')),
    ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]),
  ];
  // stdout ignored: the server's access log is written (its cost is real) but not read.
  const child = fork(CHILD_ENTRY, [JSON.stringify(spec)], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const pid = child.pid ?? -1;
  try {
    const ready = await nextMessage(child, 'ready', START_TIMEOUT_MS);
    return { port: ready.port, pid, stop: () => stop(child) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function stop(child: ChildProcess): Promise<OutgoingCalls> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const message: ParentMessage = { type: 'stop' };
    child.send(message);
    const stopped = await nextMessage(child, 'stopped', STOP_TIMEOUT_MS);
    await exited;
    return stopped.outgoing;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`bench: the server process did not send "${type}" within ${timeoutMs / 1000} s`)), timeoutMs);
    const onMessage = (message: ChildMessage): void => {
      if (message.type === type) done(null, message as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null): void => done(new Error(`bench: the server process exited (code ${code}) before sending "${type}"`));
    function done(error: Error | null, message?: Extract<ChildMessage, { type: T }>): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error !== null || message === undefined) reject(error ?? new Error('bench: no message'));
      else resolve(message);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
