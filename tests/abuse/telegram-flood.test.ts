// Issue 16 item 4 on Telegram: one group member once made the bot post 400 replies in 10 s. Wired
// by the composition root (composeApp: flood control built from the configuration), updates posted
// to the real webhook, a clock the test moves: past a limit one notice, then silence — the webhook
// still answering 200, so Telegram re-sends nothing — until the minute is over; kept answers,
// button presses, plain-words questions and long polling's path limited alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { commands } from '../../commands/index.js';
import { count } from '../../commands/count.js';
import { loadConfig, type Env } from '../../src/config.js';
import { createCommandLimiter } from '../../src/core/command-limiter.js';
import { createRegistry } from '../../src/core/registry.js';
import { createReadCache } from '../../src/domain/read-cache.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import type { App } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { composeApp } from '../../src/main.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { createTelegramBot } from '../../src/platforms/telegram/create-telegram-bot.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects } from '../support/databases.js';
import { counterValue, tally } from '../support/tally.js';
import { BOT_INFO, NOW, SECRET, TOKEN, callbackQueryUpdate, groupChat, messageUpdate, messageWith, privateChat, user, webhookReply } from '../platforms/telegram/telegram-harness.js';

const MINUTE = 60_000;
/** The group's limits in these tests: low, so that both show within a few updates. */
const LIMITS = { COMMANDS_PER_USER_PER_MINUTE: '5', COMMANDS_PER_CHAT_PER_MINUTE: '8' };

type Outcome = 'answer' | 'user notice' | 'chat notice' | 'silence' | `other: ${string}`;

/** What one webhook response was: an answer, a notice, or nothing sent. */
async function outcomeOf(response: Response): Promise<Outcome> {
  expect(response.status).toBe(200);
  const body = await webhookReply(response);
  if (body === null) return 'silence';
  const text = String(body.text ?? '');
  if (text.includes('Vas muy rápido')) return 'user notice';
  if (text.includes('Demasiados comandos en este chat')) return 'chat notice';
  if (text.includes('Foro Penal') || body.method === 'sendMessage') return 'answer';
  return `other: ${String(body.method)}`;
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`flood control on Telegram (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let api: FakeTelegramApi;
    let app: App;
    let metrics: Metrics;
    let clock: Date;
    let countRuns: number;

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: NOW });
      api = await startFakeTelegramApi({ members: { '-1001': { '601': 'member', '602': 'member' } } });
      clock = NOW;
      countRuns = 0;
    });
    afterEach(async () => {
      await api.close();
      await handle.close();
    });

    /** The app as `cifras serve` composes it, /count's handler counting its runs (a kept answer does not run it). */
    function start(env: Env = LIMITS): void {
      const config = loadConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: api.url,
        PUBLIC_URL: 'https://cifras.example.org',
        CIFRAS_OWNERS: 'telegram:700',
        ...env,
      });
      const counted = { ...count, handler: (...args: Parameters<typeof count.handler>) => (countRuns++, count.handler(...args)) };
      const registry = createRegistry(commands.map((command) => (command === count ? counted : command)));
      metrics = createMetrics();
      app = composeApp({ handle, config, logger: createLogger({ level: 'silent' }), metrics, now: () => clock, registry }).app;
    }

    const post = (update: object) =>
      app.request('/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
    const flood = async (times: number, text: string, from: object, chat: object = groupChat): Promise<Outcome[]> => {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < times; i++) outcomes.push(await outcomeOf(await post(messageUpdate(text, { chat, from }))));
      return outcomes;
    };

    it('answers a flood of 100 /count from one member up to the limit, then one notice, then silence; a second member meets the chat limit; a minute later both are answered', async () => {
      start();
      const first = await flood(100, '/count presos políticos', user(601));
      expect(first.slice(0, 6)).toEqual(['answer', 'answer', 'answer', 'answer', 'answer', 'user notice']);
      expect(tally(first)).toEqual({ answer: 5, 'user notice': 1, silence: 94 });
      // Nothing went out besides the webhook replies counted above (each answer is one message).
      expect(api.messages).toEqual([]);
      // Every answer after the first was a kept one: /count ran once, and the limit held all the same.
      expect(countRuns).toBe(1);

      const second = await flood(10, '/count presos políticos', user(602));
      expect(second.slice(0, 4)).toEqual(['answer', 'answer', 'answer', 'chat notice']);
      expect(tally(second)).toEqual({ answer: 3, 'chat notice': 1, silence: 6 });

      clock = new Date(NOW.getTime() + MINUTE);
      expect(await flood(1, '/count presos políticos', user(601))).toEqual(['answer']);
      expect(await flood(1, '/cifras presos políticos', user(602))).toEqual(['answer']);

      const text = await metrics.registry.metrics();
      expect(counterValue(text, 'commands_limited_total{platform="telegram",limit="user"}')).toBe(95);
      expect(counterValue(text, 'commands_limited_total{platform="telegram",limit="chat"}')).toBe(7);
      expect(counterValue(text, 'command_limit_notices_total{platform="telegram",limit="user"}')).toBe(1);
      expect(counterValue(text, 'command_limit_notices_total{platform="telegram",limit="chat"}')).toBe(1);
      expect(counterValue(text, 'commands_total{command="count",platform="telegram",outcome="limited"}')).toBe(102);
      expect(counterValue(text, 'commands_total{command="count",platform="telegram",outcome="ok"}')).toBe(10);
    });

    it('writes the notice in the chat\'s language, quoting the command, with about how long to wait', async () => {
      start({ COMMANDS_PER_USER_PER_MINUTE: '1', COMMANDS_PER_CHAT_PER_MINUTE: '0' });
      expect((await flood(1, '/count presos políticos', user(601, 'en'))).length).toBe(1);
      clock = new Date(NOW.getTime() + 15_000);
      const update = messageUpdate('/count presos políticos', { chat: groupChat, from: user(601, 'en') });
      const body = await webhookReply(await post(update));
      expect(body).toMatchObject({
        method: 'sendMessage',
        chat_id: groupChat.id,
        reply_parameters: { message_id: update.message.message_id },
        text: '⚠️ You are going too fast: wait about 45 seconds before the next command. Until then I will not answer.',
      });
    });

    it('limits kept answers too: the same question twice within the limit of one', async () => {
      start({ COMMANDS_PER_USER_PER_MINUTE: '1', COMMANDS_PER_CHAT_PER_MINUTE: '0' });
      expect(await flood(3, '/count presos políticos', user(601), privateChat(601))).toEqual(['answer', 'user notice', 'silence']);
      expect(countRuns).toBe(1);
    });

    it('answers everything with both limits at 0 (off), kept answers included', async () => {
      start({ COMMANDS_PER_USER_PER_MINUTE: '0', COMMANDS_PER_CHAT_PER_MINUTE: '0' });
      expect(tally(await flood(30, '/count presos políticos', user(601)))).toEqual({ answer: 30 });
      expect(countRuns).toBe(1);
    });

    it('answers a limited button press with only the callback answer, neither editing nor sending', async () => {
      start();
      await flood(6, '/count presos políticos', user(601));
      const choice = messageWith('¿Cuál?', groupChat, { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username });
      const body = await webhookReply(await post(callbackQueryUpdate('/count political-prisoners', choice, user(601))));
      expect(body).toMatchObject({ method: 'answerCallbackQuery' });
      expect(api.calls.filter((call) => call.method === 'editMessageText' || call.method === 'sendMessage')).toEqual([]);
    });

    it('limits plain-words questions in a private chat, whether they name an indicator or get the short help', async () => {
      start({ COMMANDS_PER_USER_PER_MINUTE: '2', COMMANDS_PER_CHAT_PER_MINUTE: '0' });
      const asked = await flood(2, '¿cuántos presos políticos hay?', user(601), privateChat(601));
      const help = await flood(2, 'hola', user(601), privateChat(601));
      expect([...asked, ...help]).toEqual(['answer', 'answer', 'user notice', 'silence']);
    });

    it('exempts the commands only editors and owners may run, for them; anyone else asking is limited', async () => {
      start({ COMMANDS_PER_USER_PER_MINUTE: '2', COMMANDS_PER_CHAT_PER_MINUTE: '3' });
      const owner = await flood(6, '/audit', user(700));
      expect(owner.every((outcome) => outcome === 'answer')).toBe(true);
      // The owner's commands took nothing from the chat: a reader still has the whole budget.
      const reader = await flood(4, '/audit', user(601));
      expect(reader).toEqual(['answer', 'answer', 'user notice', 'silence']);
    });

    it('limits the path long polling takes too (bot.handleUpdate, no webhook): the messages it sends', async () => {
      // Long polling hands each update to the bot's handleUpdate; without the webhook envelope
      // every message goes to the Bot API itself, where the fake counts it.
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, ...LIMITS });
      const bot = createTelegramBot({
        db: handle.db,
        cache: createReadCache(handle.capabilities.dataVersion),
        config,
        logger: createLogger({ level: 'silent' }),
        registry: createRegistry(commands),
        now: () => clock,
        botInfo: BOT_INFO,
        limiter: createCommandLimiter(config.commandLimits),
      });
      for (let i = 0; i < 20; i++) await bot.handleUpdate(messageUpdate('/count presos políticos', { chat: groupChat, from: user(601) }) as never);
      const texts = api.messages.map((message) => message.text);
      expect(texts.length).toBe(6);
      expect(texts.filter((t) => t.includes('Foro Penal')).length).toBe(5);
      expect(texts[5]).toContain('Vas muy rápido');
    });
  });
}
