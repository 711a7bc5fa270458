// The production Telegram sender against the fake Bot API: what arrives (HTML intact, no link
// preview, the forum topic) and how each answer is classified — success, 429, 5xx, timeout, 403,
// chat not found, migration, a malformed request, network failure — and split messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { link, reply, strong, text, type Reply } from '../../../src/core/reply.js';
import type { SendTarget } from '../../../src/delivery/channel-sender.js';
import { MAX_MESSAGES, MESSAGE_MAX_CHARS } from '../../../src/platforms/telegram/render.js';
import { telegramSender, type TelegramSenderOptions } from '../../../src/platforms/telegram/sender.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../../fakes/fake-telegram-api.js';

const TOKEN = '123:abc';
const group: SendTarget = { platform: 'telegram', chatId: '-1001', threadId: null };
const NOTIFICATION: Reply = reply(
  'es',
  text(strong('Nueva cifra · Presos <políticos>')),
  text(strong('Foro & "Penal"'), ': ', strong('902'), ' · ', link('example.org', 'https://example.org/?a=1&b=2')),
);

/** A reply too long for one message: `parts` paragraphs that each nearly fill one. */
const longReply = (parts: number): Reply =>
  reply('es', ...Array.from({ length: parts }, (_, i) => text(`part ${i + 1} ${'x'.repeat(MESSAGE_MAX_CHARS - 100)}`)));

describe('telegramSender', () => {
  let fake: FakeTelegramApi;
  const sender = (options: TelegramSenderOptions = {}) => telegramSender({ token: TOKEN, webhookSecret: null, apiRoot: fake.url }, options);
  const send = (target: SendTarget = group, notification: Reply = NOTIFICATION, options?: TelegramSenderOptions) =>
    sender(options).send(target, notification, 'cifras-1');

  beforeEach(async () => {
    fake = await startFakeTelegramApi();
  });
  afterEach(async () => fake.close());

  it('sends the rendered HTML intact, without link preview, to the chat', async () => {
    expect(await send()).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(fake.messages).toHaveLength(1);
    const [message] = fake.messages;
    expect(message?.chatId).toBe('-1001');
    expect(message?.threadId).toBeNull();
    expect(message?.text).toBe(
      '<b>Nueva cifra · Presos &lt;políticos&gt;</b>\n\n<b>Foro &amp; &quot;Penal&quot;</b>: <b>902</b> · <a href="https://example.org/?a=1&amp;b=2">example.org</a>',
    );
    expect(message?.params).toMatchObject({ parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([['sendMessage', TOKEN]]);
  });

  it('posts into the forum topic when the target has a thread', async () => {
    expect(await send({ ...group, threadId: '77' })).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(fake.messages[0]?.threadId).toBe('77');
    expect(fake.messages[0]?.params.message_thread_id).toBe(77);
  });

  it('429: rate limited for retry_after seconds', async () => {
    fake.setFault({ type: 'too_many', retryAfter: 3 }, { times: 1 });
    expect(await send()).toEqual({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(fake.messages).toHaveLength(0);
  });

  it('the fake\'s own per-chat limit is classified the same way', async () => {
    await fake.close();
    fake = await startFakeTelegramApi({ limits: { perChatPerSecond: 1 } });
    expect(await send()).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(await send()).toEqual({ kind: 'rate_limited', retryAfterMs: 1000 });
  });

  it('5xx: transient', async () => {
    fake.setFault({ type: 'server_error', status: 502 }, { times: 1 });
    expect(await send()).toEqual({ kind: 'transient', error: '502: Internal Server Error' });
  });

  it('a slow answer past the timeout: transient', async () => {
    fake.setFault({ type: 'slow', ms: 1500 }, { times: 1 });
    const started = Date.now();
    const result = await send(group, NOTIFICATION, { timeoutMs: 200 });
    expect(result.kind).toBe('transient');
    expect(result.kind === 'transient' && result.error).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('403 kicked or blocked, and 400 chat not found: permanent with the description', async () => {
    fake.setFault({ type: 'kicked' }, { chatId: '-1001' });
    fake.setFault({ type: 'blocked' }, { chatId: '55' });
    fake.setFault({ type: 'chat_not_found' }, { chatId: '-1002' });
    expect(await send()).toEqual({ kind: 'permanent', reason: 'Forbidden: bot was kicked from the group chat' });
    expect(await send({ ...group, chatId: '55' })).toEqual({ kind: 'permanent', reason: 'Forbidden: bot was blocked by the user' });
    expect(await send({ ...group, chatId: '-1002' })).toEqual({ kind: 'permanent', reason: 'Bad Request: chat not found' });
  });

  it('migrate_to_chat_id: migrated to the supergroup id', async () => {
    fake.setFault({ type: 'migrate', toChatId: '-1009876543210' }, { chatId: '-1001' });
    expect(await send()).toEqual({ kind: 'migrated', chatId: '-1009876543210' });
  });

  it('another 400 (a request we built wrong) is transient: retried, then dead, the chat not paused', async () => {
    const badRequest: typeof fetch = async () =>
      new Response(JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: can't parse entities: unclosed tag" }), { status: 400 });
    expect(await send(group, NOTIFICATION, { fetch: badRequest })).toEqual({ kind: 'transient', error: "400: Bad Request: can't parse entities: unclosed tag" });
  });

  it('TOPIC_CLOSED and missing rights are permanent; 401 (the token) is not the chat\'s fault', async () => {
    const answering = (status: number, description: string): typeof fetch => async () =>
      new Response(JSON.stringify({ ok: false, error_code: status, description }), { status });
    expect(await send(group, NOTIFICATION, { fetch: answering(400, 'Bad Request: TOPIC_CLOSED') })).toEqual({ kind: 'permanent', reason: 'Bad Request: TOPIC_CLOSED' });
    expect(await send(group, NOTIFICATION, { fetch: answering(400, 'Bad Request: not enough rights to send text messages to the chat') })).toMatchObject({ kind: 'permanent' });
    expect(await send(group, NOTIFICATION, { fetch: answering(401, 'Unauthorized') })).toEqual({ kind: 'transient', error: '401: Unauthorized' });
  });

  it('a network failure or an answer that is not JSON: transient', async () => {
    const closed = await startFakeTelegramApi();
    await closed.close();
    const unreachable = telegramSender({ token: TOKEN, webhookSecret: null, apiRoot: closed.url });
    expect((await unreachable.send(group, NOTIFICATION, 'n')).kind).toBe('transient');
    const proxyPage: typeof fetch = async () => new Response('<html>502 Bad Gateway</html>', { status: 502 });
    expect((await send(group, NOTIFICATION, { fetch: proxyPage })).kind).toBe('transient');
  });

  it('a split message goes out one part per send, in order, each answer saying how many parts there are', async () => {
    const parts = longReply(3);
    const telegram = sender();
    for (const part of [0, 1, 2]) {
      expect(await telegram.send(group, parts, 'cifras-1', { part })).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 3 });
    }
    expect(fake.messages.map((m) => m.text.slice(0, 6))).toEqual(['part 1', 'part 2', 'part 3']);
    fake.setFault({ type: 'server_error' }, { chatId: '-5' });
    expect(await telegram.send({ ...group, chatId: '-5' }, parts, 'cifras-2', { part: 1 })).toEqual({ kind: 'transient', error: '500: Internal Server Error' });
    expect(fake.messages.filter((m) => m.chatId === '-5')).toHaveLength(0);
  });

  it('a delivery is never cut short: past MAX_MESSAGES every part is still there, none marked as cut', async () => {
    const parts = longReply(MAX_MESSAGES + 2);
    const telegram = sender();
    for (let part = 0; part < MAX_MESSAGES + 2; part++) expect(await telegram.send(group, parts, 'n', { part })).toMatchObject({ kind: 'sent', parts: MAX_MESSAGES + 2 });
    expect(fake.messages.map((m) => m.text.slice(0, 7).trim())).toEqual(Array.from({ length: MAX_MESSAGES + 2 }, (_, i) => `part ${i + 1}`));
    expect(fake.messages.every((m) => !m.text.includes('recortada') && m.text.length <= MESSAGE_MAX_CHARS)).toBe(true);
    // Asked for a part past the end (the message rendered shorter since): nothing is sent, and it is done.
    expect(await telegram.send(group, parts, 'n', { part: MAX_MESSAGES + 2 })).toEqual({ kind: 'sent', parts: MAX_MESSAGES + 2 });
    expect(fake.messages).toHaveLength(MAX_MESSAGES + 2);
  });

  it('an empty rendering is never reported as sent', async () => {
    expect((await send(group, reply('es'))).kind).toBe('transient');
    expect(fake.calls).toHaveLength(0);
  });
});
