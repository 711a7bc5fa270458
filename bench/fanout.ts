// `npm run bench:fanout`: one event fanned out to 10,000 subscriptions (half Telegram, half
// Discord) through the delivery worker (its own process) against the limit-enforcing fake
// platforms, limits at 1,000 messages a second each. Reports, per platform, the achieved rate as
// a fraction of the limit (target ≥ 0.95), 429s (target 0), duplicates and losses (target 0), and
// the worker's peak RSS. Options: --db sqlite|postgres, --subs N, --rate N, and --topics N: the
// Telegram half as forum groups with N subscribed topics each, so N messages per event share one
// chat's and one group's limits (some sends must then be deferred: the planner's other path).
// --correction: after the fan-out, the figure is corrected, and what is measured is the correction:
// one edit of every message sent (their ids recorded by the fan-out) and one notice replying to
// each, 10,000 + 10,000 requests at 10,000 subscriptions (the fan-out itself is not measured then).
// Environment: FANOUT_PROFILE=<dir> writes the worker's CPU profile there; FANOUT_SQL_TRACE=1
// prints its PostgreSQL statements by total time (bench/fanout/sql-trace.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { correctFigure, reportFigure } from '../src/domain/figures.js';
import { upsertIndicator } from '../src/domain/indicators.js';
import { upsertSource } from '../src/domain/sources.js';
import { startFakeDiscordApi } from '../tests/fakes/fake-discord-api.js';
import { startFakeTelegramApi } from '../tests/fakes/fake-telegram-api.js';
import { openPostgresTestDatabase, openSqliteTestDatabase, POSTGRES_URL, uniqueSchema } from '../tests/support/databases.js';
import type { DatabaseHandle } from '../db/connect.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' }, subs: { type: 'string', default: '10000' }, rate: { type: 'string', default: '1000' }, topics: { type: 'string', default: '1' }, correction: { type: 'boolean', default: false } } });
const CORRECTION = values.correction === true;
const SUBS = Number(values.subs);
const RATE = Number(values.rate);
const TOPICS = Number(values.topics);

/** The i-th subscription's chat: Telegram private chats, or forum groups with TOPICS topics each. */
function chatOf(i: number): { platform: string; chat_id: string; thread_id: string } {
  if (i % 2 === 1) return { platform: 'discord', chat_id: String(900_000_000_000_000_000n + BigInt(i)), thread_id: '' };
  if (TOPICS <= 1) return { platform: 'telegram', chat_id: String(100_000 + i), thread_id: '' };
  const k = i / 2;
  return { platform: 'telegram', chat_id: String(-1_000_000_000_000 - Math.floor(k / TOPICS)), thread_id: String((k % TOPICS) + 1) };
}

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; env: Record<string, string>; cleanup(): void }> {
  if (values.db === 'postgres') {
    const schema = uniqueSchema('fanout');
    return { handle: await openPostgresTestDatabase(schema), env: { DATABASE_URL: POSTGRES_URL, PG_SCHEMA: schema }, cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cifras-fanout-'));
  const url = `sqlite:${join(dir, 'fanout.db')}`;
  return { handle: await openSqliteTestDatabase(url), env: { DATABASE_URL: url }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function seed(handle: DatabaseHandle): Promise<number> {
  const ctx = { actor: 'bench', now: new Date() };
  await upsertIndicator(handle.db, { slug: 'political-prisoners', kind: 'stock', name: { es: 'Presos políticos', en: 'Political prisoners' } }, ctx);
  await upsertSource(handle.db, { slug: 'ngo', kind: 'ngo', name: 'NGO', url: 'https://ngo.example' }, ctx);
  const at = ctx.now.toISOString();
  const rows = Array.from({ length: SUBS }, (_, i) => ({
    ...chatOf(i),
    scope: i % 4 < 2 ? '*' : 'political-prisoners',
    locale: 'es',
    status: 'active' as const,
    paused_reason: null,
    created_by: 'bench',
    created_at: at,
    updated_at: at,
  }));
  for (let i = 0; i < rows.length; i += 500) await handle.db.insertInto('subscriptions').values(rows.slice(i, i + 500)).execute();
  const figure = await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'ngo', value: { kind: 'exact', value: 902 }, asOf: '2025-12-20', url: 'https://ngo.example/902' }, ctx);
  return figure.id;
}

async function waitUntilDelivered(handle: DatabaseHandle, started: number): Promise<void> {
  for (;;) {
    const busy = await handle.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<string>().as('n')).where('status', 'in', ['pending', 'sending']).executeTakeFirstOrThrow();
    if (Number(busy.n) === 0) return;
    if (Date.now() - started > 120_000) throw new Error(`still ${busy.n} deliveries busy after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function platformReport(name: string, expected: number, keys: readonly string[], times: readonly number[], rateLimited: number) {
  const distinct = new Set(keys).size;
  const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
  const rate = (times.length - 1) / seconds;
  return { platform: name, messages: keys.length, seconds: +seconds.toFixed(2), rate: Math.round(rate), fractionOfLimit: +(rate / RATE).toFixed(3), rateLimited429: rateLimited, duplicates: keys.length - distinct, losses: expected - distinct };
}

/**
 * The correction's requests on one platform: an edit of each message (key: the message) and a
 * notice to each chat (key: the chat), every one a reply; the rate is over both together.
 */
function correctionReport(name: string, expected: number, edits: readonly { key: string; at: number }[], notices: readonly { key: string; at: number; reply: boolean }[], rateLimited: number) {
  const times = [...edits, ...notices].map((r) => r.at);
  const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
  const rate = (times.length - 1) / seconds;
  const distinctEdits = new Set(edits.map((e) => e.key)).size;
  const distinctNotices = new Set(notices.map((n) => n.key)).size;
  return {
    platform: name,
    edits: edits.length,
    notices: notices.length,
    notReplies: notices.filter((n) => !n.reply).length,
    seconds: +seconds.toFixed(2),
    rate: Math.round(rate),
    fractionOfLimit: +(rate / RATE).toFixed(3),
    rateLimited429: rateLimited,
    duplicates: edits.length - distinctEdits + notices.length - distinctNotices,
    losses: expected - distinctEdits + expected - distinctNotices,
  };
}

const { handle, env, cleanup } = await openBenchDatabase();
const telegram = await startFakeTelegramApi({ limits: { perSecond: RATE, perChatPerSecond: 1, perGroupPerMinute: 20 } });
const discord = await startFakeDiscordApi({ perSecond: RATE });
try {
  const figureId = await seed(handle);
  const started = Date.now();
  const child = spawn(process.execPath, [...(process.env.FANOUT_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.FANOUT_PROFILE] : []), '--import', 'tsx', 'bench/fanout/worker-process.ts'], { env: { ...process.env, ...env, TELEGRAM_URL: telegram.url, DISCORD_URL: discord.url, RATE: String(RATE) }, stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilDelivered(handle, started);
  // What the fan-out left, for --correction to measure only what came after.
  const sentBefore = { telegram: telegram.messages.length, discord: discord.messages.length };
  if (CORRECTION) {
    await correctFigure(handle.db, figureId, { kind: 'exact', value: 926 }, 'recount', { actor: 'bench', now: new Date() });
    await waitUntilDelivered(handle, Date.now());
  }
  child.kill('SIGTERM');
  await exited;
  const { peakRss, cpuMs } = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { peakRss?: number; cpuMs?: number };
  const half = SUBS / 2;
  const report = CORRECTION
    ? [
        correctionReport('telegram', half, telegram.edits.map((e) => ({ key: `${e.chatId}:${e.messageId}`, at: e.at })), telegram.messages.slice(sentBefore.telegram).map((m) => ({ key: `${m.chatId}:${m.threadId ?? ''}`, at: m.at, reply: m.replyTo !== null })), telegram.rateLimited.overall + telegram.rateLimited.chat + telegram.rateLimited.group),
        correctionReport('discord', half, discord.edits.map((e) => ({ key: `${e.channelId}:${e.messageId}`, at: e.at })), discord.messages.slice(sentBefore.discord).map((m) => ({ key: m.channelId, at: m.at, reply: m.replyTo !== null })), discord.rateLimited.global),
      ]
    : [
        platformReport('telegram', half, telegram.messages.map((m) => `${m.chatId}:${m.threadId ?? ''}`), telegram.messages.map((m) => m.at), telegram.rateLimited.overall + telegram.rateLimited.chat + telegram.rateLimited.group),
        platformReport('discord', half, discord.messages.map((m) => m.channelId), discord.messages.map((m) => m.at), discord.rateLimited.global),
      ];
  console.log(`${CORRECTION ? 'correction (edits + reply notices) after a fan-out' : 'fan-out'} of one event to ${SUBS} subscriptions on ${values.db}, limits ${RATE}/s per platform${TOPICS > 1 ? `, Telegram as groups of ${TOPICS} topics` : ''}`);
  console.table(report);
  const requests = CORRECTION ? 3 * SUBS : SUBS;
  console.log(`worker peak RSS: ${peakRss ? (peakRss / 1024 / 1024).toFixed(1) : '?'} MiB; worker CPU ${cpuMs ? ((cpuMs * 1000) / requests).toFixed(0) : '?'} µs per request (${requests} in all); wall time ${((Date.now() - started) / 1000).toFixed(1)} s (includes worker start-up); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const ok = report.every((r) => r.fractionOfLimit >= 0.95 && r.rateLimited429 === 0 && r.duplicates === 0 && r.losses === 0 && (!('notReplies' in r) || r.notReplies === 0));
  console.log(ok ? 'targets met' : 'TARGETS MISSED');
  process.exitCode = ok ? 0 : 1;
} finally {
  await Promise.all([telegram.close(), discord.close()]);
  await handle.close();
  cleanup();
}
