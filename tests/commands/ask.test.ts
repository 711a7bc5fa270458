// `cifras ask`: a command line becomes a console invocation; the plain-text rendering of every
// block kind; history after corrections and retractions, and which replies are errors (the CLI's
// exit code 1), on both databases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { correctFigure, retractFigure } from '../../src/domain/figures.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { parseValue } from '../../src/domain/value.js';
import { renderPlainText } from '../../src/platforms/console/render-plain-text.js';
import { askInvocation, AskUsageError, runAsk, runAskResult } from '../../src/platforms/console/run-ask.js';
import { dialects } from '../support/databases.js';

describe('askInvocation', () => {
  it('reads the command and the rest of the line, slash optional, as a private console chat', () => {
    expect(askInvocation({ line: '/count presos políticos', as: 'telegram:123', lang: 'en' })).toEqual({
      platform: 'console',
      commandName: 'count',
      rawArgs: 'presos políticos',
      user: { platform: 'telegram', id: '123', isChatAdmin: true },
      chat: { id: 'telegram:123', type: 'private' },
      locale: 'en',
    });
    expect(askInvocation({ line: 'cifras' })).toMatchObject({ commandName: 'cifras', rawArgs: '', user: { platform: 'console', id: 'local' } });
  });

  it('refuses an empty line and a malformed --as', () => {
    expect(() => askInvocation({ line: '  ' })).toThrow(AskUsageError);
    expect(() => askInvocation({ line: '/count', as: 'matrix:1' })).toThrow(/--as must be <platform>:<user-id>/);
    expect(() => askInvocation({ line: '/count', as: 'telegram:' })).toThrow(AskUsageError);
  });
});

describe('renderPlainText', () => {
  it('lays out choices, errors with hints and links whose text differs from the URL', () => {
    const out = renderPlainText({
      locale: 'en',
      blocks: [
        { kind: 'text', parts: [{ text: 'See ' }, { text: 'the report', link: 'https://example.org/r' }] },
        { kind: 'choice', prompt: 'Which one?', options: [{ label: 'Political prisoners', command: '/count political-prisoners' }] },
        { kind: 'error', message: 'Bad.', hint: 'Usage: /lang <es|en>' },
        {
          kind: 'summary',
          indicatorSlug: 'x',
          indicatorName: 'X',
          lines: [],
          spread: null,
          labels: { asOf: 'as of', stale: 'stale', spread: 'Spread', empty: 'No figures yet.', period: 'period', corrected: 'corrected' },
        },
      ],
    });
    expect(out).toBe(
      [
        'See the report <https://example.org/r>',
        'Which one?\n  • Political prisoners: /count political-prisoners',
        '⚠ Bad.\nUsage: /lang <es|en>',
        'X\n  No figures yet.',
      ].join('\n\n'),
    );
  });
});

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`ask after corrections and retractions (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    const config = { owners: [], defaultLocale: 'es' as const };
    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2026-01-02T10:00:00Z') });
    });
    afterEach(async () => handle.close());

    it('/historial shows each revision with its reason, and /cifras drops a retracted figure', async () => {
      await correctFigure(handle.db, 3, parseValue('1.085'), 'El ministerio actualizó su comunicado', {
        actor: 'telegram:1',
        now: new Date('2026-01-05T10:00:00Z'),
      });
      await retractFigure(handle.db, 4, 'Atribución dudosa', { actor: 'telegram:1', now: new Date('2026-01-06T10:00:00Z') });
      const now = (): Date => new Date('2026-01-10T00:00:00Z');

      const history = await runAsk({ db: handle.db, config, now, line: '/historial excarcelaciones' });
      // Recorded times in CIFRAS_TIMEZONE (America/Caracas by default), labelled as recorded, never "published".
      expect(history).toContain(
        '#3 · Ministerio del Poder Popular para el Servicio Penitenciario: 1.085 (corregida) · al 25 dic 2025 · periodo 24 dic 2025 – 25 dic 2025 · ' +
          'registrada 2 ene 2026, 06:00 (hora de Caracas) · kudupinter.com <https://kudupinter.com/?p=110469>\n' +
          "  • nota: Comunicado oficial: excarcelados tras una evaluación caso por caso; detenidos por 'hechos de violencia e incitación al odio'.\n" +
          '  • corregida 5 ene 2026, 06:00 (hora de Caracas): 99 → 1.085 — motivo: El ministerio actualizó su comunicado',
      );
      expect(history).toMatch(
        /#4 · Justicia.*: 60–75 RETIRADA · al 25 dic 2025 · .* · registrada 2 ene 2026, 06:00 \(hora de Caracas\) · kudupinter\.com <https:\/\/kudupinter\.com\/\?p=110469>\n {2}• retirada 6 ene 2026, 06:00 \(hora de Caracas\) — motivo: Atribución dudosa/,
      );

      const count = await runAsk({ db: handle.db, config, now, line: '/count releases', lang: 'en' });
      expect(count).toBe(
        [
          'Releases of post-election detainees',
          // Corrected since it was reported: /count says so.
          '  • Ministerio del Poder Popular para el Servicio Penitenciario: 1,085 (corrected) — as of 25 Dec 2025 (period 24 Dec 2025 – 25 Dec 2025) #3',
          '    https://kudupinter.com/?p=110469',
        ].join('\n'),
      );
    });
  });
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`ask tells error replies apart (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    const config = { owners: [{ platform: 'telegram' as const, userId: '1' }], defaultLocale: 'en' as const };
    const now = (): Date => new Date('2026-01-10T00:00:00Z');
    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2026-01-02T10:00:00Z') });
    });
    afterEach(async () => handle.close());

    it('marks unknown commands, refused access, bad arguments and domain errors, still with their text', async () => {
      const ask = (line: string, as?: string) => runAskResult({ db: handle.db, config, now, line, ...(as === undefined ? {} : { as }) });
      const unknown = await ask('/nope');
      expect(unknown).toEqual({ text: expect.stringContaining('⚠') as unknown, isError: true });
      expect((await ask('/report political-prisoners foro-penal 900 2026-01 https://example.org')).isError).toBe(true);
      expect((await ask('/lang fr')).isError).toBe(true);
      const domain = await ask('/report nowhere foro-penal 900 2026-01 https://example.org', 'telegram:1');
      expect(domain.isError).toBe(true);
      expect(domain.text).toContain('nowhere');
    });

    it('reads an owner\'s value typed over several words, and refuses one it cannot read for sure (es, en)', async () => {
      const ask = (line: string, lang: 'es' | 'en') => runAskResult({ db: handle.db, config, now, line, as: 'telegram:1', lang });
      const corrected = await ask('/correct 1 1 085 miscount', 'en');
      expect(corrected.isError, corrected.text).toBe(false);
      expect(corrected.text).toContain('Figure #1 corrected: 902 → 1,085');
      expect(corrected.text).toContain('Reason: miscount');
      const unclear = await ask('/corregir 1 900 100 personas', 'es');
      expect(unclear.isError).toBe(true);
      expect(unclear.text).toContain('No se sabe dónde termina «valor» en «900 100 personas», así que no se ha guardado nada.');
      expect(unclear.text).toContain('o entre comillas ("1 085")');
      expect((await ask('/history political-prisoners foro-penal', 'en')).text).not.toContain('900,100');
    });

    it('does not mark answers, including a choice or a list of indicators', async () => {
      const count = await runAskResult({ db: handle.db, config, now, line: '/count political-prisoners' });
      expect(count.isError).toBe(false);
      expect(count.text).toBe(await runAsk({ db: handle.db, config, now, line: '/count political-prisoners' }));
      expect((await runAskResult({ db: handle.db, config, now, line: '/indicators' })).isError).toBe(false);
    });
  });
}
