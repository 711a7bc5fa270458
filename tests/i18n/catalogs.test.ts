// The catalogs: the same keys in both languages (also enforced by `satisfies Messages`), a message
// for every domain error, error messages that show the accepted forms, and no per-language text
// kept outside them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from '../../src/domain/errors.js';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { messagesFor } from '../../src/i18n/index.js';

/** Every key path in a catalog, e.g. `errors.invalid_value`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

// Listed here so that a new code added to the union without a test of its message fails tsc.
const CODES = {
  invalid_value: true,
  invalid_date: true,
  future_date: true,
  invalid_period: true,
  invalid_url: true,
  reason_required: true,
  unknown_indicator: true,
  ambiguous_indicator: true,
  unknown_source: true,
  figure_not_found: true,
  figure_retracted: true,
  unchanged_value: true,
  invalid_slug: true,
  invalid_field: true,
  forbidden: true,
  invalid_user: true,
  owner_not_revocable: true,
  value_too_large: true,
  unsafe_text: true,
  invalid_cursor: true,
} satisfies Record<DomainErrorCode, true>;

describe('message catalogs', () => {
  it('have the same keys in es and en', () => {
    expect(keyPaths(es).sort()).toEqual(keyPaths(en).sort());
    expect(keyPaths(es).length).toBeGreaterThan(40);
  });

  it('have a non-empty message for every domain error in both languages', () => {
    for (const locale of ['es', 'en'] as const) {
      for (const code of Object.keys(CODES) as DomainErrorCode[]) {
        const message = messagesFor(locale).errors[code]({ input: 'X', id: 17, field: 'name', from: 'a', to: 'b' });
        expect(message.length, `${locale} ${code}`).toBeGreaterThan(10);
      }
    }
  });

  it('name every accepted value form when a value is refused', () => {
    const params = { input: '1.5', accepted: ['902'] };
    for (const form of ['902', '~2400', '>=60', '60+', '<=75', '60-75']) {
      expect(es.errors.invalid_value(params)).toContain(form);
      expect(en.errors.invalid_value(params)).toContain(form);
    }
    expect(es.errors.invalid_value(params)).toMatch(/^«1\.5» no es una cifra válida\. Se aceptan: /);
    expect(es.errors.invalid_date({ input: '20/12/2025' })).toContain('AAAA-MM-DD, AAAA-MM o AAAA');
    expect(en.errors.invalid_date({ input: '20/12/2025' })).toContain('YYYY-MM-DD, YYYY-MM or YYYY');
  });

  it('echo what the user typed and the figure id', () => {
    expect(es.errors.unknown_source({ input: 'nadie' })).toContain('«nadie»');
    expect(en.errors.figure_retracted({ id: 9 })).toContain('#9');
    expect(es.errors.invalid_field({ field: 'kind', accepted: ['stock', 'flow'] })).toBe('El campo «kind» no es válido. Se acepta: stock, flow.');
  });
});

/** Every .ts and .tsx file below `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('platform strings', () => {
  it('are in both catalogs: already handled, cut short, unreadable, failure', () => {
    expect(es.platform).toEqual({
      alreadyHandled: 'Este mensaje ya se procesó; no se aplicó de nuevo.',
      truncated: '… (respuesta recortada)',
      unreadable: 'No pude leer esta solicitud de Discord, así que no se hizo nada. Vuelve a escribir el comando.',
      failure: 'Algo falló al responder. Inténtalo de nuevo en un momento.',
    });
    expect(en.platform).toEqual({
      alreadyHandled: 'This message was already handled; it was not applied again.',
      truncated: '… (reply cut short)',
      unreadable: 'I could not read this Discord request, so nothing was done. Please type the command again.',
      failure: 'Something went wrong while answering. Please try again in a moment.',
    });
  });

  it('have no per-language table outside src/i18n: a text in es and en belongs in the catalogs', () => {
    const tables = sourceFiles('src')
      .filter((file) => !file.startsWith(join('src', 'i18n')))
      .filter((file) => /Record<Locale, string>/.test(readFileSync(file, 'utf8')));
    expect(tables).toEqual([]);
  });
});
