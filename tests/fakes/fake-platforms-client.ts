// Starts the fake Telegram and Discord APIs in a child process (fake-platforms-process.ts) and
// talks to it over IPC: their URLs, what they recorded, and stopping them. For tests that judge
// receipt times: in a child nothing else runs on the fakes' event loop, so those times are when
// requests arrived, not when the test process's loop next got round to them.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakePlatformsMessage, FakePlatformsOptions, FakePlatformsRequest, FakePlatformsSnapshot } from './fake-platforms-process.js';

export type { FakePlatformsOptions, FakePlatformsSnapshot } from './fake-platforms-process.js';

export interface FakePlatformsProcess {
  readonly telegramUrl: string;
  readonly discordUrl: string;
  readonly pid: number;
  /** Everything the fakes recorded so far; `resetLoopDelay` starts a new loop-delay measure after it. */
  snapshot(options?: { resetLoopDelay?: boolean }): Promise<FakePlatformsSnapshot>;
  /** Stops the child (SIGKILL if it does not exit promptly); safe to call more than once. */
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./fake-platforms-process.ts', import.meta.url));

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startFakePlatformsProcess(options: FakePlatformsOptions = {}, startTimeoutMs = 30_000): Promise<FakePlatformsProcess> {
  // node --import tsx directly (not npx): the child is then this process's own child, so a kill reaches it.
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FAKE_PLATFORMS_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
  };
  let ready: Extract<FakePlatformsMessage, { type: 'ready' }>;
  try {
    ready = await withTimeout(
      new Promise<Extract<FakePlatformsMessage, { type: 'ready' }>>((resolve, reject) => {
        child.on('message', (message: FakePlatformsMessage) => message.type === 'ready' && resolve(message));
        child.once('error', reject);
        child.once('exit', (code, signal) => reject(new Error(`fake platforms process exited before it was ready (${signal ?? code})`)));
      }),
      startTimeoutMs,
      'starting the fake platforms process',
    );
  } catch (error) {
    await kill();
    throw error;
  }

  let nextId = 1;
  const waiting = new Map<number, { resolve: (snapshot: FakePlatformsSnapshot) => void; reject: (error: Error) => void }>();
  child.on('message', (message: FakePlatformsMessage) => {
    if (message.type !== 'snapshot') return;
    waiting.get(message.id)?.resolve(message.snapshot);
    waiting.delete(message.id);
  });
  child.once('exit', (code, signal) => {
    for (const { reject } of waiting.values()) reject(new Error(`fake platforms process exited (${signal ?? code})`));
    waiting.clear();
  });

  return {
    telegramUrl: ready.telegramUrl,
    discordUrl: ready.discordUrl,
    pid: child.pid!,
    snapshot(options = {}) {
      const id = nextId++;
      const answer = new Promise<FakePlatformsSnapshot>((resolve, reject) => waiting.set(id, { resolve, reject }));
      child.send({ type: 'snapshot', id, resetLoopDelay: options.resetLoopDelay } satisfies FakePlatformsRequest);
      return withTimeout(answer, 10_000, 'fake platforms snapshot').finally(() => waiting.delete(id));
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'close' } satisfies FakePlatformsRequest);
      await withTimeout(exited(child), 5000, 'closing the fake platforms process').catch(kill);
    },
  };
}
