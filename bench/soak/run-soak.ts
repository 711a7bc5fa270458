// One soak run on one database: the fake platforms with random faults, the real server and worker,
// subscriptions, then writes for `duration` seconds while the server and the worker are SIGKILLed
// and restarted at random moments; then the writes stop, the outbox drains, and the account is made.
import { openDatabase } from '../../db/connect.js';
import { startFakeDiscordApi } from '../../tests/fakes/fake-discord-api.js';
import { startFakeTelegramApi } from '../../tests/fakes/fake-telegram-api.js';
import { APPLICATION_ID } from '../../tests/support/discord-interactions.js';
import { createInteractionSigner } from '../../tests/support/discord-signing.js';
import { account, type SoakAccount } from './account.js';
import { createChaos, type FaultKind } from './chaos.js';
import { processDatabase } from '../../tests/support/process-database.js';
import type { SoakDatabase, SoakOptions } from './options.js';
import { startProcesses, type Kill } from './processes.js';
import { randomInt as between, seededRandom } from '../query/random.js';
import { SUBSCRIBERS, subscribeAll } from './subscribe.js';
import { API_TOKEN, OWNER, TELEGRAM_SECRET, startWriters } from './writers.js';

export interface SoakRun {
  readonly database: SoakDatabase;
  readonly account: SoakAccount;
  readonly kills: readonly Kill[];
  readonly faults: { readonly telegram: Record<FaultKind, number>; readonly discord: Record<FaultKind, number> };
  /** Seconds from the last write to an empty outbox. */
  readonly drainSeconds: number;
  /** The processes' last output, kept for a failed run. */
  readonly output: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(database: SoakDatabase, options: SoakOptions, log: (line: string) => void): Promise<SoakRun> {
  // Separate streams, so that adding a fault draw does not move the kill moments.
  const faultRandom = seededRandom(options.seed);
  const killRandom = seededRandom(options.seed + 1);
  const writeRandom = seededRandom(options.seed + 2);
  const chaos = createChaos(faultRandom);
  const telegram = await startFakeTelegramApi({ randomFault: chaos.telegram });
  const discord = await startFakeDiscordApi({ randomFault: chaos.discord });
  const store = await processDatabase(database, options.postgresUrl, 'cifras-soak');
  const signer = createInteractionSigner();
  const env = {
    DATABASE_URL: store.url,
    LOG_LEVEL: 'warn',
    CIFRAS_SEED: 'true',
    ADMIN_API_TOKEN: API_TOKEN,
    CIFRAS_OWNERS: `telegram:${OWNER}`,
    PUBLIC_URL: 'https://cifras.example.org',
    TELEGRAM_BOT_TOKEN: '123456:SOAK-token_abc',
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_API_ROOT: telegram.url,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_BOT_TOKEN: 'soak-discord-token',
    DISCORD_API_BASE: discord.url,
  };
  let processes: Awaited<ReturnType<typeof startProcesses>> | undefined;
  try {
    log(`${database}: starting the server and the worker`);
    processes = await startProcesses(env);
    await subscribeAll(processes.url, signer);
    await waitForSubscriptions(store.url, SUBSCRIBERS.length);
    const start = Date.now();
    const end = start + options.duration * 1000;
    for (const s of SUBSCRIBERS.filter((s) => s.fragile)) chaos.breakAt(s.chatId, start + between(killRandom, 200, 700) * options.duration);
    log(`${database}: writing for ${options.duration} s under faults, killing and restarting processes`);
    const writers = startWriters(processes.url, writeRandom);
    for (;;) {
      const wait = between(killRandom, 4000, 10_000);
      if (Date.now() + wait > end - 2000) break;
      await sleep(wait);
      const role = killRandom() < 0.5 ? 'server' : 'worker';
      log(`${database}: SIGKILL ${role} at ${((Date.now() - start) / 1000).toFixed(1)} s`);
      await processes.killAndRestart(role);
    }
    await sleep(Math.max(0, end - Date.now()));
    await writers.stop();
    const written = Date.now();
    log(`${database}: ${writers.records.length} writes sent; waiting for the outbox to drain (at most ${options.drainTimeout} s)`);
    await waitForDrain(store.url, options.drainTimeout * 1000);
    const drainSeconds = (Date.now() - written) / 1000;
    const run: SoakRun = {
      database,
      account: await account(store.url, writers.records, SUBSCRIBERS, { telegram, discord }, processes.kills),
      kills: processes.kills,
      faults: chaos.injected,
      drainSeconds,
      output: processes.output(),
    };
    return run;
  } finally {
    await processes?.stop();
    await telegram.close();
    await discord.close();
    await store.close();
  }
}

/** Until no delivery is pending or being sent, or `timeoutMs` has passed (the account then counts what is left). */
async function waitForDrain(databaseUrl: string, timeoutMs: number): Promise<void> {
  const handle = await openDatabase(databaseUrl);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const row = await handle.db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('status', 'in', ['pending', 'sending'])
        .executeTakeFirstOrThrow();
      if (Number(row.n) === 0) return;
      await sleep(500);
    }
  } finally {
    await handle.close();
  }
}

/** The subscriptions made through the webhooks are all there (a Discord answer may have been deferred). */
async function waitForSubscriptions(databaseUrl: string, expected: number): Promise<void> {
  const handle = await openDatabase(databaseUrl);
  try {
    for (let waited = 0; ; waited += 200) {
      const rows = await handle.db.selectFrom('subscriptions').select('id').where('status', '=', 'active').execute();
      if (rows.length === expected) return;
      if (waited > 15_000) throw new Error(`soak: ${rows.length} of ${expected} subscriptions were made through the webhooks`);
      await sleep(200);
    }
  } finally {
    await handle.close();
  }
}
