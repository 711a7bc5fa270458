// Quiet imports stay quiet, and long messages go out whole (DESIGN.md "Delivery").
//
// `events.announced` (0/1, existing rows 1): an event of `cifras import --quiet` (a back-fill) is
// recorded and audited but announced to nobody — no immediate delivery, no line in a digest, no
// entry in the Atom feeds; the figure is on the pages and in the history like any other.
//
// A message a platform limit splits (a long digest: Telegram 4,096 characters, Discord 10 embeds
// and 6,000 characters) goes out part by part, each claimed and recorded like a delivery of its
// own: `deliveries.parts_sent` counts the parts the chat has, so a retry or a restart after a
// crash goes on from the next one, and `delivery_parts` keeps the platform id of every part after
// the first (the first stays in `deliveries.sent_*`, where edits and reply-notices look).
// Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('announced', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('deliveries').addColumn('parts_sent', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('delivery_parts')
    .addColumn('delivery_id', 'integer', (c) => c.notNull().references('deliveries.id'))
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_parts_pk', ['delivery_id', 'part'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_parts').execute();
  await db.schema.alterTable('deliveries').dropColumn('parts_sent').execute();
  await db.schema.alterTable('events').dropColumn('announced').execute();
}
