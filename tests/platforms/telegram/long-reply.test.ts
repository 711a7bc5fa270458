// A reply of several messages is finished, never restarted (issue 16, item 5), through the real
// webhook on both databases: a 429 on part 3 of 5 is waited out in the request (every part once, in
// order, answered 200); a failure that outlasts the request leaves the rest to the re-delivered
// update, which sends only what is missing; a copy left by a crashed replica is taken over from
// its stored parts once its claim runs out, and never while another copy holds it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { defineCommand } from '../../../src/core/command.js';
import { createRegistry } from '../../../src/core/registry.js';
import { reply, text } from '../../../src/core/reply.js';
import { MESSAGE_MAX_CHARS } from '../../../src/platforms/telegram/render.js';
import { dialects } from '../../support/databases.js';
import { callbackQueryUpdate, messageUpdate, privateChat, startTelegramHarness, webhookReply, type TelegramHarness } from './telegram-harness.js';

/** Five paragraphs that each nearly fill a message: a reply of exactly five parts. */
const five = defineCommand({
  name: 'five',
  alias: null,
  description: { es: 'Cinco mensajes', en: 'Five messages' },
  options: [],
  access: 'anyone',
  handler: async (ctx) => reply(ctx.locale, ...Array.from({ length: 5 }, (_, i) => text(`part ${i + 1} ${'x'.repeat(MESSAGE_MAX_CHARS - 100)}`))),
});

const partsSent = (h: TelegramHarness) => h.api.messages.map((m) => m.text.split(' ').slice(0, 2).join(' '));
const ALL = ['part 1', 'part 2', 'part 3', 'part 4', 'part 5'];

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`a Telegram reply of several messages (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect, createRegistry([...commands, five]));
    });
    afterEach(async () => {
      await h.close();
    });

    const progress = () => h.handle.db.selectFrom('reply_progress').selectAll().execute();

    it('waits out a 429 with retry_after on part 3 of 5: every part once, in order, and a 200', async () => {
      h.api.setFault({ type: 'too_many', retryAfter: 1 }, { call: 'sendMessage', after: 2, times: 1 });
      const started = Date.now();
      const response = await h.post(messageUpdate('/five'));
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(partsSent(h)).toEqual(ALL);
      expect(h.api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(6);
      expect((await progress()).map((r) => r.sent)).toEqual([5]);
    });

    it('a failure that outlasts the request is finished by the re-delivered update, which sends only the missing parts', async () => {
      h.api.setFault({ type: 'server_error', status: 502 }, { call: 'sendMessage', after: 2, times: 3 });
      const update = messageUpdate('/five');
      // Telegram is told to send the update again: the only way to resume, and safe now.
      expect((await h.post(update)).status).toBe(500);
      expect(partsSent(h)).toEqual(['part 1', 'part 2']);
      expect((await h.post(update)).status).toBe(200);
      expect(partsSent(h)).toEqual(ALL);
      // Once more after it was finished: nothing goes out again.
      expect((await h.post(update)).status).toBe(200);
      expect(partsSent(h)).toEqual(ALL);
    });

    it('a button whose answer has several messages: the question rewritten, the rest part by part, a 429 waited out, a re-delivery sending nothing', async () => {
      await h.post(messageUpdate('/five'));
      const question = h.api.messages[0]!;
      h.api.setFault({ type: 'too_many', retryAfter: 1 }, { call: 'sendMessage', after: 1, times: 1 });
      const press = callbackQueryUpdate('/five', { message_id: question.messageId, date: 0, chat: privateChat(), text: 'part 1' });
      const response = await h.post(press);
      expect(response.status).toBe(200);
      expect(await webhookReply(response)).toMatchObject({ method: 'answerCallbackQuery' });
      // The question already read like the first part ("message is not modified"): done too.
      expect(h.api.calls.filter((c) => c.method === 'editMessageText')).toHaveLength(1);
      expect(partsSent(h).slice(5)).toEqual(['part 2', 'part 3', 'part 4', 'part 5']);
      expect((await h.post(press)).status).toBe(200);
      expect(h.api.messages).toHaveLength(9);
    });

    it("takes over a crashed copy's reply from its stored parts once its claim ran out, never while it holds", async () => {
      const update = messageUpdate('/five');
      const stored = ['one', 'two', 'three', 'four', 'five'].map((word) => JSON.stringify({ text: `stored ${word}` }));
      const row = { platform: 'telegram', update_id: String(update.update_id), parts: JSON.stringify(stored), sent: 2, updated_at: new Date().toISOString() };
      // Another replica is sending it right now: this copy sends nothing and asks to be sent again.
      await h.handle.db.insertInto('reply_progress').values({ ...row, claimed_until: new Date(Date.now() + 60_000).toISOString() }).execute();
      expect((await h.post(update)).status).toBe(500);
      expect(h.api.messages).toEqual([]);
      // That replica died after part 2: its claim ran out.
      await h.handle.db.updateTable('reply_progress').set({ claimed_until: new Date(Date.now() - 1).toISOString() }).execute();
      expect((await h.post(update)).status).toBe(200);
      expect(h.api.messages.map((m) => m.text)).toEqual(['stored three', 'stored four', 'stored five']);
      expect((await progress()).map((r) => r.sent)).toEqual([5]);
    });
  });
}
