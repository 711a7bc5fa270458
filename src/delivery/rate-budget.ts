// One rate budget per bot, kept in the database so every worker shares it. Each bucket (the bot
// overall, one chat, one group) is a `rate_limits` row holding its GCRA "theoretical arrival
// time" (tat): a message may go when tat <= now + (burst - 1) * interval, and sending advances
// tat by one interval. A batch is planned in one transaction that locks its rows in key order,
// so concurrent workers serialize on the rows they share and cannot deadlock.
import { sql, type Kysely } from 'kysely';
import type { Capabilities } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { targetOf, type DeliveryJob } from './delivery-job.js';
import { isGroupChat, type PlatformLimits } from './limits.js';

/** The table this module adds (db/migrations/20260102T000000-rate-limits.ts). */
export interface RateLimitsTable {
  key: string;
  tat_ms: number;
}
type RateDb = Kysely<Database & { rate_limits: RateLimitsTable }>;

/**
 * Per-chat buckets leave a margin for jitter: the platform counts arrivals, not our send times,
 * and one request can arrive late (a cold connection, a busy event loop) and the next one early.
 * The overall bucket needs none: the platforms allow a second's burst there.
 */
const chatInterval = (ms: number) => ms * 1.05 + 150;
/** Later than this after its slot, a send counts as late (see lateChat). */
const LATE_MS = 100;
/**
 * When the bot's budget is idle, a batch starts this far ahead instead of at once: its first sends
 * are the slowest (cold connections, the other platform's claim holding the event loop), and sent
 * late they would bunch with the on-time ones after them (another worker's, say) above the limit.
 */
const START_LEAD_MS = 200;

interface Bucket {
  readonly key: string;
  readonly intervalMs: number;
  readonly burst: number;
}

export interface SendPlan {
  /** Jobs to send, each at its own time, oldest first. */
  readonly scheduled: { readonly job: DeliveryJob; readonly sendAtMs: number }[];
  /** Jobs whose chat or group is over its limit: back to the queue until retryAtMs. */
  readonly deferred: { readonly job: DeliveryJob; readonly retryAtMs: number }[];
}

function chatBuckets(platform: string, limits: PlatformLimits, chatId: string): Bucket[] {
  const buckets: Bucket[] = [];
  if (limits.perGroupPerMinute && isGroupChat(chatId)) {
    buckets.push({ key: `${platform}:group:${chatId}`, intervalMs: chatInterval(60_000 / limits.perGroupPerMinute), burst: limits.perGroupPerMinute });
  }
  if (limits.perChatPerSecond) {
    buckets.push({ key: `${platform}:chat:${chatId}`, intervalMs: chatInterval(1000 / limits.perChatPerSecond), burst: 1 });
  }
  return buckets;
}

async function ensureRows(db: RateDb, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    const values = keys.slice(i, i + 500).map((key) => ({ key, tat_ms: 0 }));
    await db.insertInto('rate_limits').values(values).onConflict((oc) => oc.column('key').doNothing()).execute();
  }
}

/**
 * Decides when each claimed job of one platform may be sent: consecutive slots of the bot's
 * overall budget, reserved for the whole batch at once; a job whose chat or group is still over
 * its limit at its slot is deferred instead, consuming nothing.
 */
export async function planSends(
  database: Kysely<Database>,
  capabilities: Capabilities,
  platform: string,
  limits: PlatformLimits,
  jobs: readonly DeliveryJob[],
  nowMs: number,
): Promise<SendPlan> {
  const db = database as unknown as RateDb;
  const perJob = jobs.map((job) => chatBuckets(platform, limits, targetOf(job).chatId));
  const keys = [...new Set([platform, ...perJob.flat().map((b) => b.key)])].sort();
  // Outside the transaction: inserting inside it could lock new rows out of key order.
  await ensureRows(db, keys);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('rate_limits')
      .select(['key', 'tat_ms'])
      .where('key', 'in', keys)
      .orderBy('key')
      .$if(capabilities.skipLocked, (q) => q.forUpdate())
      .execute();
    const tat = new Map(rows.map((r) => [r.key, Number(r.tat_ms)]));
    const changed = new Set<string>([platform]);
    const interval = 1000 / limits.perSecond;
    const earliest = (tat.get(platform) ?? 0) < nowMs ? nowMs + START_LEAD_MS : nowMs;
    const scheduled: SendPlan['scheduled'] = [];
    const deferred: SendPlan['deferred'] = [];
    jobs.forEach((job, i) => {
      // The chat's limits are checked at the moment the message will actually go out: its slot.
      const sendAt = Math.max(tat.get(platform) ?? 0, earliest);
      const buckets = perJob[i]!;
      const freeAt = Math.max(0, ...buckets.map((b) => (tat.get(b.key) ?? 0) - (b.burst - 1) * b.intervalMs));
      if (freeAt > sendAt) return void deferred.push({ job, retryAtMs: freeAt });
      for (const b of buckets) {
        tat.set(b.key, Math.max(tat.get(b.key) ?? 0, sendAt) + b.intervalMs);
        changed.add(b.key);
      }
      tat.set(platform, sendAt + interval);
      scheduled.push({ job, sendAtMs: sendAt });
    });
    const updates = [...changed].sort().map((key) => ({ key, tat_ms: tat.get(key)! }));
    for (let i = 0; i < updates.length; i += 500) {
      await trx
        .insertInto('rate_limits')
        .values(updates.slice(i, i + 500))
        .onConflict((oc) => oc.column('key').doUpdateSet({ tat_ms: (eb) => eb.ref('excluded.tat_ms') }))
        .execute();
    }
    return { scheduled, deferred };
  });
}

/**
 * A send that finished well after its slot (a cold connection, a slow platform) may have arrived
 * late: the chat's next message must then count from when it finished, not from its slot. Answers
 * the bucket to push and until when, or null when the send was on time (or chats have no limit).
 */
export function lateChat(platform: string, limits: PlatformLimits, chatId: string, slotMs: number, doneMs: number): { key: string; untilMs: number } | null {
  if (!limits.perChatPerSecond || doneMs - slotMs < LATE_MS) return null;
  return { key: `${platform}:chat:${chatId}`, untilMs: doneMs + chatInterval(1000 / limits.perChatPerSecond) };
}

/**
 * Pushes several buckets (rows that planSends created) to at least `untilMs` in one statement:
 * the recorder batches late sends and passes the latest of their times, a few ms of extra margin.
 */
export async function raiseAll(database: Kysely<Database>, keys: readonly string[], untilMs: number): Promise<void> {
  if (keys.length === 0) return;
  await raise(database as unknown as RateDb, [...keys].sort(), untilMs);
}

/** Nothing goes through bucket `key` (after a 429: the bot's overall one) before `untilMs`. */
export async function holdBudget(database: Kysely<Database>, key: string, untilMs: number): Promise<void> {
  const db = database as unknown as RateDb;
  await ensureRows(db, [key]);
  await raise(db, [key], untilMs);
}

async function raise(db: RateDb, keys: readonly string[], untilMs: number): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ tat_ms: sql<number>`case when tat_ms > cast(${untilMs} as double precision) then tat_ms else cast(${untilMs} as double precision) end` })
    .where('key', 'in', keys)
    .execute();
}
