// The admin commands through the real platform entry points, on both databases: an editor's
// /report POSTed to the Telegram webhook is answered in escaped HTML, a re-delivered update
// creates no second figure, and the figure is in a Discord /count at once; Discord renders
// admin-typed markup as text with mentions disabled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantEditor } from '../../src/domain/editors.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import { dialects } from '../support/databases.js';
import { messageUpdate, privateChat, startTelegramHarness, user, webhookReply, type TelegramHarness } from '../platforms/telegram/telegram-harness.js';
import { counts, discordInvocation, prepare, replyText, rolledBack, run } from './chat-support.js';

const MARKUP = '<b>bold</b> @everyone *stars* [x](https://evil.example)';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`admin commands on the platforms (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
    });
    afterEach(async () => {
      await h.close();
    });

    it('an editor reports over the webhook once, however often Telegram re-delivers the update', async () => {
      await grantEditor(h.handle.db, { platform: 'telegram', userId: String(privateChat().id) }, { actor: 'cli', now: new Date('2026-02-01T00:00:00Z') });
      const update = messageUpdate(`/reportar political-prisoners foro-penal 863 2026-02-28 https://example.org/a ${MARKUP}`, { from: user(privateChat().id, 'en') });
      const before = await counts(h.handle.db);
      const body = await webhookReply(await h.post(update));
      const html = String(body?.text);
      expect(html).toMatch(/Figure #\d+ recorded\./);
      expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; @everyone *stars* [x](https://evil.example)');
      expect(html).not.toContain('<b>bold</b>');
      await h.post(update);
      const after = await counts(h.handle.db);
      expect(after['figures']).toBe(before['figures']! + 1);
      expect(after['audit_log']).toBe(before['audit_log']! + 1);

      const count = await run(h.handle.db, discordInvocation('ordinary', 'count', { indicator: 'presos políticos' }));
      expect(replyText(count)).toContain('Foro Penal: 863');
    });

    it("an ordinary user's /report over the webhook is refused and writes nothing", async () => {
      const before = await counts(h.handle.db);
      const body = await webhookReply(await h.post(messageUpdate('/report political-prisoners foro-penal 1 2026-02-28 https://example.org/a')));
      expect(String(body?.text)).toContain('Solo los editores pueden usar /reportar.');
      expect(await counts(h.handle.db)).toEqual(before);
    });
  });

  describe.skipIf(!dialect.available)(`Discord rendering of admin replies (${dialect.name})`, () => {
    it('shows admin-typed markup as text and pings nobody', async () => {
      const handle = await dialect.open();
      try {
        await prepare(handle.db);
        await rolledBack(handle.db, async (db) => {
          const reply = await run(
            db,
            discordInvocation('editor', 'report', {
              indicator: 'political-prisoners',
              source: 'foro-penal',
              value: '863',
              'as-of': '2025-12-29',
              url: 'https://example.org/a',
              note: MARKUP,
            }),
          );
          const message = renderDiscord(reply);
          expect(message.allowed_mentions).toEqual({ parse: [] });
          const shown = JSON.stringify(message.embeds);
          expect(shown).not.toContain('[x](https://evil.example)');
          expect(shown).not.toContain('*stars*');
          expect(shown).toContain('bold');
        });
      } finally {
        await handle.close();
      }
    });
  });
}
