// The production Discord sender against the fake Discord API: what arrives (the rendered embeds,
// no pings, the nonce), that a resend with the same nonce creates no second message, and how each
// answer is classified — 429 (answered or foreseen), 5xx and timeouts without library retries,
// 50001 / 10003 / 403, a malformed request, a wrong API base, a network failure.
import { REST } from '@discordjs/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscordConfig } from '../../../src/config.js';
import { link, reply, strong, text } from '../../../src/core/reply.js';
import type { SendTarget } from '../../../src/delivery/channel-sender.js';
import { renderDiscord } from '../../../src/platforms/discord/render.js';
import { createDeliveryRest, discordSender, openDirectMessage } from '../../../src/platforms/discord/sender.js';
import { startFakeDiscordApi, type FakeDiscordApi, type FakeDiscordOptions } from '../../fakes/fake-discord-api.js';
import { startServer } from '../../fakes/fake-server-kit.js';

const channel: SendTarget = { platform: 'discord', chatId: '111', threadId: null };
const REPLY = reply('en', text(strong('New figure · Political prisoners')), text(strong('@everyone *Foro* <Penal>'), ': ', strong('902'), ' · ', link('example.org', 'https://example.org/x')));
const MESSAGE = renderDiscord(REPLY);

describe('discordSender', () => {
  let fake: FakeDiscordApi;
  const config = (apiBase = fake.url): DiscordConfig => ({ applicationId: '1', publicKey: '0'.repeat(64), botToken: 'bot-token', apiBase });
  const sender = (timeoutMs?: number) => discordSender(config(), createDeliveryRest(config(), { timeoutMs }));
  const posts = () => fake.calls.filter((c) => c.route === 'POST /channels/:id/messages');
  const restart = async (options: FakeDiscordOptions) => {
    await fake.close();
    fake = await startFakeDiscordApi(options);
  };

  beforeEach(async () => {
    fake = await startFakeDiscordApi();
  });
  afterEach(async () => fake.close());

  it('posts the rendered embeds with no pings, the nonce and enforce_nonce, as the bot', async () => {
    expect(await sender().send(channel, REPLY, 'cifras-1')).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(fake.messages).toHaveLength(1);
    const [call] = posts();
    expect(call?.path).toBe('/v10/channels/111/messages');
    expect(call?.authorization).toBe('Bot bot-token');
    expect(call?.body).toEqual({ embeds: MESSAGE.embeds, allowed_mentions: { parse: [] }, nonce: 'cifras-1', enforce_nonce: true });
    // The admin-typed text arrives escaped; the @everyone in it pings nobody (allowed_mentions).
    expect((call?.body.embeds as { description: string }[])[0]?.description).toContain('**@everyone \\*Foro\\* \\<Penal>**');
  });

  it('posts into the thread when the target has one', async () => {
    expect(await sender().send({ ...channel, threadId: '222' }, REPLY, 'cifras-2')).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(fake.messages.map((m) => m.channelId)).toEqual(['222']);
  });

  it('a resend with the same nonce (after a crash) returns the same message: no duplicate', async () => {
    const send = sender();
    expect(await send.send(channel, REPLY, 'cifras-3')).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(await send.send(channel, REPLY, 'cifras-3')).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(posts()).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
    expect(await send.send(channel, REPLY, 'cifras-4')).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect(fake.messages).toHaveLength(2);
  });

  it('429: rate limited for Retry-After, thrown at once rather than waited out in the library', async () => {
    fake.setFault({ type: 'too_many', retryAfter: 2 }, { times: 1 });
    const started = Date.now();
    const result = await sender().send(channel, REPLY, 'cifras-5');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.kind).toBe('rate_limited');
    expect(result.kind === 'rate_limited' && result.retryAfterMs).toBeGreaterThanOrEqual(2000);
    expect(result.kind === 'rate_limited' && result.retryAfterMs).toBeLessThan(2200);
    expect(fake.messages).toHaveLength(0);
  });

  it('a global 429 also holds back the next send without making the request', async () => {
    await restart({ perSecond: 1 });
    const send = sender();
    expect(await send.send(channel, REPLY, 'a')).toEqual({ kind: 'sent', ref: expect.objectContaining({ messageId: expect.any(String) }), parts: 1 });
    expect((await send.send(channel, REPLY, 'b')).kind).toBe('rate_limited');
    expect(fake.rateLimited.global).toBe(1);
    const calls = posts().length;
    expect((await send.send({ ...channel, chatId: '333' }, REPLY, 'c')).kind).toBe('rate_limited');
    expect(posts()).toHaveLength(calls);
  });

  it('5xx: transient after one request (the worker retries, not the library)', async () => {
    fake.setFault({ type: 'server_error', status: 503 });
    const result = await sender().send(channel, REPLY, 'cifras-6');
    expect(result).toEqual({ kind: 'transient', error: expect.stringMatching(/^503 /) });
    expect(posts()).toHaveLength(1);
  });

  it('a slow answer past the timeout: transient after one request', async () => {
    fake.setFault({ type: 'slow', ms: 1500 }, { times: 1 });
    const started = Date.now();
    expect(await sender(200).send(channel, REPLY, 'cifras-7')).toEqual({ kind: 'transient', error: 'timed out' });
    expect(Date.now() - started).toBeLessThan(1200);
    expect(posts()).toHaveLength(1);
  });

  it('50001 Missing Access and 10003 Unknown Channel: permanent', async () => {
    fake.setFault({ type: 'missing_access' }, { chatId: '111' });
    fake.setFault({ type: 'unknown_channel' }, { chatId: '444' });
    expect(await sender().send(channel, REPLY, 'x')).toEqual({ kind: 'permanent', reason: 'Missing Access (50001)' });
    expect(await sender().send({ ...channel, chatId: '444' }, REPLY, 'y')).toEqual({ kind: 'permanent', reason: 'Unknown Channel (10003)' });
  });

  it('a malformed request (400) and a wrong API base (bare 404) are transient, not the channel\'s fault', async () => {
    const invalid = new REST({ version: '10', api: fake.url, retries: 0, makeRequest: async () =>
      new Response(JSON.stringify({ message: 'Invalid Form Body', code: 50035 }), { status: 400, headers: { 'content-type': 'application/json' } }) }).setToken('t');
    expect(await discordSender(config(), invalid).send(channel, REPLY, 'z')).toEqual({ kind: 'transient', error: '400 Invalid Form Body (50035)' });
    const wrongBase = discordSender(config(`${fake.url}/nothing-here`));
    expect((await wrongBase.send(channel, REPLY, 'z')).kind).toBe('transient');
  });

  it('a network failure: transient', async () => {
    const closed = await startFakeDiscordApi();
    await closed.close();
    expect((await discordSender(config(closed.url)).send(channel, REPLY, 'n')).kind).toBe('transient');
  });

  it('opens a DM channel with a user', async () => {
    const dm = await startServer(({ method, path, body }) =>
      method === 'POST' && path === '/v10/users/@me/channels' ? { status: 200, body: { id: `dm-${String(body.recipient_id)}`, type: 1 } } : { status: 404, body: { message: '404: Not Found', code: 0 } });
    try {
      expect(await openDirectMessage(createDeliveryRest(config(dm.url)), '80351110224678912')).toBe('dm-80351110224678912');
    } finally {
      await dm.close();
    }
  });
});
