// A refused link gets its real reason: a long https:// link is refused for its length (with the
// limit), not as "use https://"; and a reply quoting a 4,040-character link still fits one Telegram
// message with its explanation whole (the echo is cut, never the explanation). Through the
// Telegram webhook and the write API, on SQLite and PostgreSQL; nothing is written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantEditor } from '../../src/domain/editors.js';
import { MESSAGE_MAX_CHARS } from '../../src/platforms/telegram/render.js';
import { dialects } from '../support/databases.js';
import { messageUpdate, startTelegramHarness, user, webhookReply, type TelegramHarness } from '../platforms/telegram/telegram-harness.js';
import { buildWriteApp, call, FIGURE } from './api-support.js';
import { counts } from './chat-support.js';

/** An https:// link of exactly `length` characters. */
function longUrl(length: number): string {
  const head = 'https://example.org/informe?ref=';
  return head + 'a'.repeat(length - head.length);
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`refused links (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
      await grantEditor(h.handle.db, { platform: 'telegram', userId: '7001' }, { actor: 'test', now: new Date('2026-02-01T00:00:00Z') });
    });
    afterEach(async () => {
      await h.close();
    });

    async function reportOnTelegram(url: string, from = user()) {
      const before = await counts(h.handle.db);
      const update = messageUpdate(`/reportar political-prisoners foro-penal 902 2026-02-20 ${url}`, { from });
      const text = String((await webhookReply(await h.post(update)))?.text);
      expect(await counts(h.handle.db)).toEqual(before);
      return text;
    }

    it('refuses a 3,000-character https:// link as too long, stating the limit', async () => {
      const text = await reportOnTelegram(longUrl(3000));
      expect(text).toContain('El enlace es demasiado largo: tiene 3000 caracteres y el máximo es 2000.');
      expect(text).not.toContain('empiece por https://');
    });

    it('says it in English too', async () => {
      const text = await reportOnTelegram(longUrl(3000), user(7001, 'en'));
      expect(text).toContain('The link is too long: it has 3000 characters and at most 2000 are accepted.');
    });

    it('keeps the explanation of a refused 4,040-character link within one message, the echo cut', async () => {
      const notHttp = `ftp${longUrl(4040).slice(5)}`;
      expect(notHttp).toHaveLength(4038);
      for (const url of [longUrl(4040), notHttp]) {
        const before = h.api.calls.length;
        const text = await reportOnTelegram(url);
        expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
        expect(h.api.calls.slice(before).filter((c) => c.method === 'sendMessage')).toEqual([]);
        expect(text).toMatch(/demasiado largo|no es un enlace válido: usa una dirección que empiece por https:\/\//);
        expect(text).not.toContain('recortada');
      }
    });

    it('answers the write API with the length and its limit, not "use https://"', async () => {
      const app = buildWriteApp(h.handle);
      const before = await counts(h.handle.db);
      const response = await call(app, '/api/v1/figures', { body: { ...FIGURE, url: longUrl(3000) } });
      // The body schema refuses it before the domain (its message is the API's; see schemas.ts).
      expect(response.status).toBe(400);
      const message = String((response.body['error'] as Record<string, unknown>)['message']);
      expect(message).toMatch(/2[.,]?000/);
      expect(message).not.toContain('https://');
      expect(await counts(h.handle.db)).toEqual(before);
    });
  });
}
