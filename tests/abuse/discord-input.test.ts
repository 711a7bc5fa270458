// The Discord interactions endpoint under bad input (issue 16: items 1, 2, 3, 9, 11), signed with
// a local Ed25519 key exactly as Discord signs, on SQLite and PostgreSQL: a replayed signature is
// refused, a signed body cifras cannot read never gets a 5xx, and a value, id or text that no
// database should hold is refused in the user's language with nothing written.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REST } from '@discordjs/rest';
import { createCommandRegistry } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { grantEditor } from '../../src/domain/editors.js';
import { createLogger } from '../../src/logger.js';
import { createReadCache } from '../../src/domain/read-cache.js';
import { DISCORD_INTERACTIONS_PATH, discordInteractionRoutes } from '../../src/platforms/discord/interaction-routes.js';
import { buildApp } from '../http/harness.js';
import { createInteractionSigner } from '../support/discord-signing.js';
import { dialects } from '../support/databases.js';
import { APPLICATION_ID, NOW, envelope, slashCommand, startDiscordHarness, USER_ID, type DiscordHarness } from '../platforms/discord/interaction-harness.js';

const TABLES = ['figures', 'figure_revisions', 'audit_log', 'events', 'processed_updates', 'chats'] as const;

async function rows(h: DiscordHarness): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await h.handle.db.selectFrom(table).select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

async function rejected(h: DiscordHarness, reason: string): Promise<number> {
  const metric = await h.metrics.webhookRejected.get();
  return metric.values.find((v) => v.labels.platform === 'discord' && v.labels.reason === reason)?.value ?? 0;
}

const seconds = (ms: number): string => String(Math.floor(ms / 1000));
const REPORT = { indicator: 'political-prisoners', source: 'foro-penal', value: '904', 'as-of': '2025-12-29', url: 'https://e.org/d' };

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Discord interactions under bad input (${dialect.name})`, () => {
    let h: DiscordHarness;
    beforeEach(async () => {
      h = await startDiscordHarness(await dialect.open());
      await grantEditor(h.handle.db, { platform: 'discord', userId: USER_ID }, { actor: 'seed', now: new Date('2025-12-27T00:00:00Z') });
    });
    afterEach(async () => {
      await h.close();
    });

    /** Signs `body` with `timestamp` and posts it. */
    async function signedAt(body: string, timestamp: string): Promise<Response> {
      return h.post(body, { ...h.signer.sign(body, timestamp) });
    }

    it('refuses a write signed three hours ago like a bad signature, and applies none of it', async () => {
      const before = await rows(h);
      const body = JSON.stringify(slashCommand('report', REPORT));
      const response = await signedAt(body, seconds(Date.now() - 3 * 3600_000));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect(await rejected(h, 'stale_timestamp')).toBe(1);
      expect(await rows(h)).toEqual(before);
    });

    it.each([
      ['six minutes ahead', 6 * 60_000, 401],
      ['six minutes old', -6 * 60_000, 401],
      ['four minutes old', -4 * 60_000, 200],
      ['four minutes ahead', 4 * 60_000, 200],
    ])('judges a timestamp %s against five minutes', async (_name, offset, status) => {
      const response = await signedAt(JSON.stringify(slashCommand('count', { indicator: 'presos' })), seconds(Date.now() + offset));
      expect(response.status).toBe(status);
    });

    it('refuses a timestamp that is not Unix seconds, even signed', async () => {
      const body = JSON.stringify(slashCommand('count', { indicator: 'presos' }));
      expect((await signedAt(body, 'yesterday')).status).toBe(401);
      expect((await signedAt(body, `${seconds(Date.now())}.5`)).status).toBe(401);
    });

    it('refuses a body over 1 MiB with a JSON 413, counted', async () => {
      const body = JSON.stringify({ ...slashCommand('count'), padding: 'x'.repeat(1024 * 1024) });
      const response = await h.post(body, { ...h.signer.sign(body), 'content-length': String(Buffer.byteLength(body)) });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(await rejected(h, 'too_large')).toBe(1);
    });

    it('answers a signed body that is not JSON with 400, counted', async () => {
      const response = await signedAt('{"type": 2, "id": ', seconds(Date.now()));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } });
      expect(await rejected(h, 'invalid_json')).toBe(1);
    });

    it.each<[string, () => unknown]>([
      ['data.options not an array', () => ({ ...slashCommand('report', REPORT), data: { id: '1', name: 'report', type: 1, options: { value: 1 } } })],
      ['id null', () => ({ ...slashCommand('count'), id: null })],
      ['a user id holding a NUL', () => ({ ...slashCommand('count', {}, { dm: true, user: { id: '\u0000', username: 'x' } }) })],
      ['a channel id that is a number', () => ({ ...slashCommand('count'), channel_id: 12 })],
      ['no data on a command', () => envelope(2)],
      ['no custom_id on a button', () => ({ ...envelope(3), data: { component_type: 2 } })],
      ['an option value that is an object', () => ({ ...slashCommand('count'), data: { id: '1', name: 'count', type: 1, options: [{ name: 'indicator', type: 3, value: {} }] } })],
      ['a JSON array', () => [1, 2]],
      ['a number', () => 2],
    ])('acknowledges a signed interaction of an unknown shape (%s) with a translated notice, ignored and counted', async (_name, shape) => {
      const before = await rows(h);
      const body = JSON.stringify(shape());
      const response = await signedAt(body, seconds(Date.now()));
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { type: number; data: { content: string; flags: number } };
      expect(answer).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
      // The interactions above say locale es-ES, or none (then DEFAULT_LOCALE, es).
      expect(answer.data.content).toBe('No pude leer esta solicitud de Discord, así que no se hizo nada. Vuelve a escribir el comando.');
      expect(await rejected(h, 'unknown_shape')).toBe(1);
      expect(await rows(h)).toEqual({ ...before });
    });

    it('writes that notice in English for an English-speaking user', async () => {
      const body = JSON.stringify({ ...slashCommand('count', {}, { locale: 'en-US' }), data: { name: 'count', type: 1, options: 'all' } });
      const answer = (await (await signedAt(body, seconds(Date.now()))).json()) as { data: { content: string } };
      expect(answer.data.content).toBe('I could not read this Discord request, so nothing was done. Please type the command again.');
    });

    /** The answer's text, having checked the command wrote nothing but its interaction claim. */
    async function refusedCommand(name: string, options: Record<string, string | number>, locale = 'es-ES'): Promise<string> {
      const before = await rows(h);
      const { status, body } = await h.send(slashCommand(name, options, { locale }));
      expect(status).toBe(200);
      const after = await rows(h);
      expect({ ...after, processed_updates: 0 }).toEqual({ ...before, processed_updates: 0 });
      return JSON.stringify(body);
    }

    it.each<[string, Record<string, string | number>, RegExp]>([
      ['correct', { figure: 99999999999, value: '5', reason: 'r' }, /«cifra» llega como máximo a 2\.147\.483\.647, y has escrito «99999999999»/],
      ['retract', { figure: 2147483648, reason: 'r' }, /llega como máximo a 2\.147\.483\.647/],
      ['report', { ...REPORT, value: '3000000000' }, /«3000000000» es más de lo que se puede registrar/],
      ['correct', { figure: 1, value: '>=2147483648', reason: 'r' }, /es más de lo que se puede registrar/],
    ])('refuses /%s beyond the stored-integer limit, writing nothing', async (name, options, message) => {
      expect(await refusedCommand(name, options)).toMatch(message);
    });

    it.each<[string, Record<string, string | number>, string]>([
      ['report', { ...REPORT, note: 'cifra \u202E57 al' }, 'U+202E'],
      ['report', { ...REPORT, note: 'a\u0000b' }, 'U+0000'],
      ['correct', { figure: 1, value: '905', reason: 'recuento \u2067x' }, 'U+2067'],
      ['retract', { figure: 1, reason: 'dup\u061C' }, 'U+061C'],
    ])('refuses /%s with an unsafe character (%j), naming it, writing nothing', async (name, options, character) => {
      expect(await refusedCommand(name, options)).toContain(`contiene un carácter invisible (${character})`);
    });

    it('refuses it in English for an English-speaking editor', async () => {
      expect(await refusedCommand('report', { ...REPORT, note: 'x\u202Dy' }, 'en-GB')).toContain('The field \\"note\\" holds an invisible character (U+202D)');
    });
  });

  describe.skipIf(!dialect.available)(`Discord log of an unknown shape (${dialect.name})`, () => {
    it('names the fields that were wrong, never what they held', async () => {
      const signer = createInteractionSigner();
      const config = loadConfig({ DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_PUBLIC_KEY: signer.publicKeyHex, DISCORD_BOT_TOKEN: 't' });
      const handle = await dialect.open();
      try {
        const routes = discordInteractionRoutes({
          db: handle.db, cache: createReadCache(handle.capabilities.dataVersion), config, logger: createLogger({ level: 'silent' }), registry: createCommandRegistry(), now: () => NOW,
          rest: new REST({ version: '10', api: 'http://127.0.0.1:9', retries: 0 }),
        });
        const h = await buildApp(handle, { webhooks: [{ path: DISCORD_INTERACTIONS_PATH, routes }] });
        const body = JSON.stringify({ ...slashCommand('count'), data: { name: 'count', type: 1, options: 'private words' } });
        const response = await h.app.request('/discord/interactions', { method: 'POST', body, headers: { 'content-type': 'application/json', ...signer.sign(body) } });
        expect(response.status).toBe(200);
        expect(h.logs().find((l) => l['msg'] === 'discord interaction of an unknown shape ignored')).toMatchObject({ level: 40, problems: ['data.options: invalid_type'] });
        expect(JSON.stringify(h.logs())).not.toContain('private words');
      } finally {
        await handle.close();
      }
    });
  });
}
