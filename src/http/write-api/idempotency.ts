// `Idempotency-Key` for the write API. A write and the record of its answer commit in one
// transaction, so a retried request replays the stored answer and creates nothing; the same key
// with a different request (method, path or body) is refused. Only successful answers are
// stored: a refused request wrote nothing, so retrying it (perhaps after fixing the data) is safe.
// Two concurrent requests with one key cannot both write: the key's primary key lets one commit
// and rolls the other back, which then replays the winner's answer.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';

export interface StoredAnswer {
  readonly status: number;
  /** The JSON body as sent. */
  readonly body: string;
}

export type IdempotentOutcome =
  | { readonly kind: 'fresh'; readonly answer: StoredAnswer }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  | { readonly kind: 'mismatch' };

/** Printable ASCII, as in the IETF Idempotency-Key draft's examples (UUIDs, ULIDs, hashes). */
export const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function requestHash(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${body}`, 'utf8').digest('hex');
}

async function stored(db: Kysely<Database>, key: string, hash: string): Promise<IdempotentOutcome | undefined> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  return { kind: 'replay', answer: { status: Number(row.status), body: row.body } };
}

/**
 * Runs `write` in a transaction. With a key, a stored answer for the same request is replayed
 * instead, and a fresh answer is stored with the write. Errors thrown by `write` roll it back
 * and propagate (nothing stored).
 */
export async function runIdempotent(
  db: Kysely<Database>,
  idempotency: { readonly key: string; readonly hash: string; readonly now: Date } | null,
  write: (trx: Transaction<Database>) => Promise<StoredAnswer>,
): Promise<IdempotentOutcome> {
  if (idempotency === null) return { kind: 'fresh', answer: await db.transaction().execute(write) };
  const { key, hash, now } = idempotency;
  const earlier = await stored(db, key, hash);
  if (earlier !== undefined) return earlier;
  try {
    const answer = await db.transaction().execute(async (trx) => {
      const result = await write(trx);
      await trx
        .insertInto('idempotency_keys')
        .values({ key, request_hash: hash, status: result.status, body: result.body, created_at: now.toISOString() })
        .execute();
      return result;
    });
    return { kind: 'fresh', answer };
  } catch (error) {
    // Lost a race with the same key: the winner's answer is there now.
    const winner = await stored(db, key, hash);
    if (winner !== undefined) return winner;
    throw error;
  }
}
