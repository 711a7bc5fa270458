// Puts due digests in the outbox: for each daily or weekly subscription whose period has ended and
// saw at least one event in its scope, one `digest` delivery, claimed and sent like any other. The
// unique (subscription_id, digest_period) makes it exactly one per subscription and period however
// many workers run this at once, and after a crash; a quiet period makes none. The period before
// the latest is looked at too, so a worker that was down at the hour still sends it when it is back.
// Only announced events count: a quiet import (a back-fill) never makes a digest of its own.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { endedPeriod, type DigestClock, type DigestFrequency, type DigestPeriod } from './digest-period.js';

const FREQUENCIES: readonly DigestFrequency[] = ['daily', 'weekly'];

async function scheduleOne(db: Kysely<Database>, period: DigestPeriod, now: Date): Promise<number> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  // The period's first event in the subscription's scope; null when the period was quiet for it.
  const firstEvent = sql<number | null>`(
    select min(e.id) from events e
    inner join figures f on f.id = e.figure_id
    inner join indicators i on i.id = f.indicator_id
    where e.created_at >= ${start} and e.created_at < ${end} and e.announced = 1
      and (s.scope = '*' or i.slug = s.scope)
  )`;
  const result = await db
    .insertInto('deliveries')
    .columns(['event_id', 'subscription_id', 'status', 'due_at', 'created_at', 'kind', 'digest_period'])
    .expression((eb) =>
      eb
        .selectFrom('subscriptions as s')
        .select([
          firstEvent.as('event_id'),
          's.id',
          sql.val('pending').as('status'),
          sql.val(end).as('due_at'),
          sql.val(now.toISOString()).as('created_at'),
          sql.val('digest').as('kind'),
          sql.val(period.key).as('digest_period'),
        ])
        .where('s.frequency', '=', period.frequency)
        .where('s.status', '=', 'active')
        .where('s.created_at', '<', end)
        .where(firstEvent, 'is not', null),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'digest_period']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Queues the digests due at `now`; answers how many were new. */
export async function scheduleDigests(db: Kysely<Database>, now: Date, clock: DigestClock): Promise<number> {
  let queued = 0;
  for (const frequency of FREQUENCIES) {
    for (const back of [1, 0]) queued += await scheduleOne(db, endedPeriod(frequency, now, clock, back), now);
  }
  return queued;
}
