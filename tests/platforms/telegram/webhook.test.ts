// Telegram through its real entry point: Bot API updates POSTed to /telegram/webhook on the real
// HTTP app, answers read from the webhook response (webhook replies) and from the calls the fake
// Bot API received. Every test runs on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/domain/seed.js';
import { dialects } from '../../support/databases.js';
import {
  BOT_INFO,
  NOW,
  SECRET,
  callbackQueryUpdate,
  channelPostUpdate,
  editedMessageUpdate,
  groupChat,
  messageUpdate,
  privateChat,
  startTelegramHarness,
  user,
  webhookReply,
  type TelegramHarness,
} from './telegram-harness.js';

async function rowCount(h: TelegramHarness, table: 'processed_updates' | 'audit_log' | 'chats'): Promise<number> {
  const row = await h.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Telegram webhook (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
    });
    afterEach(async () => {
      await h.close();
    });

    it('answers /count presos políticos in a private chat within the webhook response', async () => {
      const response = await h.post(messageUpdate('/count presos políticos'));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const body = await webhookReply(response);
      expect(body).toMatchObject({
        method: 'sendMessage',
        chat_id: privateChat().id,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      });
      const text = String(body?.text);
      expect(text).toContain('<b>Presos políticos</b>');
      expect(text).toMatch(/<b>Foro Penal<\/b>: 902 — al 20 dic 2025/);
      expect(text).toContain('<a href="https://kudupinter.com/?p=110469">kudupinter.com</a>');
      expect(text).toMatch(/ · #\d+ · ⚠️ desactualizada/);
      // The answer travelled in the response: no round trip to the Bot API.
      expect(h.api.calls).toEqual([]);
    });

    it('answers the same question again from the kept reply, counted, and a write shows at once', async () => {
      const first = await webhookReply(await h.post(messageUpdate('/count presos políticos')));
      const again = await webhookReply(await h.post(messageUpdate('/count presos políticos')));
      expect(again).toEqual(first);
      expect(String(first?.text)).toMatch(/<b>Foro Penal<\/b>: 902 — al 20 dic 2025/);
      await h.post(messageUpdate('/lang en'));
      expect(String((await webhookReply(await h.post(messageUpdate('/count presos políticos'))))?.text)).toContain('<b>Political prisoners</b>');
      const counted = (await h.metrics.commands.get()).values.filter((v) => v.labels.command === 'count');
      expect(counted.map((v) => [v.labels.platform, v.labels.outcome, v.value])).toEqual([['telegram', 'ok', 3]]);
      expect(h.api.calls).toEqual([]);
    });

    it('answers 401 without or with a wrong secret, and runs nothing', async () => {
      const auditBefore = await rowCount(h, 'audit_log');
      for (const secret of [null, 'wrong-secret', `${SECRET}x`]) {
        const response = await h.post(messageUpdate('/lang en'), secret);
        expect(response.status).toBe(401);
        expect(await response.text()).toBe('');
      }
      expect(h.api.calls).toEqual([]);
      expect(await rowCount(h, 'processed_updates')).toBe(0);
      expect(await rowCount(h, 'chats')).toBe(0);
      expect(await rowCount(h, 'audit_log')).toBe(auditBefore);
      const rejected = await h.metrics.webhookRejected.get();
      expect(rejected.values).toEqual([expect.objectContaining({ labels: { platform: 'telegram', reason: 'bad_secret' }, value: 3 })]);
    });

    it('answers /count@cifras_bot in a group, quoting the command', async () => {
      const update = messageUpdate(`/count@${BOT_INFO.username} releases`, { chat: groupChat, from: user(502) });
      const body = await webhookReply(await h.post(update));
      expect(body).toMatchObject({
        method: 'sendMessage',
        chat_id: groupChat.id,
        reply_parameters: { message_id: update.message.message_id, allow_sending_without_reply: true },
      });
      const text = String(body?.text);
      expect(text).toMatch(/<b>Ministerio del Poder Popular para el Servicio Penitenciario<\/b>: 99 — al 25 dic 2025/);
      expect(text).toMatch(/: 60–75 — al 25 dic 2025 \(periodo 24 dic 2025 – 25 dic 2025\)/);
      expect(text).toMatch(/<i>Rango entre fuentes<\/i>: 60 \(.+\) – 99 \(Ministerio/);
      // A reader's /count in a group asks nobody about admin rights.
      expect(h.api.calls).toEqual([]);
    });

    it('answers in the forum topic the command came from', async () => {
      const update = messageUpdate('/cifras presos', { chat: groupChat, extra: { is_topic_message: true, message_thread_id: 5 } });
      const body = await webhookReply(await h.post(update));
      expect(body).toMatchObject({ method: 'sendMessage', chat_id: groupChat.id, message_thread_id: 5 });
    });

    it('leaves a command addressed to another bot alone', async () => {
      const response = await h.post(messageUpdate('/count@other_bot releases', { chat: groupChat }));
      expect(response.status).toBe(200);
      expect(await webhookReply(response)).toBeNull();
      expect(h.api.calls).toEqual([]);
    });

    it('answers a command posted in a channel', async () => {
      const body = await webhookReply(await h.post(channelPostUpdate('/cifras presos políticos')));
      expect(body).toMatchObject({ method: 'sendMessage', chat_id: -1002, parse_mode: 'HTML' });
      expect(String(body?.text)).toContain('902');
    });

    it('ignores edited messages', async () => {
      const response = await h.post(editedMessageUpdate('/count presos políticos'));
      expect(response.status).toBe(200);
      expect(await webhookReply(response)).toBeNull();
      expect(h.api.calls).toEqual([]);
    });

    it('points to /ayuda for an unknown command in a private chat, and in a group only when addressed to us', async () => {
      const privateBody = await webhookReply(await h.post(messageUpdate('/foo bar')));
      expect(privateBody).toMatchObject({ method: 'sendMessage', chat_id: privateChat().id });
      expect(String(privateBody?.text)).toContain('/ayuda');
      const groupResponse = await h.post(messageUpdate('/foo bar', { chat: groupChat }));
      expect(await webhookReply(groupResponse)).toBeNull();
      expect(h.api.calls).toEqual([]);
      // Addressed to us by name, it is ours to answer even in a group.
      const addressed = await webhookReply(await h.post(messageUpdate(`/foo@${BOT_INFO.username}`, { chat: groupChat })));
      expect(addressed).toMatchObject({ method: 'sendMessage', chat_id: groupChat.id });
      expect(String(addressed?.text)).toContain('/ayuda');
    });

    it('answers a command typed in capitals, which grammY alone would not match', async () => {
      const body = await webhookReply(await h.post(messageUpdate('/Count presos')));
      expect(String(body?.text)).toContain('902');
    });

    it('offers buttons for an ambiguous indicator, and a button press answers the question', async () => {
      await loadDataset(
        h.handle.db,
        { indicators: [{ slug: 'political-violence', kind: 'stock', name: { es: 'Violencia política', en: 'Political violence' } }] },
        { actor: 'test', now: NOW },
      );
      const body = await webhookReply(await h.post(messageUpdate('/count political')));
      expect(body).toMatchObject({ method: 'sendMessage', parse_mode: 'HTML' });
      const keyboard = (body?.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
      expect(keyboard.flat().map((b) => b.callback_data).sort()).toEqual(['/cifras political-prisoners', '/cifras political-violence']);
      const button = keyboard.flat().find((b) => b.callback_data === '/cifras political-prisoners');
      expect(button?.text).toBe('Presos políticos');

      const choiceMessage = { message_id: 77, date: 1, chat: privateChat(), from: BOT_INFO, text: String(body?.text) };
      const press = callbackQueryUpdate(button?.callback_data ?? '', choiceMessage);
      const answer = await webhookReply(await h.post(press));
      expect(answer).toEqual({ method: 'answerCallbackQuery', callback_query_id: press.callback_query.id });
      const edit = h.api.calls.find((c) => c.method === 'editMessageText');
      expect(edit?.params).toMatchObject({ chat_id: privateChat().id, message_id: 77, parse_mode: 'HTML' });
      expect(String(edit?.params.text)).toMatch(/<b>Foro Penal<\/b>: 902/);
      // The choice's buttons are gone with the question; the answer's Share button is there instead.
      expect(edit?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Compartir', switch_inline_query: 'Presos políticos' }]] });
    });

    it('answers a re-delivered /lang but applies it once; then answers in English', async () => {
      const update = messageUpdate('/lang en');
      const first = await webhookReply(await h.post(update));
      expect(String(first?.text)).toMatch(/English/);
      const again = await webhookReply(await h.post(update));
      expect(again).toMatchObject({ method: 'sendMessage', chat_id: privateChat().id });
      expect(String(again?.text)).toContain('already handled');
      const langAudits = await h.handle.db.selectFrom('audit_log').select('id').where('action', '=', 'chat.lang').execute();
      expect(langAudits).toHaveLength(1);

      const count = await webhookReply(await h.post(messageUpdate('/count presos políticos')));
      const text = String(count?.text);
      expect(text).toContain('<b>Political prisoners</b>');
      expect(text).toMatch(/<b>Foro Penal<\/b>: 902 — as of 20 Dec 2025/);
      expect(text).toContain('⚠️ stale');
    });

    it('re-answers a re-delivered read-only command (nothing to apply twice)', async () => {
      const update = messageUpdate('/count presos');
      for (let i = 0; i < 2; i++) expect(String((await webhookReply(await h.post(update)))?.text)).toContain('902');
      expect(await rowCount(h, 'processed_updates')).toBe(0);
    });

    it('lets a group admin set the language and refuses a plain member, asking Telegram once per user', async () => {
      const member = await webhookReply(await h.post(messageUpdate('/idioma en', { chat: groupChat, from: user(502) })));
      expect(String(member?.text)).toMatch(/^⚠️ /);
      expect(await rowCount(h, 'chats')).toBe(0);
      const admin = await webhookReply(await h.post(messageUpdate('/idioma en', { chat: groupChat, from: user(501) })));
      expect(String(admin?.text)).toMatch(/English/);
      await h.post(messageUpdate('/idioma es', { chat: groupChat, from: user(501) }));
      const asked = h.api.calls.filter((c) => c.method === 'getChatMember').map((c) => String(c.params.user_id));
      expect(asked).toEqual(['502', '501']);
    });

    it('treats an anonymous group admin (sender_chat is the group) as an admin', async () => {
      const update = messageUpdate('/lang en', {
        chat: groupChat,
        from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
        extra: { sender_chat: groupChat },
      });
      expect(String((await webhookReply(await h.post(update)))?.text)).toMatch(/English/);
      expect(h.api.calls).toEqual([]);
    });

    it('escapes every piece of data in the HTML', async () => {
      await loadDataset(
        h.handle.db,
        {
          sources: [{ slug: 'tricky', kind: 'ngo', name: '<b>X</b> & "Y"' }],
          figures: [{ indicator: 'political-prisoners', source: 'tricky', value: '12', asOf: '2026-02-20', url: 'https://example.org/a?b=1&c="2"' }],
        },
        { actor: 'test', now: NOW },
      );
      const text = String((await webhookReply(await h.post(messageUpdate('/count presos políticos'))))?.text);
      expect(text).toContain('<b>&lt;b&gt;X&lt;/b&gt; &amp; &quot;Y&quot;</b>: 12 — al 20 feb 2026');
      expect(text).not.toContain('<b>X</b>');
      expect(text).toMatch(/<a href="https:\/\/example\.org\/a\?b=1&amp;c=(&quot;|%22)2(&quot;|%22)">example\.org<\/a>/);
    });
  });
}
