// Subscriptions on both databases: idempotent subscribe, resume by re-subscribing, pause cancels
// pending deliveries, unsubscribe stops fan-out, chat moves, and every change audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { listAudit } from '../../src/domain/audit.js';
import { DomainError } from '../../src/domain/errors.js';
import { listForChat, listPaused, moveChat, pause, resume, subscribe, unsubscribe } from '../../src/domain/subscriptions.js';
import { dialects } from '../support/databases.js';
import { createWorld, ctx, publish } from './support/world.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`subscriptions on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
      await createWorld(handle.db);
    });
    afterEach(() => handle.close());

    const chat = { platform: 'telegram', chatId: '-100', threadId: '7' };
    const deliveries = () => handle.db.selectFrom('deliveries').select(['subscription_id', 'status']).orderBy('event_id').orderBy('subscription_id').execute();

    it('subscribes idempotently, validates the scope and audits each change', async () => {
      const first = await subscribe(handle.db, { ...chat, scope: 'prisoners', locale: 'es' }, ctx());
      const again = await subscribe(handle.db, { ...chat, scope: 'prisoners', locale: 'es' }, ctx());
      expect([first.outcome, again.outcome]).toEqual(['created', 'unchanged']);
      expect(again.subscription.id).toBe(first.subscription.id);
      await expect(subscribe(handle.db, { ...chat, scope: 'nope', locale: 'es' }, ctx())).rejects.toBeInstanceOf(DomainError);
      await subscribe(handle.db, { ...chat, scope: '*', locale: 'en' }, ctx());
      expect((await listForChat(handle.db, { platform: 'telegram', chatId: '-100' })).map((s) => [s.scope, s.threadId])).toEqual([['*', '7'], ['prisoners', '7']]);
      expect(await listForChat(handle.db, { platform: 'telegram', chatId: '-100', threadId: null })).toEqual([]);
      expect((await listAudit(handle.db, 10)).filter((a) => a.action === 'subscription.subscribe')).toHaveLength(2);
    });

    it('fans out only to matching active subscriptions; unsubscribing stops delivery', async () => {
      const a = (await subscribe(handle.db, { ...chat, scope: 'prisoners', locale: 'es' }, ctx())).subscription;
      const b = (await subscribe(handle.db, { platform: 'discord', chatId: '555', scope: '*', locale: 'en' }, ctx())).subscription;
      await subscribe(handle.db, { platform: 'discord', chatId: '556', scope: 'released', locale: 'en' }, ctx());
      await publish(handle.db, 'prisoners');
      expect(await deliveries()).toEqual([{ subscription_id: a.id, status: 'pending' }, { subscription_id: b.id, status: 'pending' }]);
      expect(await unsubscribe(handle.db, { ...chat, scope: 'prisoners' }, ctx())).toBe(true);
      expect(await unsubscribe(handle.db, { ...chat, scope: 'prisoners' }, ctx())).toBe(false);
      await publish(handle.db, 'prisoners');
      expect((await deliveries()).map((d) => d.subscription_id)).toEqual([b.id, b.id]);
    });

    it('pauses with a reason (cancelling pending deliveries) and resumes, also by re-subscribing', async () => {
      const sub = (await subscribe(handle.db, { ...chat, scope: '*', locale: 'es' }, ctx())).subscription;
      await publish(handle.db);
      const paused = await pause(handle.db, sub.id, 'bot was kicked', ctx());
      expect([paused?.status, paused?.pausedReason]).toEqual(['paused', 'bot was kicked']);
      expect(await deliveries()).toEqual([{ subscription_id: sub.id, status: 'cancelled' }]);
      await publish(handle.db);
      expect(await deliveries()).toHaveLength(1);
      expect((await listPaused(handle.db)).map((s) => s.id)).toEqual([sub.id]);
      expect((await resume(handle.db, sub.id, ctx()))?.status).toBe('active');
      await pause(handle.db, sub.id, 'again', ctx());
      expect((await subscribe(handle.db, { ...chat, scope: '*', locale: 'es' }, ctx())).outcome).toBe('resumed');
      expect(await listPaused(handle.db)).toEqual([]);
      const actions = (await listAudit(handle.db, 20)).map((a) => a.action);
      expect(actions.filter((a) => a.startsWith('subscription.'))).toEqual(['subscription.subscribe', 'subscription.pause', 'subscription.resume', 'subscription.pause', 'subscription.subscribe']);
    });

    it('moves a chat, pausing a subscription the new chat already has', async () => {
      await subscribe(handle.db, { platform: 'telegram', chatId: '-5', scope: '*', locale: 'es' }, ctx());
      const dup = (await subscribe(handle.db, { platform: 'telegram', chatId: '-5', scope: 'prisoners', locale: 'es' }, ctx())).subscription;
      await subscribe(handle.db, { platform: 'telegram', chatId: '-1005', scope: 'prisoners', locale: 'es' }, ctx());
      expect(await moveChat(handle.db, 'telegram', '-5', '-1005', ctx())).toBe(1);
      expect((await listForChat(handle.db, { platform: 'telegram', chatId: '-1005' })).map((s) => s.scope)).toEqual(['*', 'prisoners']);
      expect((await listPaused(handle.db)).map((s) => s.id)).toEqual([dup.id]);
    });
  });
}
