// A delivery worker as its own process, for the crash test (tests/delivery/crash.test.ts), which
// SIGKILLs it mid fan-out. Configured by environment: DATABASE_URL, PG_SCHEMA (PostgreSQL test
// schema), TELEGRAM_URL, DISCORD_URL, LEASE_MS, MAX_IN_FLIGHT, RATE. SIGTERM stops it cleanly.
import { openDatabase } from '../../db/connect.js';
import { createWorker } from '../../src/delivery/worker.js';
import { discordFetchSender, telegramFetchSender } from '../fakes/fetch-senders.js';
import { renderText } from './support/harness.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const database = await openDatabase(env('DATABASE_URL'), process.env.PG_SCHEMA ? { pgSchema: process.env.PG_SCHEMA } : {});
const rate = Number(process.env.RATE ?? 200);
const worker = createWorker<string>({
  db: database.db,
  capabilities: database.capabilities,
  senders: { telegram: telegramFetchSender(env('TELEGRAM_URL'), '1:t'), discord: discordFetchSender(env('DISCORD_URL'), 'd') },
  render: renderText,
  logger: { info: () => {}, warn: () => {}, error: (obj: unknown, msg?: string) => console.error(msg, obj) },
  limits: { telegram: { perSecond: rate, perChatPerSecond: 1 }, discord: { perSecond: rate } },
  leaseMs: Number(process.env.LEASE_MS ?? 2000),
  maxInFlight: Number(process.env.MAX_IN_FLIGHT ?? 4),
  pollMs: 50,
});
worker.start();
await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
await worker.stop();
await database.close();
