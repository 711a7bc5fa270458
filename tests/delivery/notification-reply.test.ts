// The notification a subscribed chat gets for each event, built from the events the real writes
// record, in Spanish and English, on SQLite and PostgreSQL; and what the platform renderers make
// of the admin-typed parts of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { buildNotificationReply, type NotificationEvent } from '../../src/delivery/notification-reply.js';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { parseValue } from '../../src/domain/value.js';
import { renderPlainText } from '../../src/platforms/console/render-plain-text.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import { renderTelegramHtml } from '../../src/platforms/telegram/render.js';
import { dialects } from '../support/databases.js';

const NOW = new Date('2026-01-05T12:00:00Z');
const TODAY = '2026-01-05';
const write = { actor: 'telegram:1', now: NOW };
const SEED_LINK = 'kudupinter.com <https://kudupinter.com/?p=110469>';
const MINISTRY = 'Ministerio del Poder Popular para el Servicio Penitenciario';
const NGOS = 'Justicia, Encuentro y Perdón; Comité de Madres en Defensa de la Verdad; Comité por la Libertad de los Presos Políticos (CLPP)';

/** The newest event the writes recorded: what the worker will be rendering. */
async function lastEvent(db: Kysely<Database>): Promise<NotificationEvent> {
  const row = await db.selectFrom('events').select(['kind', 'figure_id', 'revision']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { kind: row.kind, figureId: row.figure_id, revision: row.revision };
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`notification replies (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    const render = async (event: NotificationEvent, locale: 'es' | 'en', today = TODAY): Promise<string> =>
      renderPlainText(await buildNotificationReply(handle.db, event, locale, today));

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
    });
    afterEach(async () => handle.close());

    it("published: the value, date, link and id, the same source's previous figure; no other source to show", async () => {
      await reportFigure(
        handle.db,
        { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('>=910'), asOf: '2026-01-04', url: 'https://www.example.org/910', note: 'Conteo <parcial>' },
        write,
      );
      const event = await lastEvent(handle.db);
      expect(event).toEqual({ kind: 'published', figureId: 5, revision: 1 });
      expect(await render(event, 'es')).toBe(
        [
          'Nueva cifra · Presos políticos',
          'Foro Penal: ≥ 910 — al 4 ene 2026 · example.org <https://www.example.org/910> · #5',
          'Nota: Conteo <parcial>',
          `Cifra anterior de Foro Penal: 902 — al 20 dic 2025 · ${SEED_LINK} · #1`,
        ].join('\n\n'),
      );
      expect(await render(event, 'en')).toBe(
        [
          'New figure · Political prisoners',
          'Foro Penal: ≥ 910 — as of 4 Jan 2026 · example.org <https://www.example.org/910> · #5',
          'Note: Conteo <parcial>',
          `Foro Penal's previous figure: 902 — as of 20 Dec 2025 · ${SEED_LINK} · #1`,
        ].join('\n\n'),
      );
    });

    it('published, back-filled: older than the source\'s latest, so announced as historical with that latest beside it', async () => {
      await reportFigure(
        handle.db,
        { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('101'), asOf: '2018-02-02', url: 'https://foropenal.com/2018-02-02' },
        write,
      );
      const event = await lastEvent(handle.db);
      const es = await render(event, 'es');
      expect(es).toBe(
        [
          'Cifra histórica añadida · Presos políticos',
          'Foro Penal: 101 — al 2 feb 2018 · foropenal.com <https://foropenal.com/2018-02-02> · #5',
          `Cifra más reciente de Foro Penal: 902 — al 20 dic 2025 · ${SEED_LINK} · #1`,
        ].join('\n\n'),
      );
      expect(es).not.toContain('Nueva cifra');
      const en = await render(event, 'en');
      expect(en).toMatch(/^Historical figure added · Political prisoners\n/);
      expect(en).toContain(`Foro Penal's latest figure: 902 — as of 20 Dec 2025 · ${SEED_LINK} · #1`);
    });

    it("published: a flow with its period, the previous figure, and every other source's latest (stale marked)", async () => {
      await reportFigure(
        handle.db,
        {
          indicator: 'post-election-releases',
          source: 'ministerio-servicio-penitenciario',
          value: parseValue('~1085'),
          asOf: '2026-01-03',
          period: { from: '2026-01-02', to: '2026-01-03' },
          url: 'https://example.org/comunicado',
        },
        write,
      );
      const event = await lastEvent(handle.db);
      expect(await render(event, 'en')).toBe(
        [
          'New figure · Releases of post-election detainees',
          `${MINISTRY}: ~1,085 — as of 3 Jan 2026 (period 2 Jan 2026 – 3 Jan 2026) · example.org <https://example.org/comunicado> · #5`,
          `${MINISTRY}'s previous figure: 99 — as of 25 Dec 2025 (period 24 Dec 2025 – 25 Dec 2025) · ${SEED_LINK} · #3`,
          `Other sources\n  • ${NGOS}: 60–75 — as of 25 Dec 2025 (period 24 Dec 2025 – 25 Dec 2025) · ${SEED_LINK} · #4`,
        ].join('\n\n'),
      );
      // Six weeks on, the NGOs' figure is past the 30-day threshold.
      const later = await render(event, 'es', '2026-02-10');
      expect(later).toContain(`${MINISTRY}: ~1.085 — al 3 ene 2026 (periodo 2 ene 2026 – 3 ene 2026)`);
      expect(later).toContain(`Otras fuentes\n  • ${NGOS}: 60–75 — al 25 dic 2025 (periodo 24 dic 2025 – 25 dic 2025) · ${SEED_LINK} · #4 · desactualizada`);
    });

    it('published: the value the event published, and a retracted earlier figure is not "previous"', async () => {
      await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-04', url: 'https://example.org/910' }, write);
      const published = await lastEvent(handle.db);
      await correctFigure(handle.db, 5, parseValue('915'), 'recount', write);
      await retractFigure(handle.db, 1, 'double counted', write);
      const text = await render(published, 'en');
      expect(text).toContain('Foro Penal: 910 — as of 4 Jan 2026');
      expect(text).not.toContain('previous figure');
    });

    it('corrected: old → new and the reason, in both languages', async () => {
      await correctFigure(handle.db, 1, parseValue('905'), 'Conteo revisado <b>', write);
      const event = await lastEvent(handle.db);
      expect(event).toEqual({ kind: 'corrected', figureId: 1, revision: 2 });
      expect(await render(event, 'es')).toBe(
        ['Cifra corregida · Presos políticos', `Foro Penal: 902 → 905 — al 20 dic 2025 · ${SEED_LINK} · #1`, 'Motivo: Conteo revisado <b>'].join('\n\n'),
      );
      expect(await render(event, 'en')).toBe(
        ['Figure corrected · Political prisoners', `Foro Penal: 902 → 905 — as of 20 Dec 2025 · ${SEED_LINK} · #1`, 'Reason: Conteo revisado <b>'].join('\n\n'),
      );
      // A second correction shows its own step, not the first report's value.
      await correctFigure(handle.db, 1, parseValue('60-75'), 'range', write);
      expect(await render(await lastEvent(handle.db), 'es')).toContain('Foro Penal: 905 → 60–75 — al 20 dic 2025');
    });

    it('retracted: says so, with the value it had and the reason', async () => {
      await retractFigure(handle.db, 4, 'Duplicada', write);
      const event = await lastEvent(handle.db);
      expect(event).toEqual({ kind: 'retracted', figureId: 4, revision: 2 });
      expect(await render(event, 'en')).toBe(
        [
          'Figure retracted · Releases of post-election detainees',
          `${NGOS}: 60–75 — as of 25 Dec 2025 (period 24 Dec 2025 – 25 Dec 2025) · ${SEED_LINK} · #4`,
          'Reason: Duplicada',
        ].join('\n\n'),
      );
      expect(await render(event, 'es')).toMatch(/^Cifra retirada · Excarcelaciones de detenidos postelectorales\n\n.*60–75 — al 25 dic 2025 .*#4\n\nMotivo: Duplicada$/);
    });

    it('admin-typed reasons and notes are data on every platform: escaped for Telegram HTML and Discord markdown', async () => {
      await correctFigure(handle.db, 1, parseValue('905'), '<a href="https://evil.example">click</a> **now** @everyone', write);
      const reply = await buildNotificationReply(handle.db, await lastEvent(handle.db), 'es', TODAY);
      const html = renderTelegramHtml(reply).map((m) => m.text).join('\n');
      expect(html).toContain('Motivo: &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt; **now** @everyone');
      expect(html).toContain('<b>Cifra corregida · Presos políticos</b>');
      expect(html).toContain('<a href="https://kudupinter.com/?p=110469">kudupinter.com</a>');
      const discord = renderDiscord(reply);
      expect(discord.allowed_mentions).toEqual({ parse: [] });
      const description = discord.embeds.map((e) => e.description ?? '').join('\n');
      expect(description).toContain('902 → 905');
      expect(description).not.toContain('**now**');
    });
  });
}
