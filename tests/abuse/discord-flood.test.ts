// Issue 16 item 4 on Discord: 300 of 300 interactions once got a public answer. Wired by the
// composition root (composeApp), signed interactions posted to the real endpoint, a clock the test
// moves. Every interaction must still be answered within 3 s, so past a limit the one notice and
// then a minimal "wait" go only to whoever asked (ephemeral): the channel sees at most the limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { loadConfig, type Env } from '../../src/config.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import type { App } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { composeApp } from '../../src/main.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { dialects } from '../support/databases.js';
import { counterValue, tally } from '../support/tally.js';
import { createInteractionSigner } from '../support/discord-signing.js';
import { APPLICATION_ID, NOW, buttonPress, slashCommand, type Answer } from '../platforms/discord/interaction-harness.js';

const MINUTE = 60_000;
const EPHEMERAL = 64;
const signer = createInteractionSigner();
const reader = (id: string) => ({ id, username: `lector${id.slice(-2)}`, discriminator: '0', global_name: null, avatar: null });
const A = reader('80351110224678901');
const B = reader('80351110224678902');

type Outcome = 'answer' | 'user notice' | 'chat notice' | 'wait' | `other: ${string}`;

/** What one interaction response was: a public answer, the notice, or the minimal wait (both ephemeral). */
function outcomeOf(status: number, answer: Answer & { data?: { content?: string } }): Outcome {
  expect(status).toBe(200);
  const description = answer.data?.embeds?.[0]?.description ?? '';
  const ephemeral = answer.data?.flags === EPHEMERAL;
  if (ephemeral && answer.data?.content === '⏳ Espera un momento.' && answer.data.embeds?.length === 0) return 'wait';
  if (ephemeral && description.includes('Vas muy rápido')) return 'user notice';
  if (ephemeral && description.includes('Demasiados comandos en este chat')) return 'chat notice';
  if (!ephemeral && answer.type === 4 && (answer.data?.embeds?.length ?? 0) > 0) return 'answer';
  return `other: ${JSON.stringify(answer).slice(0, 200)}`;
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`flood control on Discord (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let api: FakeDiscordApi;
    let app: App;
    let metrics: Metrics;
    let clock: Date;

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
      api = await startFakeDiscordApi();
      clock = NOW;
    });
    afterEach(async () => {
      await api.close();
      await handle.close();
    });

    function start(env: Env = { COMMANDS_PER_USER_PER_MINUTE: '5', COMMANDS_PER_CHAT_PER_MINUTE: '8' }): void {
      metrics = createMetrics();
      const config = loadConfig({
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        DISCORD_BOT_TOKEN: 'bot-token',
        DISCORD_API_BASE: api.url,
        ...env,
      });
      app = composeApp({ handle, config, logger: createLogger({ level: 'silent' }), metrics, now: () => clock }).app;
    }

    async function send(interaction: object): Promise<Outcome> {
      const body = JSON.stringify(interaction);
      const response = await app.request('/discord/interactions', { method: 'POST', body, headers: { 'content-type': 'application/json', ...signer.sign(body) } });
      return outcomeOf(response.status, (await response.json()) as Answer);
    }
    const flood = async (times: number, make: () => object): Promise<Outcome[]> => {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < times; i++) outcomes.push(await send(make()));
      return outcomes;
    };
    const countFrom = (user: object) => () => slashCommand('count', { indicator: 'presos políticos' }, { user });

    it('answers 100 /count from one member up to the limit, then one notice and minimal waits only they see; a second member meets the channel\'s limit; a minute later both are answered', async () => {
      start();
      const first = await flood(100, countFrom(A));
      expect(first.slice(0, 6)).toEqual(['answer', 'answer', 'answer', 'answer', 'answer', 'user notice']);
      expect(tally(first)).toEqual({ answer: 5, 'user notice': 1, wait: 94 });

      const second = await flood(10, countFrom(B));
      expect(second.slice(0, 4)).toEqual(['answer', 'answer', 'answer', 'chat notice']);
      expect(tally(second)).toEqual({ answer: 3, 'chat notice': 1, wait: 6 });
      // Nothing was deferred or followed up: every refusal was answered at once.
      expect(api.calls).toEqual([]);

      clock = new Date(NOW.getTime() + MINUTE);
      expect(await flood(1, countFrom(A))).toEqual(['answer']);
      expect(await flood(1, countFrom(B))).toEqual(['answer']);

      const text = await metrics.registry.metrics();
      expect(counterValue(text, 'commands_limited_total{platform="discord",limit="user"}')).toBe(95);
      expect(counterValue(text, 'commands_limited_total{platform="discord",limit="chat"}')).toBe(7);
      expect(counterValue(text, 'command_limit_notices_total{platform="discord",limit="user"}')).toBe(1);
      expect(counterValue(text, 'command_limit_notices_total{platform="discord",limit="chat"}')).toBe(1);
      expect(counterValue(text, 'commands_total{command="count",platform="discord",outcome="limited"}')).toBe(102);
    });

    it('limits kept answers and button presses alike, and says about how long to wait', async () => {
      start({ COMMANDS_PER_USER_PER_MINUTE: '1', COMMANDS_PER_CHAT_PER_MINUTE: '0' });
      expect(await send(countFrom(A)())).toBe('answer');
      clock = new Date(NOW.getTime() + 20_000);
      const body = JSON.stringify(slashCommand('count', { indicator: 'presos políticos' }, { user: A, locale: 'en-US' }));
      const response = await app.request('/discord/interactions', { method: 'POST', body, headers: { 'content-type': 'application/json', ...signer.sign(body) } });
      const notice = (await response.json()) as Answer;
      expect(notice.type).toBe(4);
      expect(notice.data?.flags).toBe(EPHEMERAL);
      // The guild has no /lang: the notice is in the user's Discord language.
      expect(notice.data?.embeds?.[0]?.description).toContain('You are going too fast: wait about 40 seconds before the next command.');
      expect(await send(buttonPress('count:political-prisoners', { user: A }))).toBe('wait');
    });

    it('answers everything with both limits at 0 (off)', async () => {
      start({ COMMANDS_PER_USER_PER_MINUTE: '0', COMMANDS_PER_CHAT_PER_MINUTE: '0' });
      expect(tally(await flood(30, countFrom(A)))).toEqual({ answer: 30 });
    });
  });
}
