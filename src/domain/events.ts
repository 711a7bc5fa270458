// The transactional outbox: a write records its event and fans it out to one delivery per
// matching active subscription, inside the write's own transaction.
import type { Transaction } from 'kysely';
import type { Database, EventKind } from '../../db/schema.js';

export async function enqueueEvent(
  trx: Transaction<Database>,
  event: { kind: EventKind; figureId: number; revision: number; indicatorSlug: string; now: Date; quiet?: boolean },
): Promise<number> {
  const at = event.now.toISOString();
  const { id } = await trx
    .insertInto('events')
    .values({ kind: event.kind, figure_id: event.figureId, revision: event.revision, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (event.quiet === true) return id;
  await trx
    .insertInto('deliveries')
    .columns(['event_id', 'subscription_id', 'status', 'due_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('subscriptions')
        .select((s) => [
          s.val(id).as('event_id'),
          'subscriptions.id',
          s.val('pending').as('status'),
          s.val(at).as('due_at'),
          s.val(at).as('created_at'),
        ])
        .where('status', '=', 'active')
        .where((w) => w.or([w('scope', '=', '*'), w('scope', '=', event.indicatorSlug)])),
    )
    .execute();
  return id;
}
