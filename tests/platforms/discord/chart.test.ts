// /chart on Discord through the signed interactions endpoint: the answer is deferred (type 5),
// then the original response is edited by a multipart PATCH carrying the PNG, which the embed
// shows as `attachment://…`. On SQLite and PostgreSQL.
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadedFile } from '../../fakes/fake-server-kit.js';
import { dialects } from '../../support/databases.js';
import { slashCommand, startDiscordHarness, type DiscordHarness } from './interaction-harness.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Discord /chart (${dialect.name})`, () => {
    let h: DiscordHarness;
    beforeEach(async () => {
      h = await startDiscordHarness(await dialect.open());
    });
    afterEach(async () => {
      await h.close();
    });

    it('defers, then edits the original response with the PNG attached', async () => {
      const interaction = slashCommand('chart', { indicator: 'presos políticos' }, { locale: 'es-ES' });
      const { status, body } = await h.send(interaction);
      expect(status).toBe(200);
      expect(body).toEqual({ type: 5 });
      await h.tasks.drain();
      const patch = h.api.calls.find((c) => c.route === 'PATCH /webhooks/:app/:token/messages/:id');
      expect(decodeURIComponent(patch?.path ?? '')).toBe(`/v10/webhooks/1234567890123456789/token-${String(interaction.id)}/messages/@original`);
      expect(patch?.status).toBe(200);
      // Multipart: the message as payload_json, the file as files[0].
      const payload = patch?.body.payload_json as { embeds: { image?: { url: string }; title?: string; description?: string }[]; attachments: unknown[] };
      expect(payload.attachments).toEqual([{ id: 0, filename: 'political-prisoners.png' }]);
      expect(payload.embeds[0]?.image).toEqual({ url: 'attachment://political-prisoners.png' });
      expect(JSON.stringify(payload.embeds)).toContain('Foro Penal');
      expect(JSON.stringify(payload.embeds)).toContain('902');
      const file = patch?.body['files[0]'] as UploadedFile | undefined;
      expect(file?.fileName).toBe('political-prisoners.png');
      const png = PNG.sync.read(file?.data ?? Buffer.alloc(0));
      expect(png.width).toBe(800);
    });

    it('answers an unclear indicator at once, with no image', async () => {
      const { body } = await h.send(slashCommand('chart', { indicator: 'zzzz' }, { locale: 'es-ES' }));
      expect(body.type).toBe(4);
      expect(JSON.stringify(body.data?.embeds)).not.toContain('attachment://');
    });
  });
}
