// Property test (issue 16, "Keep it tested"): generated Telegram updates — command lines of every
// command with right and wrong arguments, updates with a field replaced by JSON of another shape,
// and bodies that are not JSON — posted with the right secret to the real webhook on SQLite and
// PostgreSQL. Never a 5xx (Telegram would re-send it forever), every answer a sendMessage with
// text, never an untranslated code in it, and nothing stored that no write should keep. Bounded
// and seeded: the same cases on every run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantEditor } from '../../src/domain/editors.js';
import { dialects } from '../support/databases.js';
import { NOW, SECRET, groupChat, messageUpdate, privateChat, startTelegramHarness, user, type TelegramHarness } from '../platforms/telegram/telegram-harness.js';
import { anyJson, commandLine, setPath } from './arbitraries.js';
import { expectNoGarbage } from './stored-data.js';

const RUNS = 400;
const SEED = 16_016;
const EDITOR = 7001;

const PATHS: readonly (readonly string[])[] = [
  ['message', 'text'], ['message', 'entities'], ['message', 'entities', '0'], ['message', 'chat'], ['message', 'chat', 'id'],
  ['message', 'from'], ['message', 'from', 'id'], ['message', 'from', 'language_code'], ['update_id'], ['message'],
  ['callback_query'], ['callback_query', 'data'], ['channel_post'], ['message', 'message_thread_id'],
];

/** An update as Telegram would send it, from an editor or a reader, in a private chat or a group. */
const wellFormed = fc.tuple(commandLine, fc.boolean(), fc.boolean()).map(([line, editor, group]) =>
  messageUpdate(line, { from: user(editor ? EDITOR : 7002, 'es'), chat: group ? groupChat : privateChat(editor ? EDITOR : 7002) }),
);
const misshapen = fc.tuple(wellFormed, fc.constantFrom(...PATHS), anyJson).map(([update, path, value]) => setPath(update, path, value));
const body = fc.oneof(
  { weight: 3, arbitrary: wellFormed.map((u) => JSON.stringify(u)) },
  { weight: 3, arbitrary: misshapen.map((u) => JSON.stringify(u) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`fuzzed Telegram updates (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeAll(async () => {
      h = await startTelegramHarness(dialect);
      await grantEditor(h.handle.db, { platform: 'telegram', userId: String(EDITOR) }, { actor: 'seed', now: NOW });
    });
    afterAll(async () => {
      await h.close();
    });

    it('never answers 5xx, answers in words, and stores no garbage', { timeout: 120_000 }, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(body, async (raw) => {
          const response = await h.app.request('/telegram/webhook', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: raw,
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect([200, 400], raw).toContain(response.status);
          const answer = await response.text();
          if (response.status !== 200 || answer === '') return;
          const call = JSON.parse(answer) as { method: string; text?: unknown };
          if (call.method !== 'sendMessage') return;
          expect(typeof call.text === 'string' && call.text.length > 0).toBe(true);
          // A DomainError's own text (`invalid_value {"input":…}`) means an error left untranslated.
          expect(String(call.text)).not.toMatch(/\b[a-z]+_[a-z_]+ \{"/);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // Both kinds of case were really tried: answered updates and refused bodies.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 3);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
      await expectNoGarbage(h.handle.db, NOW.toISOString().slice(0, 10));
    });
  });
}
