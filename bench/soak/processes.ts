// The real processes under test: `cifras serve --no-worker` and `cifras worker` (through tsx, as
// the production tests start them: one node process each, so a SIGKILL reaches the process
// itself), on one fixed loopback port so a restarted server is where the writers look for it.
// Only processes started here are ever signalled.
import { freePort, spawnServer, waitReady, type ServerProcess } from '../../tests/production/support/server-process.js';

export type Role = 'server' | 'worker';

export interface Kill {
  readonly role: Role;
  /** Epoch ms of the SIGKILL. */
  readonly at: number;
}

export interface Processes {
  readonly url: string;
  readonly kills: readonly Kill[];
  /** SIGKILLs `role` and starts it again (the server: until it answers /readyz). */
  killAndRestart(role: Role): Promise<void>;
  /** SIGTERM both, the worker first (it finishes its sends and gives its claims back). */
  stop(): Promise<void>;
  /** The current processes' output, for a failed run's report. */
  output(): string;
}

export async function startProcesses(env: Record<string, string>): Promise<Processes> {
  const port = String(await freePort());
  const withPort = { ...env, PORT: port, HOST: '127.0.0.1' };
  const spawn = async (role: Role): Promise<ServerProcess> => {
    const child = await spawnServer(withPort, role === 'server' ? ['serve', '--no-worker'] : ['worker']);
    if (role === 'server') await waitReady(child);
    return child;
  };
  // The server first: it migrates and seeds; the worker then finds the tables in place.
  const running: Record<Role, ServerProcess> = { server: await spawn('server'), worker: await spawn('worker') };
  const kills: Kill[] = [];
  return {
    url: `http://127.0.0.1:${port}`,
    kills,
    async killAndRestart(role) {
      kills.push({ role, at: Date.now() });
      await running[role].kill('SIGKILL');
      running[role] = await spawn(role);
    },
    async stop() {
      await running.worker.kill('SIGTERM');
      await running.server.kill('SIGTERM');
    },
    output: () =>
      (['server', 'worker'] as const).map((role) => `--- ${role} stdout\n${running[role].stdout().slice(-4000)}\n--- ${role} stderr\n${running[role].stderr().slice(-4000)}`).join('\n'),
  };
}
