// One lookup for every command that takes an indicator or a source: the same match on slug,
// names, aliases and words as /count, a "did you mean" for sources too, names of several words
// in /reportar without quotes, and /ayuda <command>. Through the Telegram webhook (and Discord's
// signed interactions for typed options), on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantEditor } from '../../src/domain/editors.js';
import { loadDataset } from '../../src/domain/seed.js';
import { dialects } from '../support/databases.js';
import { messageUpdate, NOW, startTelegramHarness, user, webhookReply, type TelegramHarness } from '../platforms/telegram/telegram-harness.js';
import { slashCommand, startDiscordHarness, USER_ID } from '../platforms/discord/interaction-harness.js';
import { counts } from '../admin/chat-support.js';

const URL = 'https://foropenal.com/reporte-2026-02';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`one lookup for every command (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
      await grantEditor(h.handle.db, { platform: 'telegram', userId: '7001' }, { actor: 'test', now: new Date('2026-02-01T00:00:00Z') });
    });
    afterEach(async () => {
      await h.close();
    });

    const ask = async (line: string, from = user()) => String((await webhookReply(await h.post(messageUpdate(line, { from }))))?.text);

    /** The newest figure's indicator, source and value. */
    async function newest() {
      return h.handle.db
        .selectFrom('figures as f')
        .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
        .innerJoin('sources as s', 's.id', 'f.source_id')
        .select(['i.slug as indicator', 's.slug as source', 'f.id'])
        .orderBy('f.id', 'desc')
        .executeTakeFirstOrThrow();
    }

    it.each([
      ['presos politicos foro penal'],
      ['Presos políticos Foro Penal'],
      ['presos foro'],
      ['"presos políticos" "foro penal"'],
      ['political prisoners foro-penal'],
    ])('/reportar finds indicator and source of several words: %s', async (names) => {
      const text = await ask(`/reportar ${names} 905 2026-02-20 ${URL} primera cifra de febrero`);
      expect(text).toContain('registrada');
      expect(text).toContain('Presos políticos · Foro Penal: <b>905</b>');
      expect(await newest()).toMatchObject({ indicator: 'political-prisoners', source: 'foro-penal' });
    });

    it('/reportar with a value of several words after names of several words', async () => {
      const text = await ask(`/reportar presos politicos foro penal 1 085 2026-02-20 ${URL}`);
      expect(text).toContain('<b>1.085</b>');
    });

    it('/reportar refuses a misspelt source with "did you mean", writing nothing', async () => {
      const before = await counts(h.handle.db);
      const text = await ask(`/reportar presos politicos forro penal 905 2026-02-20 ${URL}`);
      expect(text).toContain('No existe la fuente «forro penal». ¿Quisiste decir Foro Penal (foro-penal)?');
      expect(await counts(h.handle.db)).toEqual(before);
      expect(await ask(`/reportar presos forro-penal 905 2026-02-20 ${URL}`)).toContain('¿Quisiste decir Foro Penal (foro-penal)?');
    });

    it('/reportar refuses a misspelt indicator with "did you mean", writing nothing', async () => {
      const before = await counts(h.handle.db);
      const text = await ask(`/reportar presso politicos foro penal 905 2026-02-20 ${URL}`);
      expect(text).toContain('No existe el indicador «presso politicos». ¿Quisiste decir political-prisoners?');
      expect(await counts(h.handle.db)).toEqual(before);
    });

    it('/reportar names the candidates of an ambiguous source, writing nothing', async () => {
      await loadDataset(h.handle.db, { sources: [{ slug: 'cofavic', kind: 'ngo', name: 'Comité de Familiares de las Víctimas' }] }, { actor: 'test', now: NOW });
      const before = await counts(h.handle.db);
      const text = await ask(`/reportar presos comite 905 2026-02-20 ${URL}`, user(7001, 'en'));
      expect(text).toContain('&quot;comite&quot; could mean several sources (');
      expect(text).toContain('Comité de Familiares de las Víctimas (cofavic)');
      expect(text).toContain('(ngo-coalition-dec-2025)');
      expect(await counts(h.handle.db)).toEqual(before);
    });

    it('/fuentes and /historial take a misspelt source like /cifras takes a misspelt indicator', async () => {
      expect(await ask('/fuentes forro-penal')).toContain('<b>Foro Penal</b>');
      expect(await ask('/historial presos politicos forro penal')).toContain('Historial: Presos políticos — Foro Penal');
    });

    it('/suscribir takes the same names as /cifras', async () => {
      expect(await ask('/suscribir presos politicos')).toContain('Presos políticos');
      expect(await ask('/suscribir liberados')).toContain('Excarcelaciones de detenidos postelectorales');
    });

    it("/ayuda reportar gives that command's help, in either language and with either name", async () => {
      const text = await ask('/ayuda reportar');
      expect(text).toContain('/reportar &lt;indicador&gt; &lt;fuente&gt; &lt;valor&gt; &lt;fecha&gt; &lt;enlace&gt; [nota…]');
      expect(text).toContain('Registrar una cifra nueva');
      expect(text).toContain('<b>fecha</b> — A qué fecha corresponde');
      expect(text).not.toContain('Sobra');
      const english = await ask('/help /report', user(7001, 'en'));
      expect(english).toContain('/report &lt;indicator&gt; &lt;source&gt;');
      expect(await ask('/ayuda volar')).toContain('No conozco el comando /volar');
    });
  });

  describe.skipIf(!dialect.available)(`one lookup on Discord (${dialect.name})`, () => {
    it('/report takes names typed in typed options, and says "did you mean" for a misspelt source', async () => {
      const d = await startDiscordHarness(await dialect.open());
      try {
        await grantEditor(d.handle.db, { platform: 'discord', userId: USER_ID }, { actor: 'test', now: new Date('2026-02-01T00:00:00Z') });
        const options = { indicator: 'presos politicos', source: 'Foro Penal', value: '905', 'as-of': '2026-02-20', url: URL };
        const ok = await d.send(slashCommand('report', options, { locale: 'es-ES' }));
        expect(JSON.stringify(ok.body.data?.embeds)).toContain('registrada');
        const typo = await d.send(slashCommand('report', { ...options, source: 'forro-penal' }, { locale: 'es-ES' }));
        expect(JSON.stringify(typo.body.data?.embeds)).toContain('¿Quisiste decir Foro Penal (foro-penal)?');
      } finally {
        await d.close();
      }
    });
  });
}
