// Entry point of a server child process (compiled, then forked by server-process.ts): starts the server
// its spec names (argv[2], JSON) — importing only that server's module, so a floor does not load
// cifras — says where it listens over IPC, measures the window the parent brackets, and on "stop"
// closes the server, reports its outgoing calls and exits.
import { startMeasureWindow, type MeasureWindow } from './measure-window.js';
import type { ChildMessage, ParentMessage, RunningServer, ServerSpec } from './server-spec.js';

async function start(spec: ServerSpec): Promise<RunningServer> {
  switch (spec.kind) {
    case 'cifras':
      return (await import('./servers/cifras-server.js')).startCifras(spec);
    case 'grammy-floor':
      return (await import('./servers/grammy-floor.js')).startGrammyFloor(spec.answerHtml);
    case 'ed25519-floor':
      return (await import('./servers/ed25519-floor.js')).startEd25519Floor(spec.discordPublicKey, spec.answerData);
    case 'hono-ceiling':
      return (await import('./servers/hono-ceiling.js')).startHonoCeiling();
  }
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

async function onMessage(server: RunningServer, message: ParentMessage, window: { current: MeasureWindow | null }): Promise<void> {
  switch (message.type) {
    case 'measure-start':
      window.current = await startMeasureWindow(message.profilePath);
      return;
    case 'measure-end': {
      const measured = await window.current?.end();
      window.current = null;
      if (measured !== undefined) await send({ type: 'measured', measured });
      return;
    }
    case 'stop':
      await send({ type: 'stopped', outgoing: await server.stop() });
      process.exit(0);
  }
}

const spec = JSON.parse(process.argv[2] ?? '{}') as ServerSpec;
const server = await start(spec);
const window = { current: null as MeasureWindow | null };
process.on('message', (message: ParentMessage) => {
  onMessage(server, message, window).catch((error: unknown) => {
    console.error('bench server child:', error);
    process.exit(1);
  });
});
// The parent died without asking: do not linger.
process.on('disconnect', () => process.exit(0));
await send({ type: 'ready', port: server.port });
