// Issue 16 item 6: ten admins of one group send /suscribir at the same moment, through the real
// Telegram webhook. On PostgreSQL the inserts raced into subscriptions_chat_scope_uq and most of
// them were answered "Algo salió mal"; every admin must get a correct answer and the chat one row.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import {
  groupChat,
  messageUpdate,
  startTelegramHarness,
  user,
  webhookReply,
  type TelegramHarness,
} from '../platforms/telegram/telegram-harness.js';

const ADMINS = Array.from({ length: 10 }, (_, i) => 601 + i);
// Three bursts, one per demo indicator: each burst is a fresh chance for the inserts to overlap.
const INDICATORS = [
  { slug: 'political-prisoners', name: 'Presos políticos' },
  { slug: 'forced-disappearances', name: 'Desapariciones forzadas' },
  { slug: 'post-election-releases', name: 'Excarcelaciones de detenidos postelectorales' },
];
const subscribed = (name: string) => `Listo: este chat recibirá cada cifra nueva, corrección y retirada de ${name}, en español.`;
const already = (name: string) => `Este chat ya está suscrito a ${name}: no cambia nada.`;

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`concurrent /suscribir in one group (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
      for (const id of ADMINS) h.api.setMember(String(groupChat.id), String(id), 'administrator');
    });
    afterEach(async () => {
      await h.close();
    });

    it('answers all ten admins correctly and keeps one subscription and one audit entry per indicator', async () => {
      for (const indicator of INDICATORS) {
        const responses = await Promise.all(
          ADMINS.map((id) => h.post(messageUpdate(`/suscribir ${indicator.slug}`, { chat: groupChat, from: user(id) }))),
        );
        expect(responses.map((r) => r.status)).toEqual(ADMINS.map(() => 200));
        const texts = await Promise.all(responses.map(async (r) => String((await webhookReply(r))?.text)));
        // Exactly one admin created it; the other nine were told it was already there.
        expect(texts.filter((t) => t === subscribed(indicator.name))).toHaveLength(1);
        expect(texts.filter((t) => t === already(indicator.name))).toHaveLength(ADMINS.length - 1);
      }

      const rows = await h.handle.db
        .selectFrom('subscriptions')
        .select(['chat_id', 'thread_id', 'scope', 'status', 'locale'])
        .orderBy('scope')
        .execute();
      expect(rows).toEqual(
        INDICATORS.map((i) => ({ chat_id: String(groupChat.id), thread_id: '', scope: i.slug, status: 'active', locale: 'es' })).sort((a, b) =>
          a.scope.localeCompare(b.scope),
        ),
      );
      const audits = await h.handle.db
        .selectFrom('audit_log')
        .select(sql<string | number>`count(*)`.as('n'))
        .where('action', '=', 'subscription.subscribe')
        .executeTakeFirstOrThrow();
      expect(Number(audits.n)).toBe(INDICATORS.length);
    });
  });
}
