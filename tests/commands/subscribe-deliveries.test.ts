// /deliveries: editors list paused subscriptions and failed (dead) deliveries, resume the one and
// retry the other — through the real dispatcher with the real editors, on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Invocation } from '../../src/core/invocation.js';
import { createRegistry } from '../../src/core/registry.js';
import { runCommand } from '../../src/core/run-command.js';
import { grantEditor, isEditor } from '../../src/domain/editors.js';
import { reportFigure } from '../../src/domain/figures.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { pause, subscribe } from '../../src/domain/subscriptions.js';
import { parseValue } from '../../src/domain/value.js';
import { renderPlainText } from '../../src/platforms/console/render-plain-text.js';
import { dialects } from '../support/databases.js';

const NOW = new Date('2026-01-05T12:00:00Z');
const config = { owners: [{ platform: 'telegram' as const, userId: '1' }], defaultLocale: 'en' as const };
const EDITOR = '2002';

function asUser(userId: string, rawArgs = '', commandName = 'deliveries'): Invocation {
  return {
    platform: 'telegram',
    commandName,
    rawArgs,
    user: { platform: 'telegram', id: userId, isChatAdmin: true, languageCode: 'en' },
    chat: { id: userId, type: 'private' },
  };
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`/deliveries (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let gone: number;
    let busy: number;
    const run = async (invocation: Invocation): Promise<string> =>
      renderPlainText(await runCommand(createRegistry(commands), invocation, { db: handle.db, config, now: () => NOW, isEditor }));

    beforeEach(async () => {
      handle = await dialect.open();
      const earlier = { actor: 'seed', now: new Date('2026-01-01T00:00:00Z') };
      await seedIfEmpty(handle.db, earlier);
      await grantEditor(handle.db, { platform: 'telegram', userId: EDITOR }, earlier);
      // Two subscribed chats and one event for each; the worker then gave up on both in its own way.
      gone = (await subscribe(handle.db, { platform: 'telegram', chatId: '-100111', threadId: '7', scope: '*', locale: 'es' }, earlier)).subscription.id;
      busy = (await subscribe(handle.db, { platform: 'discord', chatId: '1234567890123456789', scope: 'political-prisoners', locale: 'en' }, earlier)).subscription.id;
      await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2025-12-31', url: 'https://example.org/910' }, earlier);
      await handle.db.updateTable('deliveries').set({ status: 'dead', attempts: 8, last_error: 'HTTP 502 Bad Gateway' }).execute();
      await pause(handle.db, gone, 'Forbidden: bot was kicked from the group chat', { actor: 'system:delivery', now: earlier.now });
    });
    afterEach(async () => handle.close());

    it('lists paused subscriptions and dead deliveries to editors only', async () => {
      expect(await run(asUser('3003'))).toBe('⚠ Only editors can use /deliveries.');
      const deliveries = await handle.db.selectFrom('deliveries').select(['id', 'subscription_id']).orderBy('id').execute();
      const goneDelivery = deliveries.find((d) => d.subscription_id === gone)!.id;
      const busyDelivery = deliveries.find((d) => d.subscription_id === busy)!.id;
      expect(await run(asUser(EDITOR))).toBe(
        [
          `Paused subscriptions\n  • ${gone} · telegram -100111 (thread 7) · * · 2026-01-01 · Forbidden: bot was kicked from the group chat`,
          'Failed deliveries\n' +
            `  • ${busyDelivery} · new #5 · discord 1234567890123456789 · 8 attempts · HTTP 502 Bad Gateway\n` +
            `  • ${goneDelivery} · new #5 · telegram -100111 · 8 attempts · HTTP 502 Bad Gateway`,
          'Type /deliveries resume <subscription> or /deliveries retry <delivery> with its number.',
        ].join('\n\n'),
      );
      expect(await run(asUser('1', '', 'entregas'))).toMatch(/^Paused subscriptions\n/);
    });

    it('retries a dead delivery of an active subscription: back in the queue, due now, audited', async () => {
      const row = await handle.db.selectFrom('deliveries').select('id').where('subscription_id', '=', busy).executeTakeFirstOrThrow();
      expect(await run(asUser(EDITOR, `retry ${row.id}`))).toBe(`Delivery ${row.id} is back in the queue: it is sent as soon as its subscription is active.`);
      const after = await handle.db.selectFrom('deliveries').select(['status', 'attempts', 'due_at']).where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(after).toEqual({ status: 'pending', attempts: 0, due_at: NOW.toISOString() });
      expect(await run(asUser(EDITOR, `retry ${row.id}`))).toBe(`⚠ There is no failed delivery ${row.id}: nothing changes.`);
      expect(await run(asUser(EDITOR, 'retry 9999'))).toBe('⚠ There is no failed delivery 9999: nothing changes.');
      expect(await run(asUser(EDITOR, 'retry'))).toMatch(/^⚠ The number is missing: type \/deliveries retry followed by/);
      const audit = await handle.db.selectFrom('audit_log').select(['actor', 'target']).where('action', '=', 'delivery.retry').execute();
      expect(audit).toEqual([{ actor: `telegram:${EDITOR}`, target: `delivery:${row.id}` }]);
    });

    it('resumes a paused subscription; its retried delivery is then due again', async () => {
      const row = await handle.db.selectFrom('deliveries').select('id').where('subscription_id', '=', gone).executeTakeFirstOrThrow();
      expect(await run(asUser(EDITOR, `resume ${gone}`))).toBe(`Subscription ${gone} is active again: it gets the news from now on.`);
      expect(await run(asUser(EDITOR, `resume ${gone}`))).toBe(`Subscription ${gone} was not paused: nothing changes.`);
      expect(await run(asUser(EDITOR, 'resume 9999'))).toBe('⚠ There is no subscription 9999.');
      expect(await run(asUser(EDITOR, `retry ${row.id}`))).toMatch(new RegExp(`^Delivery ${row.id} is back in the queue`));
      const queued = await handle.db.selectFrom('deliveries').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(queued.status).toBe('pending');
      const sub = await handle.db.selectFrom('subscriptions').select(['status', 'paused_reason']).where('id', '=', gone).executeTakeFirstOrThrow();
      expect(sub).toEqual({ status: 'active', paused_reason: null });
      // Only the other subscription's failed delivery is left to see.
      const listed = await run(asUser(EDITOR));
      expect(listed).toMatch(/^No subscription is paused\.\n\nFailed deliveries\n {2}• \d+ · new #5 · discord 1234567890123456789 · 8 attempts/);
      expect(listed).not.toContain('-100111');
    });
  });
}
