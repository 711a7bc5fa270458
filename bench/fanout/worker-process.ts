// The benchmark's delivery worker, as its own process so its memory is its own: it samples
// process.memoryUsage().rss and, on SIGTERM, stops cleanly and prints {"peakRss": bytes, "cpuMs": ms}
// (CPU after start-up: modules are loaded by then).
// Environment: DATABASE_URL, PG_SCHEMA, TELEGRAM_URL, DISCORD_URL, RATE, and FANOUT_SQL_TRACE
// (PostgreSQL statement timings, sql-trace.ts).
import { openDatabase } from '../../db/connect.js';
import { createWorker } from '../../src/delivery/worker.js';
import { discordFetchSender, telegramFetchSender } from '../../tests/fakes/fetch-senders.js';

const env = (name: string) => process.env[name] ?? '';
// Before the first connection: it wraps pg's query method.
if (env('FANOUT_SQL_TRACE')) await import('./sql-trace.js');
const database = await openDatabase(env('DATABASE_URL'), env('PG_SCHEMA') ? { pgSchema: env('PG_SCHEMA'), poolSize: 20 } : {});
const rate = Number(env('RATE') || 1000);
let peakRss = process.memoryUsage().rss;
const cpuAtStart = process.cpuUsage();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const worker = createWorker<string>({
  db: database.db,
  capabilities: database.capabilities,
  senders: { telegram: telegramFetchSender(env('TELEGRAM_URL'), '1:t'), discord: discordFetchSender(env('DISCORD_URL'), 'd') },
  render: async (job) => `event:${job.event.id} ${job.event.kind} #${job.event.figureId}`,
  logger: { info: () => {}, warn: (o: unknown, m?: string) => console.error(m, o), error: (o: unknown, m?: string) => console.error(m, o) },
  limits: { telegram: { perSecond: rate, perChatPerSecond: 1, perGroupPerMinute: 20 }, discord: { perSecond: rate } },
  maxInFlight: 128,
  pollMs: 50,
});
worker.start();
await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
await worker.stop();
clearInterval(sampler);
await database.close();
// CPU time is what a shared machine does not distort: compare runs by CPU per message.
const cpu = process.cpuUsage(cpuAtStart);
process.stdout.write(`${JSON.stringify({ peakRss, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
