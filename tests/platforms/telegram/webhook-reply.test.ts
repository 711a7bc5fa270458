// The webhook reply cifras serializes itself must be the very call grammY would have made:
// the same JSON (method, chat, text, HTML options, the chat's own fields, buttons), one per update.
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { HTML_OPTIONS, type TelegramMessage } from '../../../src/platforms/telegram/render.js';
import { sendReply } from '../../../src/platforms/telegram/send-reply.js';
import { offerWebhookReply, openWebhookReply } from '../../../src/platforms/telegram/webhook-reply.js';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from '../../../src/platforms/telegram/webhook-routes.js';
import { startFakeTelegramApi } from '../../fakes/fake-telegram-api.js';
import { BOT_INFO, SECRET, TOKEN, messageUpdate, privateChat, webhookReply } from './telegram-harness.js';

const update = (): Update => ({ update_id: 1 });
const decoded = (body: Uint8Array | null): unknown => JSON.parse(new TextDecoder().decode(body ?? new Uint8Array()));

// Quotes, backslashes, HTML, accents, a line break, an emoji and a character outside the BMP.
const message: TelegramMessage = { text: '<b>Presos "políticos"</b>\\n: 902 — al 20 dic 2025\n⚠️ 𝟗𝟎𝟐' };

describe('webhook reply', () => {
  it('is the sendMessage call grammY would send, for a private chat', () => {
    const u = update();
    const slot = openWebhookReply(u);
    expect(offerWebhookReply(u, 4242, message, {})).toBe(true);
    expect(decoded(slot.body)).toEqual({ method: 'sendMessage', chat_id: 4242, text: message.text, ...HTML_OPTIONS });
  });

  it('carries the group, topic and buttons fields, and a negative chat id', () => {
    const withButtons: TelegramMessage = {
      text: '¿Cuál?',
      reply_markup: { inline_keyboard: [[{ text: 'Presos', callback_data: 'c:/count presos' }]] },
    };
    const extra = { message_thread_id: 5, reply_parameters: { message_id: 77, allow_sending_without_reply: true } };
    const u = update();
    const slot = openWebhookReply(u);
    expect(offerWebhookReply(u, -100123, withButtons, extra)).toBe(true);
    expect(decoded(slot.body)).toEqual({
      method: 'sendMessage',
      chat_id: -100123,
      text: withButtons.text,
      ...HTML_OPTIONS,
      ...extra,
      reply_markup: withButtons.reply_markup,
    });
  });

  it('gives each chat its own body around the same text', () => {
    const [first, second] = [update(), update()];
    const slots = [openWebhookReply(first), openWebhookReply(second)];
    offerWebhookReply(first, 1, message, {});
    offerWebhookReply(second, 2, message, {});
    expect(slots.map((slot) => (decoded(slot.body) as { chat_id: number }).chat_id)).toEqual([1, 2]);
    expect(slots.map((slot) => (decoded(slot.body) as { text: string }).text)).toEqual([message.text, message.text]);
  });

  it('keeps every body intact while later ones are made, small or large', () => {
    const messages = Array.from({ length: 60 }, (_, i): TelegramMessage => ({ text: `${i}: ${'presos políticos — ⚠️ '.repeat(i % 7 === 0 ? 900 : 150)}` }));
    const slots = messages.map((m, i) => {
      const u = update();
      const slot = openWebhookReply(u);
      offerWebhookReply(u, i, m, {});
      return slot;
    });
    expect(slots.map((slot) => decoded(slot.body))).toEqual(messages.map((m, i) => ({ method: 'sendMessage', chat_id: i, text: m.text, ...HTML_OPTIONS })));
  });

  it('is refused without an open slot (long polling) and once the slot is taken', () => {
    expect(offerWebhookReply(update(), 1, message, {})).toBe(false);
    const u = update();
    const slot = openWebhookReply(u);
    expect(offerWebhookReply(u, 1, message, {})).toBe(true);
    const body = slot.body;
    expect(offerWebhookReply(u, 1, { text: 'second' }, {})).toBe(false);
    expect(slot.body).toBe(body);
  });

  it('through the webhook route: refused once grammY sent a webhook reply of its own, so the message goes by the Bot API', async () => {
    const api = await startFakeTelegramApi();
    try {
      const bot = new Bot(TOKEN, { botInfo: BOT_INFO, client: { apiRoot: api.url, canUseWebhookReply: (method) => method === 'sendMessage' } });
      bot.command('two', async (ctx) => {
        await ctx.reply('first, by grammY');
        await sendReply(ctx, bot.api, [{ text: 'second, offered after' }]);
      });
      bot.command('one', (ctx) => sendReply(ctx, bot.api, [{ text: 'only, offered' }]));
      const routes = telegramWebhookRoutes({ bot, secretToken: SECRET });
      const post = (text: string) =>
        routes.request(TELEGRAM_WEBHOOK_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
          body: JSON.stringify(messageUpdate(text)),
        });
      expect(await webhookReply(await post('/one'))).toEqual({ method: 'sendMessage', chat_id: privateChat().id, text: 'only, offered', ...HTML_OPTIONS });
      expect(api.messages).toEqual([]);
      expect(await webhookReply(await post('/two'))).toMatchObject({ method: 'sendMessage', text: 'first, by grammY' });
      expect(api.messages.map((m) => m.text)).toEqual(['second, offered after']);
    } finally {
      await api.close();
    }
  });
});
