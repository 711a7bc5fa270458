// Entry point of a server child process (forked by run-case.ts with tsx): starts the server its
// spec names (argv[2], JSON), says where it listens over IPC, and on "stop" closes it, reports its
// outgoing calls and exits — cleanly, so a --cpu-prof profile gets written.
import type { ChildMessage, ParentMessage, RunningServer, ServerSpec } from './server-spec.js';
import { startCifras } from './servers/cifras-server.js';
import { startEd25519Floor } from './servers/ed25519-floor.js';
import { startGrammyFloor } from './servers/grammy-floor.js';
import { startHonoCeiling } from './servers/hono-ceiling.js';

function start(spec: ServerSpec): Promise<RunningServer> {
  switch (spec.kind) {
    case 'cifras':
      return startCifras(spec);
    case 'grammy-floor':
      return startGrammyFloor();
    case 'ed25519-floor':
      return startEd25519Floor(spec.discordPublicKey);
    case 'hono-ceiling':
      return startHonoCeiling();
  }
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

const spec = JSON.parse(process.argv[2] ?? '{}') as ServerSpec;
const server = await start(spec);
process.on('message', (message: ParentMessage) => {
  if (message.type !== 'stop') return;
  void server.stop().then(async (outgoing) => {
    await send({ type: 'stopped', outgoing });
    process.exit(0);
  });
});
// The parent died without asking: do not linger.
process.on('disconnect', () => process.exit(0));
await send({ type: 'ready', port: server.port });
