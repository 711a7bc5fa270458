// Deliveries by subscription: pausing or unsubscribing a chat cancels or removes its pending
// deliveries (src/domain/subscriptions.ts), and PostgreSQL checks the deliveries foreign key when
// a subscription row goes. The only index led by event_id, so each of those read every delivery
// ever made. Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('deliveries_subscription_idx').on('deliveries').columns(['subscription_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deliveries_subscription_idx').execute();
}
