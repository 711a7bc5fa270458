// Webhook behaviour that needs commands behaving in a particular way: a write that fails the first
// time (its update_id must be given back so Telegram's retry runs it), and a reply too long for
// one message (every part through the Bot API, in order; long-reply.test.ts has its faults).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { defineCommand } from '../../../src/core/command.js';
import { createRegistry } from '../../../src/core/registry.js';
import { reply, text } from '../../../src/core/reply.js';
import { dialects } from '../../support/databases.js';
import { messageUpdate, privateChat, startTelegramHarness, webhookReply, type TelegramHarness } from './telegram-harness.js';

let failuresLeft = 0;

const flaky = defineCommand({
  name: 'flaky',
  alias: null,
  description: { es: 'Falla la primera vez', en: 'Fails the first time' },
  options: [],
  access: 'private-or-chat-admin',
  handler: async (ctx) => {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('database went away');
    }
    return reply(ctx.locale, text('done'));
  },
});

const long = defineCommand({
  name: 'long',
  alias: null,
  description: { es: 'Una respuesta larga', en: 'A long answer' },
  options: [],
  access: 'anyone',
  handler: async (ctx) =>
    reply(ctx.locale, { kind: 'list', title: null, items: Array.from({ length: 150 }, (_, i) => [{ text: `part ${i} ${'z'.repeat(50)}` }]) }),
});

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Telegram webhook edge cases (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect, createRegistry([...commands, flaky, long]));
    });
    afterEach(async () => {
      await h.close();
    });

    it('gives the update_id back when a write fails, so the re-delivery runs it', async () => {
      failuresLeft = 1;
      const update = messageUpdate('/flaky');
      expect((await h.post(update)).status).toBe(500);
      const retry = await webhookReply(await h.post(update));
      expect(retry?.text).toBe('done');
      const third = await webhookReply(await h.post(update));
      expect(String(third?.text)).toContain('ya se procesó');
      const outcomes = (await h.metrics.commands.get()).values.map((v) => [v.labels.command, v.labels.outcome, v.value]);
      expect(outcomes).toEqual(expect.arrayContaining([['flaky', 'ok', 1], ['flaky', 'duplicate', 1]]));
    });

    it('sends a long answer in order through the Bot API, each part recorded, nothing in the response', async () => {
      const response = await h.post(messageUpdate('/long'));
      expect(response.status).toBe(200);
      expect(await webhookReply(response)).toBeNull();
      const sent = h.api.messages.map((m) => m.text);
      expect(sent.length).toBeGreaterThan(1);
      expect(sent[0]?.startsWith('• part 0 ')).toBe(true);
      expect(sent.at(-1)).toMatch(/• part 149 z+$/);
      expect(h.api.messages.every((m) => m.chatId === String(privateChat().id) && m.params.parse_mode === 'HTML')).toBe(true);
    });
  });
}
