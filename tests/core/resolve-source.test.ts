// Free text to one source: exact slug or name first, then a unique source with a word starting
// with each typed word, then a close spelling; a fragment inside a word, or several candidates,
// names none.
import { describe, expect, it } from 'vitest';
import { findSource, matchSource } from '../../src/core/resolve-source.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Source } from '../../src/domain/types.js';

const source = (id: number, slug: string, name: string): Source => ({ id, slug, name, kind: 'ngo', url: null, description: { es: '', en: '' } });
const SOURCES = [
  source(1, 'foro-penal', 'Foro Penal'),
  source(2, 'ministerio-servicio-penitenciario', 'Ministerio del Poder Popular para el Servicio Penitenciario'),
  source(3, 'ngo-coalition-dec-2025', 'Justicia, Encuentro y Perdón; Comité por la Libertad de los Presos Políticos (CLPP)'),
];

describe('matchSource', () => {
  it.each([
    ['foro-penal', 1],
    ['FORO PENAL', 1],
    ['foro', 1],
    ['penal', 1],
    ['ministerio', 2],
    ['servicio penitenciario', 2],
    ['clpp', 3],
    ['Comité por la libertad', 3],
    ['perdon', 3],
    // A close spelling, as /count finds a misspelt indicator: a read takes it.
    ['forro-penal', 1],
    ['enal', 1],
  ])('finds %s', (input, id) => {
    expect(matchSource(SOURCES, input)?.id).toBe(id);
  });

  it.each([['dad'], ['po'], ['nadie'], [''], ['  ']])('names no source with %j', (input) => {
    expect(matchSource(SOURCES, input)).toBeUndefined();
  });
});

describe('findSource', () => {
  it('throws unknown_source with what was typed', () => {
    expect(() => findSource(SOURCES, 'nadie')).toThrow(DomainError);
    try {
      findSource(SOURCES, 'nadie');
    } catch (error) {
      expect(error).toMatchObject({ code: 'unknown_source', params: { input: 'nadie' } });
    }
  });
});
