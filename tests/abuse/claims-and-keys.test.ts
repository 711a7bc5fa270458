// Issue 16 item 8: nobody can grow processed_updates or idempotency_keys with requests that are
// refused. A non-editor spamming /report (Telegram private chat, Discord server) is told no and
// leaves no claimed id behind; an API write that fails leaves no idempotency key, so the same key
// works once the request is fixed. Each through the real entry point, on SQLite and PostgreSQL;
// each beside the allowed request that does leave its row, so the counts can tell.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { FIGURE, buildWriteApp, call } from '../admin/api-support.js';
import { interactionId, slashCommand, startDiscordHarness, USER_ID, type DiscordHarness } from '../platforms/discord/interaction-harness.js';
import { messageUpdate, privateChat, startTelegramHarness, user, webhookReply, type TelegramHarness } from '../platforms/telegram/telegram-harness.js';
import { dialects } from '../support/databases.js';

const OWNER = 9001;
const SPAM = 25;

async function rows(db: Kysely<Database>, table: 'processed_updates' | 'idempotency_keys' | 'figures'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const reportText = (n: number) => `/report political-prisoners foro-penal ${500 + n} 2025-12-01 https://example.org/spam/${n}`;

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`refused requests claim nothing (${dialect.name})`, () => {
    describe('Telegram /report from a non-editor in a private chat', () => {
      let h: TelegramHarness;
      beforeEach(async () => {
        h = await startTelegramHarness(dialect, undefined, { env: { CIFRAS_OWNERS: `telegram:${OWNER}` } });
      });
      afterEach(async () => h.close());

      it('answers each one no and keeps no update id; the owner’s /report keeps one', async () => {
        const figures = await rows(h.handle.db, 'figures');
        for (let n = 0; n < SPAM; n++) {
          const answer = await webhookReply(await h.post(messageUpdate(reportText(n), { chat: privateChat(7001), from: user(7001) })));
          expect(String(answer?.text)).toMatch(/^⚠️ .*editor/);
        }
        expect(await rows(h.handle.db, 'processed_updates')).toBe(0);
        expect(await rows(h.handle.db, 'figures')).toBe(figures);

        const owner = await webhookReply(await h.post(messageUpdate(reportText(99), { chat: privateChat(OWNER), from: user(OWNER) })));
        expect(String(owner?.text)).not.toMatch(/^⚠️/);
        expect(await rows(h.handle.db, 'processed_updates')).toBe(1);
        expect(await rows(h.handle.db, 'figures')).toBe(figures + 1);
      });
    });

    describe('Discord /report from a non-editor in a server', () => {
      let handle: DatabaseHandle;
      let h: DiscordHarness;
      beforeEach(async () => {
        handle = await dialect.open();
        h = await startDiscordHarness(handle, { env: { CIFRAS_OWNERS: `discord:${USER_ID}` } });
      });
      afterEach(async () => h.close());

      const report = (n: number, userId: string) =>
        slashCommand(
          'report',
          { indicator: 'political-prisoners', source: 'foro-penal', value: String(500 + n), 'as-of': '2025-12-01', url: `https://example.org/spam/${n}` },
          { id: interactionId(), user: { id: userId, username: 'u', discriminator: '0', global_name: 'U', avatar: null } },
        );

      it('answers each one no and keeps no interaction id; the owner’s /report keeps one', async () => {
        const figures = await rows(handle.db, 'figures');
        for (let n = 0; n < SPAM; n++) {
          const { status, body } = await h.send(report(n, '111111111111111111'));
          expect(status).toBe(200);
          expect(body.data?.flags).toBe(64);
          expect(body.data?.embeds?.[0]?.description).toMatch(/editor/);
        }
        expect(await rows(handle.db, 'processed_updates')).toBe(0);
        expect(await rows(handle.db, 'figures')).toBe(figures);

        const { body } = await h.send(report(99, USER_ID));
        expect(body.data?.flags).toBeUndefined();
        await h.tasks.drain(); // a write may be answered deferred and finish after the answer
        expect(await rows(handle.db, 'processed_updates')).toBe(1);
        expect(await rows(handle.db, 'figures')).toBe(figures + 1);
      });
    });

    describe('a write API request that fails', () => {
      let handle: DatabaseHandle;
      beforeEach(async () => {
        handle = await dialect.open();
      });
      afterEach(async () => handle.close());

      it('stores no key, whether refused by validation or by the rules, and the fixed request then takes it', async () => {
        await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2026-01-01T00:00:00Z') });
        const app = buildWriteApp(handle);
        const headers = { 'Idempotency-Key': 'fails-then-fixed' };
        const failures = [
          { body: { ...FIGURE, value: 'many' }, status: 422 }, // the rules: an unreadable value
          { body: { ...FIGURE, value: { exact: -1 } }, status: 422 }, // the rules: a negative count
          { body: { ...FIGURE, value: true }, status: 400 }, // validation: the wrong shape
          { body: { ...FIGURE, source: 'not-yet' }, status: 422 }, // the rules: an unknown source, thrown inside the write
          { body: { ...FIGURE, asOf: '2999-01-01' }, status: 422 }, // a date in the future
        ];
        for (const failure of failures) {
          expect((await call(app, '/api/v1/figures', { body: failure.body, headers })).status).toBe(failure.status);
          expect(await rows(handle.db, 'idempotency_keys')).toBe(0);
        }
        expect((await call(app, '/api/v1/figures', { body: FIGURE, headers })).status).toBe(201);
        expect(await rows(handle.db, 'idempotency_keys')).toBe(1);
      });
    });
  });
}
