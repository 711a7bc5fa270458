// The fake platform servers answer the real clients (grammY, @discordjs/rest) as the platforms do.
import { REST } from '@discordjs/rest';
import { Api, GrammyError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { maxInWindow } from '../fakes/fake-server-kit.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';

let telegram: FakeTelegramApi | undefined;
let discord: FakeDiscordApi | undefined;
afterEach(async () => {
  await telegram?.close();
  await discord?.close();
  telegram = discord = undefined;
});

describe('fake Telegram Bot API', () => {
  it('answers grammY, records calls and sent messages, and reports member statuses', async () => {
    telegram = await startFakeTelegramApi({ members: { '-100': { '7': 'administrator' } } });
    const api = new Api('123:abc', { apiRoot: telegram.url });
    const sent = await api.sendMessage(-100, 'hola', { message_thread_id: 5 });
    expect(sent.message_id).toBe(1);
    expect((await api.getChatMember(-100, 7)).status).toBe('administrator');
    expect((await api.getChatMember(-100, 8)).status).toBe('member');
    expect(await api.setMyCommands([{ command: 'count', description: 'x' }])).toBe(true);
    expect(telegram.messages).toMatchObject([{ chatId: '-100', threadId: '5', text: 'hola' }]);
    expect(telegram.calls.map((c) => c.method)).toEqual(['sendMessage', 'getChatMember', 'getChatMember', 'setMyCommands']);
  });

  it('injects faults per chat, a given number of times', async () => {
    telegram = await startFakeTelegramApi();
    const api = new Api('123:abc', { apiRoot: telegram.url });
    telegram.setFault({ type: 'migrate', toChatId: -1001 }, { chatId: -5 });
    telegram.setFault({ type: 'kicked' }, { chatId: -6, times: 1 });
    const migrated = await api.sendMessage(-5, 'x').catch((e: unknown) => e);
    expect(migrated).toBeInstanceOf(GrammyError);
    expect((migrated as GrammyError).parameters.migrate_to_chat_id).toBe(-1001);
    const kicked = (await api.sendMessage(-6, 'x').catch((e: unknown) => e)) as GrammyError;
    expect([kicked.error_code, kicked.description]).toEqual([403, 'Forbidden: bot was kicked from the group chat']);
    await api.sendMessage(-6, 'again');
    expect(telegram.messages.map((m) => m.chatId)).toEqual(['-6']);
  });

  it('answers 429 with retry_after beyond the per-chat limit', async () => {
    telegram = await startFakeTelegramApi({ limits: { perChatPerSecond: 1 } });
    const api = new Api('123:abc', { apiRoot: telegram.url });
    await api.sendMessage(1, 'a');
    const limited = (await api.sendMessage(1, 'b').catch((e: unknown) => e)) as GrammyError;
    expect(limited.error_code).toBe(429);
    expect(limited.parameters.retry_after).toBe(1);
    expect(telegram.rateLimited.chat).toBe(1);
  });
});

describe('fake Discord API', () => {
  it('dedupes an enforced nonce and registers commands through @discordjs/rest', async () => {
    discord = await startFakeDiscordApi();
    const rest = new REST({ version: '10', api: discord.url }).setToken('t');
    const body = { content: 'hola', nonce: 'n1', enforce_nonce: true };
    const first = (await rest.post('/channels/111/messages', { body })) as { id: string };
    const again = (await rest.post('/channels/111/messages', { body })) as { id: string };
    expect(again.id).toBe(first.id);
    expect(discord.messages).toHaveLength(1);
    await rest.put('/applications/9/commands', { body: [{ name: 'count' }] });
    expect(discord.commands.get('global')).toEqual([{ name: 'count' }]);
  });

  it('answers faults with Discord error codes and a global 429 beyond the limit', async () => {
    discord = await startFakeDiscordApi({ perSecond: 2 });
    discord.setFault({ type: 'missing_access' }, { chatId: '222' });
    const post = (channel: string) =>
      fetch(`${discord!.url}/v10/channels/${channel}/messages`, { method: 'POST', headers: { authorization: 'Bot t', 'content-type': 'application/json' }, body: '{"content":"x"}' });
    const denied = await post('222');
    expect([denied.status, ((await denied.json()) as { code: number }).code]).toEqual([403, 50001]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('333')).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(discord.rateLimited.global).toBe(2);
    expect(maxInWindow(discord.messages.map((m) => m.at))).toBe(2);
  });
});
