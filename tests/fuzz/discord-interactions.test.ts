// Property test (issue 16, "Keep it tested"): generated Discord interactions — slash commands of
// every command with typed options right and wrong, autocomplete and button presses, interactions
// with a field replaced by JSON of another shape, and bodies that are not JSON — each signed with
// the local Ed25519 key as Discord signs, posted to the real endpoint on SQLite and PostgreSQL.
// Never a 5xx, every 200 a valid interaction response, every 400 a JSON error, and nothing stored
// that no write should keep. Bounded and seeded.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantEditor } from '../../src/domain/editors.js';
import { dialects } from '../support/databases.js';
import { NOW, USER_ID, autocomplete, buttonPress, slashCommand, startDiscordHarness, type DiscordHarness } from '../platforms/discord/interaction-harness.js';
import { anyJson, countText, dateText, setPath, text, urlText } from './arbitraries.js';
import { expectNoGarbage } from './stored-data.js';

const RUNS = 300;
const SEED = 16_009;

const optionValue = fc.oneof(text, countText, fc.integer(), fc.constantFrom(2_147_483_648, 99_999_999_999, 0, -1));

const command = fc.oneof(
  fc.record({ indicator: fc.constantFrom('political-prisoners', 'presos', 'nope'), source: fc.constantFrom('foro-penal', 'nadie'), value: countText, 'as-of': dateText, url: urlText, note: text })
    .map((o) => ['report', o] as const),
  fc.record({ figure: fc.oneof(fc.nat(5), fc.constantFrom(2_147_483_648, 99_999_999_999)), value: countText, reason: text }).map((o) => ['correct', o] as const),
  fc.record({ figure: fc.oneof(fc.nat(5), fc.constant(2_147_483_648)), reason: text }).map((o) => ['retract', o] as const),
  fc.tuple(fc.constantFrom('count', 'history', 'sources', 'subscribe', 'lang', 'audit', 'deliveries', 'admins', 'help', 'nope'), fc.dictionary(fc.constantFrom('indicator', 'source', 'language', 'count', 'action', 'id', 'user'), optionValue, { maxKeys: 3 })),
);

const where = fc.record({ dm: fc.boolean(), locale: fc.constantFrom('es-ES', 'en-US', 'fr', '\u0000') });

const wellFormed = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(command, where).map(([[name, options], w]) => slashCommand(name, options as Record<string, string | number>, w)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('count', 'report', 'correct'), fc.constantFrom('indicator', 'source', 'figure'), text).map(([c, o, v]) => autocomplete(c, o, v)) },
  { weight: 1, arbitrary: fc.oneof(text, fc.constantFrom('/count political-prisoners', '/count nope')).map((id) => buttonPress(id)) },
);

const PATHS: readonly (readonly string[])[] = [
  ['id'], ['type'], ['data'], ['data', 'options'], ['data', 'name'], ['data', 'custom_id'], ['member'], ['member', 'user', 'id'],
  ['member', 'permissions'], ['user'], ['channel_id'], ['channel'], ['guild_id'], ['locale'], ['token'],
];
const misshapen = fc.tuple(wellFormed, fc.constantFrom(...PATHS), anyJson).map(([i, path, value]) => setPath(i, path, value));

const body = fc.oneof(
  { weight: 3, arbitrary: wellFormed.map((i) => JSON.stringify(i)) },
  { weight: 3, arbitrary: misshapen.map((i) => JSON.stringify(i) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`fuzzed Discord interactions (${dialect.name})`, () => {
    let h: DiscordHarness;
    beforeAll(async () => {
      h = await startDiscordHarness(await dialect.open(), { deferAfterMs: 10_000 });
      await grantEditor(h.handle.db, { platform: 'discord', userId: USER_ID }, { actor: 'seed', now: NOW });
    });
    afterAll(async () => {
      await h.close();
    });

    it('never answers 5xx, answers valid responses, and stores no garbage', { timeout: 120_000 }, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(body, async (raw) => {
          const response = await h.post(raw, { ...h.signer.sign(raw) });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect([200, 400], raw).toContain(response.status);
          const answer = (await response.json()) as { type?: number; data?: Record<string, unknown>; error?: { code: string; message: string } };
          if (response.status === 400) {
            expect(typeof answer.error?.code === 'string' && typeof answer.error.message === 'string').toBe(true);
            return;
          }
          // PONG, a message (type 4), deferred (5), a message update (7) or autocomplete choices (8).
          expect([1, 4, 5, 7, 8]).toContain(answer.type);
          if (answer.type === 4 || answer.type === 7) {
            const shown = JSON.stringify(answer.data);
            expect(shown.length).toBeGreaterThan(2);
            expect(shown).not.toMatch(/\b[a-z]+_[a-z_]+ \{\\"/);
            expect(answer.data?.['allowed_mentions']).toEqual({ parse: [] });
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 3);
      await h.tasks.drain();
      await expectNoGarbage(h.handle.db, NOW.toISOString().slice(0, 10));
    });
  });
}
