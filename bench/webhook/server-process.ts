// Starts a server in a child process (server-child.js, compiled by compile-servers.ts), so
// the server and the load generator each get a core instead of sharing one event loop; brackets
// the measured window; stops it cleanly, collecting what it sent out. Only the child started
// here is ever signalled.
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, Measured, OutgoingCalls, ParentMessage, ServerSpec } from './server-spec.js';

const START_TIMEOUT_MS = 120_000;
const REPLY_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  readonly port: number;
  readonly pid: number;
  /** From now on the child counts its CPU time (and profiles, given a path). */
  startMeasuring(profilePath: string | null): void;
  endMeasuring(): Promise<Measured>;
  stop(): Promise<OutgoingCalls>;
}

/** `entry`: the compiled server-child.js, run by plain node (no tsx loader, as in production). */
export async function startServerProcess(spec: ServerSpec, entry: string): Promise<ServerProcess> {
  // stdout ignored: the server's access log is written (its cost is real) but not read.
  const child = fork(entry, [JSON.stringify(spec)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
  const pid = child.pid ?? -1;
  const tell = (message: ParentMessage): void => {
    child.send(message);
  };
  try {
    const ready = await nextMessage(child, 'ready', START_TIMEOUT_MS);
    return {
      port: ready.port,
      pid,
      startMeasuring: (profilePath) => tell({ type: 'measure-start', profilePath }),
      async endMeasuring() {
        const reply = nextMessage(child, 'measured', REPLY_TIMEOUT_MS);
        tell({ type: 'measure-end' });
        return (await reply).measured;
      },
      stop: () => stop(child, tell),
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

async function stop(child: ChildProcess, tell: (message: ParentMessage) => void): Promise<OutgoingCalls> {
  if (child.exitCode !== null) throw new Error(`bench: the server process had already exited (code ${child.exitCode})`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const reply = nextMessage(child, 'stopped', REPLY_TIMEOUT_MS);
    tell({ type: 'stop' });
    const stopped = await reply;
    await exited;
    return stopped.outgoing;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

type MessageOf<T extends ChildMessage['type']> = Extract<ChildMessage, { type: T }>;

function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<MessageOf<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`bench: the server process did not send "${type}" within ${timeoutMs / 1000} s`)), timeoutMs);
    const onMessage = (message: ChildMessage): void => {
      if (message.type === type) finish(null, message as MessageOf<T>);
    };
    const onExit = (code: number | null): void => finish(new Error(`bench: the server process exited (code ${code}) before sending "${type}"`));
    function finish(error: Error | null, message?: MessageOf<T>): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error === null && message !== undefined) resolve(message);
      else reject(error ?? new Error('bench: no message'));
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
