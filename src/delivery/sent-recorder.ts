// Records successful sends in batches: one UPDATE … WHERE id IN (…) per batch instead of one per
// message, which is what lets one worker keep up with a thousand messages a second. A send's
// promise resolves only once its batch is written, and the worker holds the send's in-flight slot
// until then, so "sent but not yet recorded" still counts against maxInFlight: a crash can resend
// at most maxInFlight messages per platform, exactly as with one write per message.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SentMessageRef } from './channel-sender.js';

export interface SentRecorderOptions {
  /** A batch is written as soon as it holds this many sends... */
  readonly maxBatch: number;
  /** ...or this long after its first send was answered, whichever comes first. */
  readonly maxDelayMs: number;
  /** Pushes the rate buckets of chats whose send was late (rate-budget.ts raiseAll). */
  readonly raiseLate: (keys: readonly string[], untilMs: number) => Promise<void>;
}

/** A send that finished late: its chat's bucket must count from then (rate-budget.ts lateChat). */
export interface LateChat {
  readonly key: string;
  readonly untilMs: number;
}

export interface SentRecorder {
  /** Resolves once the delivery is recorded as sent; rejects if writing its batch failed. */
  record(deliveryId: number, answeredAt: Date, late?: LateChat | null, ref?: SentMessageRef): Promise<void>;
  /** Writes whatever is waiting now. */
  flush(): Promise<void>;
}

interface Waiting {
  readonly id: number;
  readonly late: LateChat | null | undefined;
  readonly ref: SentMessageRef | undefined;
  resolve(): void;
  reject(error: unknown): void;
}

/** `case id when … then … else <column> end`: each row's own message id in one UPDATE. */
function perRow(column: 'sent_chat_id' | 'sent_message_id' | 'sent_thread_id', rows: readonly Waiting[], pick: (ref: SentMessageRef) => string | null): RawBuilder<string | null> {
  return sql<string | null>`case ${sql.ref('id')} ${sql.join(
    rows.map((w) => sql`when ${w.id} then ${pick(w.ref!)}`),
    sql` `,
  )} else ${sql.ref(column)} end`;
}

export function createSentRecorder(db: Kysely<Database>, options: SentRecorderOptions): SentRecorder {
  let waiting: Waiting[] = [];
  let latest = 0;
  let timer: NodeJS.Timeout | undefined;

  async function write(batch: readonly Waiting[], sentAt: number): Promise<void> {
    const withRef = batch.filter((w) => w.ref !== undefined);
    try {
      // sent_at is the last answer of the batch: at most maxDelayMs after the real one.
      await db
        .updateTable('deliveries')
        .set({ status: 'sent', sent_at: new Date(sentAt).toISOString(), claimed_by: null, claimed_until: null, last_error: null })
        .$if(withRef.length > 0, (q) =>
          q.set({
            sent_chat_id: perRow('sent_chat_id', withRef, (r) => r.chatId),
            sent_message_id: perRow('sent_message_id', withRef, (r) => r.messageId),
            sent_thread_id: perRow('sent_thread_id', withRef, (r) => r.threadId),
          }),
        )
        .where('id', 'in', batch.map((w) => w.id))
        .execute();
      const late = batch.flatMap((w) => (w.late ? [w.late] : []));
      if (late.length > 0) await options.raiseLate([...new Set(late.map((l) => l.key))], Math.max(...late.map((l) => l.untilMs)));
      for (const w of batch) w.resolve();
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (waiting.length === 0) return Promise.resolve();
    const batch = waiting;
    waiting = [];
    return write(batch, latest);
  }

  return {
    record(id, answeredAt, late, ref) {
      const done = new Promise<void>((resolve, reject) => waiting.push({ id, late, ref, resolve, reject }));
      latest = Math.max(latest, answeredAt.getTime());
      if (waiting.length >= options.maxBatch) void flush();
      else timer ??= setTimeout(() => void flush(), options.maxDelayMs);
      return done;
    },
    flush,
  };
}
