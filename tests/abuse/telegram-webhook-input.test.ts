// The Telegram webhook under bad input (issue 16: items 1, 2, 3, 7, 11), through the real route on
// SQLite and PostgreSQL. Telegram re-sends anything answered with a 5xx forever, so every case here
// must get a 4xx or a 200, write nothing it should not, and tell the user why in their language.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRegistry } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { grantEditor } from '../../src/domain/editors.js';
import { createLogger } from '../../src/logger.js';
import { createTelegramBot } from '../../src/platforms/telegram/create-telegram-bot.js';
import { createReadCache } from '../../src/domain/read-cache.js';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from '../../src/platforms/telegram/webhook-routes.js';
import { buildApp } from '../http/harness.js';
import { dialects } from '../support/databases.js';
import {
  BOT_INFO,
  NOW,
  SECRET,
  TOKEN,
  groupChat,
  messageUpdate,
  privateChat,
  startTelegramHarness,
  user,
  webhookReply,
  type TelegramHarness,
} from '../platforms/telegram/telegram-harness.js';

const EDITOR = 7001;
const TABLES = ['figures', 'figure_revisions', 'audit_log', 'events', 'processed_updates'] as const;

async function rows(h: TelegramHarness): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await h.handle.db.selectFrom(table).select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

async function rejected(h: TelegramHarness, reason: string): Promise<number> {
  const metric = await h.metrics.webhookRejected.get();
  return metric.values.find((v) => v.labels.platform === 'telegram' && v.labels.reason === reason)?.value ?? 0;
}

function postRaw(h: TelegramHarness, body: string, secret: string | null = SECRET): Promise<Response> {
  return Promise.resolve(
    h.app.request('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
      body,
    }),
  );
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Telegram webhook under bad input (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
      await grantEditor(h.handle.db, { platform: 'telegram', userId: String(EDITOR) }, { actor: 'seed', now: NOW });
    });
    afterEach(async () => {
      await h.close();
    });

    /** What the editor's command got back, having checked it wrote nothing. */
    async function refusedCommand(text: string): Promise<string> {
      const before = await rows(h);
      const response = await h.post(messageUpdate(text, { from: user(EDITOR) }));
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const reply = await webhookReply(response);
      const after = await rows(h);
      // A command that may write claims its update id; that claim is the only row it may leave.
      expect({ ...after, processed_updates: 0 }).toEqual({ ...before, processed_updates: 0 });
      return String(reply?.text);
    }

    it('answers a body that is not JSON with 400, counted, and runs nothing', async () => {
      const before = await rows(h);
      for (const body of ['{"update_id": 1, "message": ', 'not json', '']) {
        const response = await postRaw(h, body);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } });
      }
      expect(await rejected(h, 'invalid_json')).toBe(3);
      expect(await rows(h)).toEqual(before);
      expect(h.api.calls).toEqual([]);
    });

    it.each<[string, (u: ReturnType<typeof messageUpdate>) => unknown]>([
      ['text not a string', (u) => ({ ...u, message: { ...u.message, text: 12345 } })],
      ['text null', (u) => ({ ...u, message: { ...u.message, text: null } })],
      ['entities not an array', (u) => ({ ...u, message: { ...u.message, entities: { type: 'bot_command' } } })],
      ['a chat id that is text', (u) => ({ ...u, message: { ...u.message, chat: { id: '\u0000', type: 'private' } } })],
      ['from.id null', (u) => ({ ...u, message: { ...u.message, from: { id: null, is_bot: false, first_name: 'A' } } })],
      ['update_id missing', (u) => ({ message: u.message })],
      ['an array', () => [1, 2, 3]],
      ['a string', () => 'update'],
    ])('acknowledges an update of an unknown shape (%s) with 200, ignores it and counts it', async (_name, shape) => {
      const before = await rows(h);
      const response = await postRaw(h, JSON.stringify(shape(messageUpdate('/report political-prisoners foro-penal 1 2025-12-29 https://e.org/a', { from: user(EDITOR) }))));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      expect(await rejected(h, 'unknown_shape')).toBe(1);
      expect(await rows(h)).toEqual(before);
      expect(h.api.calls).toEqual([]);
    });

    it('refuses a body over 1 MiB with 413 (counted), after the secret: without it, 401', async () => {
      const huge = JSON.stringify({ ...messageUpdate('/count'), padding: 'x'.repeat(8 * 1024 * 1024) });
      const response = await postRaw(h, huge);
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(await rejected(h, 'too_large')).toBe(1);
      expect((await postRaw(h, huge, 'wrong')).status).toBe(401);
      // An ordinary update still goes through.
      expect((await h.post(messageUpdate('/count presos'))).status).toBe(200);
    });

    it.each([
      ['/correct 99999999999 5 recount', /«cifra» llega como máximo a 2\.147\.483\.647, y has escrito «99999999999»/],
      ['/retract 2147483648 duplicate', /«cifra» llega como máximo a 2\.147\.483\.647, y has escrito «2147483648»/],
      ['/corregir #2147483648 5 r', /llega como máximo a 2\.147\.483\.647/],
      ['/report political-prisoners foro-penal 3000000000 2025-12-29 https://e.org/a', /«3000000000» es más de lo que se puede registrar: una cifra llega como máximo a 2\.147\.483\.647/],
      ['/report political-prisoners foro-penal 1-2147483648 2025-12-29 https://e.org/a', /es más de lo que se puede registrar/],
      ['/deliveries resume 99999999999', /«numero» llega como máximo a 2\.147\.483\.647/],
    ])('refuses %j with the limit, in Spanish, writing nothing', async (text, message) => {
      expect(await refusedCommand(text)).toMatch(message);
    });

    it.each([
      ['a NUL in a note', '/report political-prisoners foro-penal 903 2025-12-29 https://e.org/a nota\u0000oculta', 'U+0000', 'nota'],
      ['a right-to-left override in a note', '/report political-prisoners foro-penal 903 2025-12-29 https://e.org/a según \u202E5 del 29', 'U+202E', 'nota'],
      ['an isolate in a URL', '/report political-prisoners foro-penal 903 2025-12-29 https://e.org/\u2066a', 'U+2066', 'enlace'],
      ['a NUL in a correction reason', '/correct 1 905 recuento\u0000', 'U+0000', 'motivo'],
      ['a right-to-left mark in a retraction reason', '/retract 1 duplicada \u200F60-75', 'U+200F', 'motivo'],
    ])('refuses %s with a translated message naming the character, writing nothing', async (_name, text, character, field) => {
      const reply = await refusedCommand(text);
      expect(reply).toContain(`El campo «${field}» contiene un carácter invisible (${character})`);
      expect(reply).toContain('No se ha guardado nada.');
    });

    // Found by tests/fuzz: /deliveries ran inside the transaction that claims its update id, and
    // retryDelivery opened a second one (Kysely cannot nest): a 500, re-sent forever.
    it('answers /deliveries retry for a delivery that is not there, in a group, without a 5xx', async () => {
      const response = await h.post(messageUpdate('/deliveries retry 417', { from: user(EDITOR), chat: groupChat }));
      expect(response.status).toBe(200);
      expect(String((await webhookReply(response))?.text)).toContain('No hay ninguna entrega fallida con el número 417');
    });

    it('still records the same report once the character is gone', async () => {
      const reply = await webhookReply(await h.post(messageUpdate('/report political-prisoners foro-penal 903 2025-12-29 https://e.org/a según el 29', { from: user(EDITOR) })));
      expect(String(reply?.text)).toMatch(/Cifra #\d+ registrada/);
      const note = await h.handle.db.selectFrom('figures').select('note_es').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(note.note_es).toBe('según el 29');
      expect(privateChat().id).toBe(EDITOR);
    });
  });

  describe.skipIf(!dialect.available)(`Telegram webhook log of an unknown shape (${dialect.name})`, () => {
    it('names the fields that were wrong, never what they held', async () => {
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://cifras.example.org' });
      const handle = await dialect.open();
      try {
        const bot = createTelegramBot({
          db: handle.db, cache: createReadCache(handle.capabilities.dataVersion), config, logger: createLogger({ level: 'silent' }),
          registry: createCommandRegistry(), now: () => NOW, botInfo: BOT_INFO,
        });
        const h = await buildApp(handle, { webhooks: [{ path: TELEGRAM_WEBHOOK_PATH, routes: telegramWebhookRoutes({ bot, secretToken: SECRET }) }] });
        const update = messageUpdate('/count');
        const response = await h.app.request('/telegram/webhook', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          body: JSON.stringify({ ...update, message: { ...update.message, text: { secret: 'private words' } } }),
        });
        expect(response.status).toBe(200);
        const line = h.logs().find((l) => l['msg'] === 'telegram update of an unknown shape ignored');
        expect(line).toMatchObject({ level: 40, problems: ['message.text: invalid_type'] });
        expect(JSON.stringify(h.logs())).not.toContain('private words');
      } finally {
        await handle.close();
      }
    });
  });
}
