// A group admin command whose admin check Telegram cannot answer (getChatMember: a dropped
// connection, a 5xx, a 429): the reply says the check could not be made and to try again, never
// "only admins may", and nothing is written. Through the real webhook, on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelegramFault } from '../../fakes/fake-telegram-api.js';
import { dialects } from '../../support/databases.js';
import { groupChat, messageUpdate, startTelegramHarness, user, webhookReply, type TelegramHarness } from './telegram-harness.js';

async function chatRows(h: TelegramHarness): Promise<number> {
  const row = await h.handle.db.selectFrom('chats').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const failures: [string, TelegramFault][] = [
  ['a dropped connection', { type: 'disconnect' }],
  ['a 502', { type: 'server_error', status: 502 }],
  ['a 429', { type: 'too_many', retryAfter: 30 }],
];

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Telegram admin check that fails (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
    });
    afterEach(async () => {
      await h.close();
    });

    for (const [what, fault] of failures) {
      it(`tells a group admin the check failed after ${what}, in Spanish, and writes nothing`, async () => {
        h.api.setFault(fault, { call: 'getChatMember', times: 1 });
        const text = String((await webhookReply(await h.post(messageUpdate('/idioma en', { chat: groupChat, from: user(501) }))))?.text);
        expect(text).toContain('No he podido comprobar si administras este chat');
        expect(text).toContain('Vuelve a probar /idioma');
        expect(text).not.toContain('solo sus administradores');
        expect(await chatRows(h)).toBe(0);
        // The failure is not remembered: the next try asks again and goes through.
        const again = String((await webhookReply(await h.post(messageUpdate('/idioma en', { chat: groupChat, from: user(501) }))))?.text);
        expect(again).toMatch(/English/);
      });
    }

    it('says it in English to an English-speaking admin', async () => {
      h.api.setFault({ type: 'server_error' }, { call: 'getChatMember', times: 1 });
      const text = String((await webhookReply(await h.post(messageUpdate('/lang es', { chat: groupChat, from: user(501, 'en') }))))?.text);
      expect(text).toContain('I could not check whether you administer this chat');
      expect(text).toContain('Try /lang again');
    });

    it('still tells a plain member that only admins may, when Telegram answers', async () => {
      const text = String((await webhookReply(await h.post(messageUpdate('/idioma en', { chat: groupChat, from: user(502) }))))?.text);
      expect(text).toContain('solo sus administradores');
    });
  });
}
