// The production senders' edits and replies against the fake platforms, which answer as the real
// ones do: a Telegram edit to the same text is "message is not modified" (done), one of a deleted
// message "message to edit not found" (impossible); a Discord PATCH of a deleted message is 10008
// Unknown Message. A reply to a message that is gone still goes out, as a plain message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, strike, strong, text } from '../../src/core/reply.js';
import { discordSender } from '../../src/platforms/discord/sender.js';
import { telegramSender } from '../../src/platforms/telegram/sender.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';

const first = reply('es', text(strong('Nueva cifra · Presos políticos')), text('Foro Penal: ', strong('902')));
const edited = reply('es', text(strong('Nueva cifra · Presos políticos')), text('Foro Penal: ', strike('902'), ' ', strong('926')), text('Corregida el 6 ene 2026: recuento'));

describe('Telegram sender: edits and replies', () => {
  let fake: FakeTelegramApi;
  beforeEach(async () => void (fake = await startFakeTelegramApi()));
  afterEach(async () => fake.close());

  it('keeps the message id, edits it, takes "not modified" as done and a deleted message as impossible', async () => {
    const sender = telegramSender({ token: '1:t', webhookSecret: null, apiRoot: fake.url });
    const sent = await sender.send({ platform: 'telegram', chatId: '-100', threadId: '9' }, first, 'n');
    expect(sent).toEqual({ kind: 'sent', ref: { chatId: '-100', messageId: String(fake.messages[0]!.messageId), threadId: '9' }, parts: 1 });
    const ref = sent.kind === 'sent' ? sent.ref! : undefined!;
    expect(await sender.edit(ref, edited)).toEqual({ kind: 'edited' });
    expect(fake.messages[0]?.text).toContain('<s>902</s> <b>926</b>');
    // Again, the same text: Telegram answers 400 "message is not modified", which means done.
    expect(await sender.edit(ref, edited)).toEqual({ kind: 'edited' });
    expect(fake.calls.filter((c) => c.method === 'editMessageText').map((c) => c.status)).toEqual([200, 400]);
    expect(fake.edits).toHaveLength(1);

    const notice = await sender.send({ platform: 'telegram', chatId: '-100', threadId: '9' }, first, 'n', { replyTo: ref });
    expect(notice.kind).toBe('sent');
    expect(fake.messages[1]).toMatchObject({ replyTo: fake.messages[0]!.messageId, threadId: '9', params: { link_preview_options: { is_disabled: true } } });
    fake.deleteMessage('-100', fake.messages[0]!.messageId);
    expect(await sender.edit(ref, first)).toEqual({ kind: 'impossible', reason: 'Bad Request: message to edit not found' });
    // The original gone, a reply to it still goes out (allow_sending_without_reply).
    expect((await sender.send({ platform: 'telegram', chatId: '-100', threadId: '9' }, first, 'n', { replyTo: ref })).kind).toBe('sent');
    expect(fake.messages[2]?.replyTo).toBeNull();
  });
});

describe('Discord sender: edits and replies', () => {
  let fake: FakeDiscordApi;
  beforeEach(async () => void (fake = await startFakeDiscordApi()));
  afterEach(async () => fake.close());

  it('keeps the message id, PATCHes it, and takes 10008 Unknown Message as impossible', async () => {
    const sender = discordSender({ applicationId: '1', publicKey: '0'.repeat(64), botToken: 'b', apiBase: fake.url });
    const sent = await sender.send({ platform: 'discord', chatId: '55', threadId: null }, first, 'cifras-1');
    expect(sent).toEqual({ kind: 'sent', ref: { chatId: '55', messageId: fake.messages[0]!.id, threadId: null }, parts: 1 });
    const ref = sent.kind === 'sent' ? sent.ref! : undefined!;
    expect(await sender.edit(ref, edited)).toEqual({ kind: 'edited' });
    expect(fake.edits.map((e) => [e.channelId, e.messageId])).toEqual([['55', ref.messageId]]);
    expect(JSON.stringify(fake.messages[0]?.body.embeds)).toContain('~~902~~ **926**');
    expect(fake.edits[0]?.body).toMatchObject({ allowed_mentions: { parse: [] } });

    fake.deleteMessage('55', ref.messageId);
    expect(await sender.edit(ref, edited)).toEqual({ kind: 'impossible', reason: 'Unknown Message (10008)' });
    expect((await sender.send({ platform: 'discord', chatId: '55', threadId: null }, first, 'cifras-2', { replyTo: ref })).kind).toBe('sent');
    expect(fake.messages[1]).toMatchObject({ replyTo: null, body: { message_reference: { message_id: ref.messageId, fail_if_not_exists: false } } });
  });
});
