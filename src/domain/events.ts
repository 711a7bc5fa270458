// The transactional outbox: a write records its event and fans it out, inside the write's own
// transaction, to one delivery per matching active subscription that is told at once (daily and
// weekly ones get the event in their digest, see src/delivery/schedule-digests.ts). A correction
// or retraction also queues one edit per message sent earlier about that figure, to any
// subscription still active, so the message a reader scrolls back to shows the value now.
// A quiet event (`cifras import --quiet`, a back-fill) is stored with `announced = 0`: no
// delivery now, and the digests and Atom feeds, which read announced events only, leave it out.
import type { Transaction } from 'kysely';
import type { Database, EventKind } from '../../db/schema.js';

export async function enqueueEvent(
  trx: Transaction<Database>,
  event: { kind: EventKind; figureId: number; revision: number; indicatorSlug: string; now: Date; quiet?: boolean },
): Promise<number> {
  const at = event.now.toISOString();
  const { id } = await trx
    .insertInto('events')
    .values({ kind: event.kind, figure_id: event.figureId, revision: event.revision, created_at: at, announced: event.quiet === true ? 0 : 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (event.kind !== 'published') await enqueueEdits(trx, id, event.figureId, at);
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
        .where('frequency', '=', 'immediate')
        .where((w) => w.or([w('scope', '=', '*'), w('scope', '=', event.indicatorSlug)])),
    )
    .execute();
  return id;
}

/**
 * One edit per earlier notification about the figure (its report's and earlier corrections'),
 * sent or still on its way: an edit of a message not yet sent waits for it (deliver-one.ts).
 * Queued before the notice, so at the same due time the edits go first.
 */
async function enqueueEdits(trx: Transaction<Database>, eventId: number, figureId: number, at: string): Promise<void> {
  await trx
    .insertInto('deliveries')
    .columns(['event_id', 'subscription_id', 'status', 'due_at', 'created_at', 'kind', 'edit_of'])
    .expression((eb) =>
      eb
        .selectFrom('deliveries as d')
        .innerJoin('events as e', 'e.id', 'd.event_id')
        .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
        .select((s) => [
          s.val(eventId).as('event_id'),
          'd.subscription_id',
          s.val('pending').as('status'),
          s.val(at).as('due_at'),
          s.val(at).as('created_at'),
          s.val('edit').as('kind'),
          'd.id',
        ])
        .where('e.figure_id', '=', figureId)
        .where('d.kind', '=', 'send')
        .where('d.status', 'in', ['pending', 'sending', 'sent'])
        .where('s.status', '=', 'active'),
    )
    .execute();
}
