// The reader commands on the demo dataset, through `ask` (the real dispatcher), on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { commands } from '../../commands/index.js';
import { createRegistry } from '../../src/core/registry.js';
import { runCommand } from '../../src/core/run-command.js';
import { listAudit } from '../../src/domain/audit.js';
import { reportFigure } from '../../src/domain/figures.js';
import { createReadCache } from '../../src/domain/read-cache.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { runAsk, type AskOptions } from '../../src/platforms/console/run-ask.js';
import { dialects } from '../support/databases.js';

// Six weeks after the demo's dates: Foro Penal's 902 (as of 2025-12-20) is past the 30-day threshold.
const now = (): Date => new Date('2026-02-01T12:00:00Z');
const config = { owners: [{ platform: 'telegram' as const, userId: '1' }], defaultLocale: 'es' as const };

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`reader commands (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    const ask = (line: string, options: Partial<AskOptions> = {}): Promise<string> =>
      runAsk({ db: handle.db, config, line, now, ...options });

    beforeAll(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: now() });
    });
    afterAll(async () => handle.close());

    it('/count presos politicos: Foro Penal 902 in Spanish, with date, link and stale marker', async () => {
      const out = await ask('/count presos politicos');
      expect(out).toBe(
        ['Presos políticos', '  • Foro Penal: 902 — al 20 dic 2025 [desactualizada] #1', '    https://kudupinter.com/?p=110469'].join('\n'),
      );
    });

    it('--lang en /count releases: the ministry 99 and the NGOs 60–75 side by side, with the spread', async () => {
      const out = await ask('/count releases', { lang: 'en' });
      const lines = out.split('\n');
      expect(lines[0]).toBe('Releases of post-election detainees');
      expect(out).toMatch(/• Ministerio del Poder Popular para el Servicio Penitenciario: 99 — as of 25 Dec 2025 \(period 24 Dec 2025 – 25 Dec 2025\)/);
      expect(out).toMatch(/• Justicia, Encuentro y Perdón; .*\(CLPP\): 60–75 — as of 25 Dec 2025/);
      expect(lines.at(-1)).toMatch(/^Spread across sources: 60 \(Justicia, .*\) – 99 \(Ministerio del Poder Popular para el Servicio Penitenciario\)$/);
    });

    it('/cifras with no indicator: one line per indicator', async () => {
      const out = await ask('/cifras');
      expect(out).toContain('  • Presos políticos: 902 (Foro Penal, al 20 dic 2025)');
      expect(out).toContain('  • Desaparecidos forzosos: 62 (Foro Penal, al 20 dic 2025)');
      // Several sources: the lowest and the highest, each with its source, and how many there are.
      expect(out).toMatch(/• Excarcelaciones de detenidos postelectorales: 60 \(Justicia, .*\(CLPP\)\) – 99 \(Ministerio del Poder Popular para el Servicio Penitenciario\) · 2 fuentes\n/);
    });

    it('an ambiguous lookup offers a choice of commands', async () => {
      const registry = createRegistry(commands);
      const reply = await runCommand(
        registry,
        {
          platform: 'telegram',
          commandName: 'cifras',
          rawArgs: 'detenidos',
          user: { platform: 'telegram', id: '7', isChatAdmin: false, languageCode: 'es' },
          chat: { id: '7', type: 'private' },
        },
        { db: handle.db, config, now },
      );
      expect(reply.blocks).toEqual([
        {
          kind: 'choice',
          prompt: '«detenidos» puede referirse a varios indicadores. ¿Cuál buscas?',
          options: [
            { label: 'Presos políticos', command: '/count political-prisoners' },
            { label: 'Excarcelaciones de detenidos postelectorales', command: '/count post-election-releases' },
          ],
        },
      ]);
      // The chosen command runs as is.
      expect(await ask('/count post-election-releases')).toMatch(/^Excarcelaciones de detenidos postelectorales\n/);
    });

    it('an unknown indicator says so and lists the indicators', async () => {
      expect(await ask('/count inflación')).toBe(
        [
          'No encuentro ningún indicador que corresponda a «inflación». Estos son los disponibles:',
          '  • Desaparecidos forzosos (forced-disappearances)',
          '  • Presos políticos (political-prisoners)',
          '  • Excarcelaciones de detenidos postelectorales (post-election-releases)',
        ].join('\n'),
      );
    });

    it('/indicadores and /fuentes list what there is; /fuentes <source> describes one', async () => {
      expect(await ask('/indicadores')).toMatch(/• Presos políticos \(political-prisoners, recuento a una fecha\) — Personas privadas/);
      const sources = await ask('/sources', { lang: 'en' });
      expect(sources).toContain('  • Foro Penal (foro-penal, NGO)');
      expect(sources).toContain('(ministerio-servicio-penitenciario, government)');
      expect(await ask('/fuentes foro penal')).toBe(
        'Foro Penal (foro-penal, ONG)\n\nONG venezolana que lleva un conteo actualizado de personas detenidas y desaparecidas por razones políticas.\n\nSitio web: https://foropenal.com',
      );
      expect(await ask('/fuentes nadie')).toBe('⚠ No existe la fuente «nadie». Usa /fuentes para ver la lista.');
    });

    it('/historial shows figures by as-of date with their revisions, optionally for one source', async () => {
      const out = await ask('/historial liberaciones');
      expect(out).toMatch(/^Historial: Excarcelaciones de detenidos postelectorales\n/);
      // The as-of date and the recorded time, each labelled for what it is; the period and the note.
      expect(out).toMatch(
        /#3 · Ministerio del Poder Popular para el Servicio Penitenciario: 99 · al 25 dic 2025 · periodo 24 dic 2025 – 25 dic 2025 · registrada 1 feb 2026, 08:00 \(hora de Caracas\) · kudupinter\.com <https:\/\/kudupinter\.com\/\?p=110469>\n {2}• nota: Comunicado oficial/,
      );
      expect(out).not.toContain('publicada');
      const one = await ask('/history "political prisoners" foro-penal', { lang: 'en' });
      expect(one).toMatch(/^History: Political prisoners — Foro Penal\n\n#1 · Foro Penal: 902 · as of 20 Dec 2025 · recorded 1 Feb 2026, 08:00 \(Caracas time\)/);
      expect(await ask('/historial')).toBe('⚠ Falta el dato «indicador».\nUso: /historial <indicador> [fuente] [página]');
    });

    it('/historial reads an indicator of several words, then maybe a source, wherever the words split', async () => {
      expect(await ask('/historial presos políticos')).toMatch(/^Historial: Presos políticos\n\n#1 · Foro Penal: 902 · al 20 dic 2025 · /);
      expect(await ask('/history political prisoners', { lang: 'en' })).toMatch(/^History: Political prisoners\n\n#1 · Foro Penal: 902 · as of 20 Dec 2025 · /);
      expect(await ask('/historial desaparecidos forzosos')).toMatch(/^Historial: Desaparecidos forzosos\n\n#2 · Foro Penal: 62 · al 20 dic 2025 · /);
      for (const line of [
        '/history presos-politicos foro-penal',
        '/historial presos politicos foro penal',
        '/historial presos políticos foro',
        '/historial "presos políticos" foro penal',
        '/historial political-prisoners Foro Penal',
      ]) {
        expect(await ask(line), line).toMatch(/^Historial: Presos políticos — Foro Penal\n\n#1 · Foro Penal: 902 · al 20 dic 2025 · /);
      }
      expect(await ask('/historial liberaciones clpp')).toMatch(/^Historial: Excarcelaciones de detenidos postelectorales — Justicia, .*\(CLPP\)\n\n#4 /);
      // No split gives one indicator and one source: answered as for an unclear indicator.
      expect(await ask('/historial detenidos foro penal')).toBe(
        [
          '«detenidos» puede referirse a varios indicadores. ¿Cuál buscas?',
          '  • Presos políticos: /history political-prisoners foro-penal',
          '  • Excarcelaciones de detenidos postelectorales: /history post-election-releases foro-penal',
        ].join('\n'),
      );
      // No split names an indicator and a source: the indicator its words name is offered.
      expect(await ask('/historial presos políticos nadie')).toBe(
        ['Ningún indicador corresponde a todo «presos políticos nadie». ¿Buscas alguno de estos?', '  • Presos políticos: /history political-prisoners'].join('\n'),
      );
      expect(await ask('/historial inflación')).toMatch(/^No encuentro ningún indicador que corresponda a «inflación»\. Estos son/);
      // A source given apart (Discord's typed option) is read as given; an indicator typed alone is split the same way.
      const registry = createRegistry(commands);
      const discord = (options: Record<string, string>) =>
        runCommand(
          registry,
          {
            platform: 'discord',
            commandName: 'history',
            options,
            user: { platform: 'discord', id: '9', isChatAdmin: false, languageCode: 'es' },
            chat: { id: '9', type: 'private' },
          },
          { db: handle.db, config, now },
        );
      expect(JSON.stringify(await discord({ indicator: 'presos políticos foro penal' }))).toContain('Historial: Presos políticos — Foro Penal');
      expect(JSON.stringify(await discord({ indicator: 'presos políticos', source: 'foro' }))).toContain('Historial: Presos políticos — Foro Penal');
      expect(JSON.stringify(await discord({ indicator: 'presos políticos', source: 'nadie' }))).toContain('No existe la fuente «nadie»');
    });

    it('/count and /cifras still take every word as the indicator', async () => {
      expect(await ask('/cifras desaparecidos forzosos')).toMatch(/^Desaparecidos forzosos\n {2}• Foro Penal: 62/);
      expect(await ask('/count political prisoners', { lang: 'en' })).toMatch(/^Political prisoners\n {2}• Foro Penal: 902/);
    });

    it('/lang persists per chat, is audited, and changes the next reply', async () => {
      const as = 'telegram:501';
      expect(await ask('/idioma en', { as })).toBe('Done: I will answer in English in this chat.');
      expect(await ask('/count presos politicos', { as })).toMatch(/^Political prisoners\n {2}• Foro Penal: 902 — as of 20 Dec 2025 \[stale\] #1/);
      // Other chats keep the default.
      expect(await ask('/count presos politicos', { as: 'telegram:502' })).toMatch(/^Presos políticos\n/);
      expect(await ask('/lang es', { as })).toBe('De acuerdo: en este chat responderé en español.');
      expect(await ask('/cifras desaparecidos', { as })).toMatch(/^Desaparecidos forzosos\n/);
      const audit = (await listAudit(handle.db, 50)).filter((e) => e.action === 'chat.lang' && e.actor === as);
      expect(audit.map((e) => [e.target, e.before, e.after])).toEqual([
        ['chat:console:telegram:501', { locale: 'en' }, { locale: 'es' }],
        ['chat:console:telegram:501', null, { locale: 'en' }],
      ]);
    });

    it('/lang in a group: refused to a non-admin, allowed to the chat admins', async () => {
      const registry = createRegistry(commands);
      const group = (isChatAdmin: boolean) => ({
        platform: 'telegram' as const,
        commandName: 'lang',
        rawArgs: 'en',
        user: { platform: 'telegram' as const, id: '77', isChatAdmin, languageCode: 'es' },
        chat: { id: '-1009', type: 'group' as const },
      });
      const deps = { db: handle.db, config, now };
      const refused = await runCommand(registry, group(false), deps);
      expect(refused.blocks).toEqual([{ kind: 'error', message: 'En este chat solo sus administradores pueden usar /idioma.', hint: null }]);
      const before = await handle.db.selectFrom('chats').selectAll().where('chat_id', '=', '-1009').execute();
      expect(before).toEqual([]);
      const allowed = await runCommand(registry, group(true), deps);
      expect(allowed.locale).toBe('en');
      const after = await handle.db.selectFrom('chats').select(['platform', 'locale']).where('chat_id', '=', '-1009').execute();
      expect(after).toEqual([{ platform: 'telegram', locale: 'en' }]);
    });

    it('offers the indicators a question names when none matches all of it', async () => {
      expect(await ask('/count desaparecidos presos')).toBe(
        [
          'Ningún indicador corresponde a todo «desaparecidos presos». ¿Buscas alguno de estos?',
          '  • Desaparecidos forzosos: /count forced-disappearances',
          '  • Presos políticos: /count political-prisoners',
        ].join('\n'),
      );
      expect(await ask('/count prisoners inflation', { lang: 'en' })).toBe(
        [
          'No indicator matches all of "prisoners inflation". Is it one of these?',
          '  • Political prisoners: /count political-prisoners',
          '  • Releases of post-election detainees: /count post-election-releases', // its alias "released prisoners"
        ].join('\n'),
      );
      expect(await ask('/count la de')).toMatch(/^No encuentro ningún indicador que corresponda a «la de»\. Estos son/);
    });

    it('keeps a /count reply until the next write, separately per language and question', async () => {
      const registry = createRegistry(commands);
      const invocation = (rawArgs: string, languageCode: string) => ({
        platform: 'telegram' as const,
        commandName: 'count',
        rawArgs,
        user: { platform: 'telegram' as const, id: '8', isChatAdmin: false, languageCode },
        chat: { id: '8', type: 'private' as const },
      });
      const cache = createReadCache(handle.capabilities.dataVersion);
      const run = (rawArgs: string, languageCode = 'es') =>
        runCommand(registry, invocation(rawArgs, languageCode), { db: handle.db, cache, config, now });
      const first = await run('presos politicos');
      expect(await run('presos politicos')).toBe(first);
      expect(await run('presos politicos', 'en')).not.toBe(first);
      expect(await run('desaparecidos')).not.toBe(first);

      await reportFigure(
        handle.db,
        { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 863 }, asOf: '2025-12-29', url: 'https://example.org/863' },
        { actor: 'test', now: now() },
      );
      const after = await run('presos politicos');
      expect(after).not.toBe(first);
      expect(JSON.stringify(after)).toContain('863');
      expect(JSON.stringify(first)).not.toContain('863');
    });

    it('/ayuda lists every command under its Spanish name with the English one', async () => {
      const out = await ask('/ayuda');
      for (const command of commands) {
        expect(out).toContain(command.alias === null ? `/${command.name}` : `/${command.alias} (/${command.name})`);
      }
      expect(await ask('/start', { lang: 'en' })).toContain('/count (/cifras) [indicator]');
    });
  });
}
