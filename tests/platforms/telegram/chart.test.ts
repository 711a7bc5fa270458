// /chart on Telegram through the real webhook: the first ask uploads the PNG as a multipart
// sendPhoto (which the fake Bot API decodes), the next ones re-send its file_id in the webhook
// reply — from the database, so another replica reuses it too — and a write in between forces a
// new upload. On SQLite and PostgreSQL.
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportFigure } from '../../../src/domain/figures.js';
import { parseValue } from '../../../src/domain/value.js';
import { dialects } from '../../support/databases.js';
import { NOW, messageUpdate, privateChat, startTelegramHarness, user, webhookReply, type TelegramHarness } from './telegram-harness.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Telegram /chart (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
    });
    afterEach(async () => {
      await h.close();
    });

    it('uploads the chart once as a multipart sendPhoto, then re-sends its file_id until a write', async () => {
      const first = await h.post(messageUpdate('/grafico presos políticos'));
      expect(first.status).toBe(200);
      // The upload cannot ride in the webhook response: it went to the Bot API.
      expect(await webhookReply(first)).toBeNull();
      expect(h.api.photos).toHaveLength(1);
      const [uploaded] = h.api.photos;
      expect(uploaded?.chatId).toBe(String(privateChat().id));
      expect(uploaded?.upload?.fileName).toBe('political-prisoners.png');
      const png = PNG.sync.read(uploaded?.upload?.data ?? Buffer.alloc(0));
      expect(png.width).toBe(800);
      expect(png.height).toBeGreaterThan(200);
      // The caption: the latest per source, one line each, and the page.
      const caption = uploaded?.caption ?? '';
      expect(caption).toContain('<b>Presos políticos</b>');
      expect(caption).toMatch(/<b>Foro Penal<\/b>: 902 — al 20 dic 2025/);
      expect(caption).toContain('https://cifras.example.org/indicators/political-prisoners');
      expect(caption.length).toBeLessThanOrEqual(1024);
      expect(uploaded?.params.parse_mode).toBe('HTML');

      // Asked again (another chat, same language): the kept file_id, in the webhook reply.
      const again = await webhookReply(await h.post(messageUpdate('/chart presos', { chat: privateChat(7002), from: user(7002) })));
      expect(again).toMatchObject({ method: 'sendPhoto', chat_id: 7002, photo: uploaded?.fileId, parse_mode: 'HTML' });
      expect(String(again?.caption)).toBe(caption);
      expect(h.api.photos).toHaveLength(1);

      // English is another image.
      await h.post(messageUpdate('/chart political prisoners', { chat: privateChat(7003), from: user(7003, 'en') }));
      expect(h.api.photos).toHaveLength(2);
      expect(h.api.photos[1]?.caption).toContain('<b>Political prisoners</b>');

      // A write changes the data: the next ask uploads a new image.
      await h.handle.db.transaction().execute((trx) =>
        reportFigure(trx, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-10', url: 'https://example.org/new' }, { actor: 'test', now: NOW }),
      );
      const after = await h.post(messageUpdate('/grafico presos políticos'));
      expect(await webhookReply(after)).toBeNull();
      expect(h.api.photos).toHaveLength(3);
      expect(h.api.photos[2]?.upload).not.toBeNull();
      expect(h.api.photos[2]?.caption).toMatch(/<b>Foro Penal<\/b>: 910/);
    });

    it('narrows the chart to one source and asks which indicator when unclear', async () => {
      await h.post(messageUpdate('/grafico presos políticos foro penal'));
      expect(h.api.photos[0]?.upload?.fileName).toBe('political-prisoners-foro-penal.png');
      expect(h.api.photos[0]?.caption).toMatch(/<b>Foro Penal<\/b>: 902/);
      expect(h.api.photos[0]?.caption).not.toContain('Rango');
      const unclear = await webhookReply(await h.post(messageUpdate('/grafico zzzz')));
      expect(unclear?.method).toBe('sendMessage');
    });
  });
}
