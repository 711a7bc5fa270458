// POST /discord/interactions end to end: signature checks, PING, slash commands answered with
// embeds in the user's language, autocomplete, buttons for an ambiguous question, re-delivered
// interactions, permissions, and the deferral of a slow command with its follow-up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { defineCommand } from '../../../src/core/command.js';
import { reply, text } from '../../../src/core/reply.js';
import { loadDataset } from '../../../src/domain/seed.js';
import { upsertIndicator } from '../../../src/domain/indicators.js';
import { dialects } from '../../support/databases.js';
import { createInteractionSigner } from '../../support/discord-signing.js';
import {
  MANAGE_CHANNELS,
  autocomplete,
  buttonPress,
  envelope,
  interactionId,
  slashCommand,
  startDiscordHarness,
  type DiscordHarness,
} from './interaction-harness.js';

const PING = () => JSON.stringify(envelope(1));

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Discord interactions (${dialect.name})`, () => {
    let h: DiscordHarness;
    beforeEach(async () => {
      h = await startDiscordHarness(await dialect.open());
    });
    afterEach(async () => {
      await h.close();
    });

    describe('signature', () => {
      it('answers a correctly signed PING with PONG', async () => {
        const body = PING();
        const response = await h.post(body, { ...h.signer.sign(body) });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ type: 1 });
      });

      it('refuses a signature made with another key', async () => {
        const body = PING();
        const response = await h.post(body, { ...createInteractionSigner().sign(body) });
        expect(response.status).toBe(401);
      });

      it('refuses a body changed after signing', async () => {
        const body = JSON.stringify(slashCommand('count', { indicator: 'presos políticos' }));
        const headers = h.signer.sign(body);
        const tampered = body.replace('presos políticos', 'desaparecidos');
        const response = await h.post(tampered, { ...headers });
        expect(response.status).toBe(401);
      });

      it('refuses a timestamp changed after signing', async () => {
        const body = PING();
        const headers = h.signer.sign(body, '1700000000');
        const response = await h.post(body, { ...headers, 'x-signature-timestamp': '1700000001' });
        expect(response.status).toBe(401);
      });

      it('refuses requests without the signature headers, and counts every refusal', async () => {
        const body = PING();
        const { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } = h.signer.sign(body);
        expect((await h.post(body, {})).status).toBe(401);
        expect((await h.post(body, { 'x-signature-ed25519': signature })).status).toBe(401);
        expect((await h.post(body, { 'x-signature-timestamp': timestamp })).status).toBe(401);
        expect((await h.post(body, { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': timestamp })).status).toBe(401);
        const metrics = await h.metrics.registry.getSingleMetricAsString('webhook_rejected_total');
        expect(metrics).toContain('webhook_rejected_total{platform="discord",reason="missing_signature"} 3');
        expect(metrics).toContain('webhook_rejected_total{platform="discord",reason="bad_signature"} 1');
      });

      it('refuses a body over 1 MiB with 413 before checking anything, declared or streamed', async () => {
        const body = JSON.stringify({ ...slashCommand('count', { indicator: 'presos políticos' }), padding: 'x'.repeat(1024 * 1024) });
        const signed = h.signer.sign(body);
        expect((await h.post(body, { ...signed, 'content-length': String(Buffer.byteLength(body)) })).status).toBe(413);
        expect((await h.post(body, { ...signed })).status).toBe(413);
      });

      it('runs nothing for a badly signed command', async () => {
        const body = JSON.stringify(slashCommand('lang', { language: 'en' }, { dm: true }));
        const response = await h.post(body, { ...createInteractionSigner().sign(body) });
        expect(response.status).toBe(401);
        const claimed = await h.handle.db.selectFrom('processed_updates').selectAll().execute();
        expect(claimed).toEqual([]);
      });
    });

    describe('/count', () => {
      it('answers in Spanish with Foro Penal 902, its date, link, id and stale marker, mentions off', async () => {
        const { status, body } = await h.send(slashCommand('count', { indicator: 'presos políticos' }, { locale: 'es-ES' }));
        expect(status).toBe(200);
        expect(body.type).toBe(4);
        expect(body.data?.flags).toBeUndefined();
        expect(body.data?.allowed_mentions).toEqual({ parse: [] });
        const embed = body.data?.embeds?.[0];
        expect(embed?.title).toBe('Presos políticos');
        expect(embed?.description).toBe(
          '**Foro Penal**: 902 · al 20 dic 2025 · [kudupinter.com](https://kudupinter.com/?p=110469) · #1 · ⚠️ desactualizada',
        );
        expect(embed?.fields).toBeUndefined();
        expect(h.api.calls).toEqual([]);
      });

      it('answers in English with the ministry 99 and the NGOs 60–75 side by side, and the spread', async () => {
        const { body } = await h.send(slashCommand('count', { indicator: 'releases' }, { locale: 'en-US' }));
        expect(body.type).toBe(4);
        const embed = body.data?.embeds?.[0];
        expect(embed?.title).toBe('Releases of post-election detainees');
        const lines = embed?.description?.split('\n') ?? [];
        expect(lines).toHaveLength(2);
        expect(lines.find((l) => l.startsWith('**Ministerio del Poder Popular para el Servicio Penitenciario**: 99 · as of 25 Dec 2025'))).toBeDefined();
        expect(lines.find((l) => l.includes(': 60–75 · as of 25 Dec 2025'))).toBeDefined();
        expect(lines.every((l) => l.includes('period 24 Dec 2025 – 25 Dec 2025'))).toBe(true);
        expect(embed?.fields).toEqual([
          {
            name: 'Spread across sources',
            value: expect.stringMatching(/^\*\*60\*\* \(Justicia, Encuentro y Perdón;.*#\d+\) – \*\*99\*\* \(Ministerio del Poder Popular para el Servicio Penitenciario, #\d+\)$/),
          },
        ]);
      });

      it('answers the same question again from the kept reply, counted, and a write shows at once', async () => {
        const ask = () => h.send(slashCommand('count', { indicator: 'presos políticos' }, { dm: true, locale: 'es-ES' }));
        const first = await ask();
        const again = await ask();
        expect(again).toEqual(first);
        expect(first.body.data?.embeds?.[0]?.description).toContain('**Foro Penal**: 902');
        await h.send(slashCommand('lang', { language: 'en' }, { dm: true, locale: 'es-ES' }));
        expect((await ask()).body.data?.embeds?.[0]?.title).toBe('Political prisoners');
        const counted = (await h.metrics.commands.get()).values.filter((v) => v.labels.command === 'count');
        expect(counted.map((v) => [v.labels.platform, v.labels.outcome, v.value])).toEqual([['discord', 'ok', 3]]);
      });

      it('takes the language from the chat setting over the user locale', async () => {
        await h.send(slashCommand('lang', { language: 'en' }, { dm: true, locale: 'es-ES' }));
        const { body } = await h.send(slashCommand('count', { indicator: 'presos' }, { dm: true, locale: 'es-ES' }));
        expect(body.data?.embeds?.[0]?.title).toBe('Political prisoners');
      });

      it('shows markdown and mentions typed into the data as text', async () => {
        await loadDataset(
          h.handle.db,
          {
            sources: [{ slug: 'tricky', kind: 'media', name: '**x** @everyone <@123> [a](https://evil.example)', url: null }],
            figures: [{ indicator: 'political-prisoners', source: 'tricky', value: { exact: 5 }, asOf: '2026-02-28', url: 'https://example.org/a_(b)' }],
          },
          { actor: 'test', now: new Date('2026-03-01T00:00:00Z') },
        );
        const { body } = await h.send(slashCommand('count', { indicator: 'political-prisoners' }, { locale: 'en-US' }));
        expect(body.data?.allowed_mentions).toEqual({ parse: [] });
        const description = body.data?.embeds?.[0]?.description ?? '';
        expect(description).toContain('**\\*\\*x\\*\\* @everyone \\<@123> \\[a\\](https://evil.example)**: 5');
        expect(description).toContain('[example.org](https://example.org/a_%28b%29)');
        expect(description).not.toContain('[a](https://evil.example)');
      });

      it('answers an unknown indicator with the list, and an error privately', async () => {
        const list = await h.send(slashCommand('count', { indicator: 'zzzz' }, { locale: 'en-US' }));
        expect(list.body.data?.embeds?.[0]?.description).toContain('**Political prisoners** (political-prisoners)');
        const error = await h.send(slashCommand('history', { indicator: 'presos', source: 'nobody' }, { locale: 'es-ES' }));
        expect(error.body.type).toBe(4);
        expect(error.body.data?.flags).toBe(64);
        expect(error.body.data?.embeds?.[0]?.description).toContain('nobody');
      });
    });

    describe('ambiguous questions', () => {
      it('offers a button per indicator, and a button press answers in place', async () => {
        const { body } = await h.send(slashCommand('count', { indicator: 'detenidos' }, { locale: 'es-ES' }));
        expect(body.type).toBe(4);
        const buttons = body.data?.components?.flatMap((row) => row.components) ?? [];
        expect(buttons.map((b) => b.custom_id).sort()).toEqual(['cifras:political-prisoners', 'cifras:post-election-releases']);
        expect(buttons.map((b) => b.label)).toContain('Presos políticos');

        const pressed = await h.send(buttonPress('cifras:political-prisoners', { locale: 'es-ES' }));
        expect(pressed.body.type).toBe(7);
        expect(pressed.body.data?.embeds?.[0]?.title).toBe('Presos políticos');
        expect(pressed.body.data?.embeds?.[0]?.description).toContain('902');
        expect(pressed.body.data?.components).toEqual([]);
        expect(pressed.body.data?.allowed_mentions).toEqual({ parse: [] });
      });

      it('answers a button it does not know with 400', async () => {
        const { status } = await h.send(buttonPress('nonsense', {}));
        expect(status).toBe(400);
      });
    });

    describe('autocomplete', () => {
      it('suggests indicators by name or alias in the user language', async () => {
        const es = await h.send(autocomplete('count', 'indicator', 'pres', { locale: 'es-ES' }));
        expect(es.body).toEqual({ type: 8, data: { choices: [{ name: 'Presos políticos', value: 'political-prisoners' }] } });
        const en = await h.send(autocomplete('count', 'indicator', 'relea', { locale: 'en-GB' }));
        expect(en.body.data?.choices).toEqual([{ name: 'Releases of post-election detainees', value: 'post-election-releases' }]);
      });

      it('never offers more than 25 choices', async () => {
        for (let i = 0; i < 30; i++) {
          await upsertIndicator(h.handle.db, { slug: `extra-${i}`, kind: 'stock', name: { es: `Extra ${i}`, en: `Extra ${i}` } }, { actor: 'test', now: new Date('2026-01-01T00:00:00Z') });
        }
        const all = await h.send(autocomplete('count', 'indicator', '', { locale: 'es-ES' }));
        expect(all.body.data?.choices).toHaveLength(25);
        const extra = await h.send(autocomplete('count', 'indicator', 'extra', { locale: 'es-ES' }));
        expect(extra.body.data?.choices).toHaveLength(25);
      });

      it('suggests recent figures by id for figure options, narrowed by the digits typed', async () => {
        const all = await h.send(autocomplete('correct', 'figure', '', { locale: 'es-ES' }));
        expect(all.body.data?.choices?.map((c) => c.value)).toEqual(['4', '3', '2', '1']);
        expect(all.body.data?.choices?.[3]?.name).toBe('#1 · 902 · 20 dic 2025 · Foro Penal · Presos políticos');
        const typed = await h.send(autocomplete('correct', 'figure', '#2', { locale: 'en-US' }));
        expect(typed.body.data?.choices).toEqual([{ name: '#2 · 62 · 20 Dec 2025 · Foro Penal · Forcibly disappeared', value: '2' }]);
      });

      it('suggests sources and ignores options without suggestions', async () => {
        const sources = await h.send(autocomplete('history', 'source', 'foro', { locale: 'es-ES' }));
        expect(sources.body.data?.choices).toEqual([{ name: 'Foro Penal', value: 'foro-penal' }]);
        const none = await h.send(autocomplete('lang', 'language', 'e', { locale: 'es-ES' }));
        expect(none.body.data?.choices).toEqual([]);
      });
    });

    describe('re-delivered interactions', () => {
      it('tells a re-sent interaction it was already handled and never applies its write twice', async () => {
        const toSpanish = slashCommand('lang', { language: 'es' }, { dm: true, locale: 'en-US' });
        const toEnglish = slashCommand('lang', { language: 'en' }, { dm: true, locale: 'en-US' });
        await h.send(toSpanish);
        await h.send(toEnglish);
        const again = await h.send(toSpanish);
        expect(again.status).toBe(200);
        // Not "language set to Spanish" again: it is English now, and the re-sent one changed nothing.
        expect(again.body.data?.flags).toBe(64);
        expect(again.body.data?.embeds?.[0]?.description).toContain('already handled');
        const chat = await h.handle.db.selectFrom('chats').select('locale').executeTakeFirstOrThrow();
        expect(chat.locale).toBe('en');
        const audits = await h.handle.db.selectFrom('audit_log').select('action').where('action', '=', 'chat.lang').execute();
        expect(audits).toHaveLength(2);
      });
    });

    describe('claims', () => {
      it('claims the id of a command that may write once, and answers a reading one without a claim', async () => {
        const id = interactionId();
        const lang = slashCommand('lang', { language: 'en' }, { id, permissions: MANAGE_CHANNELS });
        await h.send(lang);
        await h.send(lang);
        const claimed = await h.handle.db.selectFrom('processed_updates').selectAll().where('update_id', '=', id).execute();
        expect(claimed).toHaveLength(1);
        const readId = interactionId();
        await h.send(slashCommand('count', { indicator: 'presos' }, { id: readId }));
        const read = await h.handle.db.selectFrom('processed_updates').selectAll().where('update_id', '=', readId).execute();
        expect(read).toEqual([]);
      });
    });

    describe('permissions', () => {
      it('lets only members who manage channels set a server channel language; anyone in a DM', async () => {
        const denied = await h.send(slashCommand('lang', { language: 'en' }, { locale: 'es-ES' }));
        expect(denied.body.data?.flags).toBe(64);
        expect(denied.body.data?.embeds?.[0]?.description).toContain('administradores');
        const allowed = await h.send(slashCommand('lang', { language: 'en' }, { locale: 'es-ES', permissions: MANAGE_CHANNELS }));
        expect(allowed.body.data?.flags).toBeUndefined();
        const rows = await h.handle.db.selectFrom('chats').select(['chat_id', 'locale']).execute();
        expect(rows).toEqual([{ chat_id: '2222222222222222222', locale: 'en' }]);
      });

      it('treats a thread as its parent channel', async () => {
        const thread = { id: '5555555555555555555', type: 11, guild_id: '1111111111111111111', parent_id: '2222222222222222222', name: 'hilo', flags: 0 };
        await h.send(slashCommand('lang', { language: 'en' }, { channel: thread, permissions: MANAGE_CHANNELS }));
        const rows = await h.handle.db.selectFrom('chats').select(['chat_id', 'locale']).execute();
        expect(rows).toEqual([{ chat_id: '2222222222222222222', locale: 'en' }]);
      });
    });
  });
}

const slow = defineCommand({
  name: 'slow',
  alias: 'lento',
  description: { es: 'Tarda', en: 'Takes a while' },
  options: [],
  access: 'anyone',
  handler: async (ctx) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return reply(ctx.locale, text('**done** @everyone'));
  },
});

/** A command that may write (so its id is claimed) and fails the first time it runs. */
let brokenRuns = 0;
const brokenOnce = defineCommand({
  name: 'broken',
  alias: 'roto',
  description: { es: 'Falla una vez', en: 'Fails once' },
  options: [],
  access: 'private-or-chat-admin',
  handler: async (ctx) => {
    brokenRuns += 1;
    if (brokenRuns === 1) throw new Error('database went away');
    return reply(ctx.locale, text('applied'));
  },
});

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Discord failed writes (${dialect.name})`, () => {
    it('gives the id back when a write fails, so the re-sent interaction runs it', async () => {
      brokenRuns = 0;
      const h = await startDiscordHarness(await dialect.open(), { commands: [...commands, brokenOnce] });
      try {
        const interaction = slashCommand('broken', {}, { dm: true, locale: 'en-US' });
        const failed = await h.send(interaction);
        expect(failed.body.data?.flags).toBe(64);
        const retried = await h.send(interaction);
        expect(retried.body.data?.embeds?.[0]?.description).toBe('applied');
        expect(brokenRuns).toBe(2);
      } finally {
        await h.close();
      }
    });
  });
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Discord deferred answers (${dialect.name})`, () => {
    let h: DiscordHarness;
    beforeEach(async () => {
      h = await startDiscordHarness(await dialect.open(), { commands: [...commands, slow], deferAfterMs: 50 });
    });
    afterEach(async () => {
      await h.close();
    });

    it('defers a slow command and sends its result as an edit of the original response', async () => {
      const interaction = slashCommand('slow', {}, { locale: 'en-US' });
      const { status, body } = await h.send(interaction);
      expect(status).toBe(200);
      expect(body).toEqual({ type: 5 });
      await h.tasks.drain();
      const patch = h.api.calls.find((c) => c.route === 'PATCH /webhooks/:app/:token/messages/:id');
      expect(decodeURIComponent(patch?.path ?? '')).toBe(`/v10/webhooks/1234567890123456789/token-${String(interaction.id)}/messages/@original`);
      expect(patch?.status).toBe(200);
      expect(patch?.body).toMatchObject({ embeds: [{ description: '\\*\\*done\\*\\* @everyone' }], allowed_mentions: { parse: [] } });
      expect(patch?.body).not.toHaveProperty('flags');
    });

    it('defers a slow button press as an update of its message', async () => {
      const { body } = await h.send(buttonPress('slow:', { locale: 'en-US' }));
      expect(body).toEqual({ type: 6 });
      await h.tasks.drain();
      expect(h.api.calls.map((c) => c.route)).toEqual(['PATCH /webhooks/:app/:token/messages/:id']);
    });
  });
}
