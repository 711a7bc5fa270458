// The JSON checker on its own: the seed file's form, with every refused entry named by its path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkJsonDataset } from '../../src/import/check-json-dataset.js';
import type { CheckContext, ImportCheck } from '../../src/import/import-dataset.js';

const empty: CheckContext = { known: { indicators: new Set(), sources: new Set() }, today: '2026-01-15' };
const seeded: CheckContext = {
  known: { indicators: new Set(['political-prisoners']), sources: new Set(['foro-penal']) },
  today: '2026-01-15',
};
const FIGURE = { indicator: 'political-prisoners', source: 'foro-penal', value: 902, asOf: '2025-12-20', url: 'https://foropenal.com/a' };

function errorsOf(check: ImportCheck): string[] {
  if (check.ok) throw new Error('expected the file to be refused');
  return check.errors.map((e) => `${e.where}: ${e.reason}`);
}

function figures(...entries: unknown[]): string {
  return JSON.stringify({ figures: entries });
}

describe('checkJsonDataset', () => {
  it('accepts the bundled seed file into an empty database (its figures use its own slugs)', () => {
    const check = checkJsonDataset(readFileSync('db/seed/seed-figures.json', 'utf8'), empty);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect([check.dataset.indicators.length, check.dataset.sources.length, check.dataset.figures.length]).toEqual([3, 3, 4]);
    expect(check.dataset.figures[3]).toMatchObject({ value: { kind: 'range', low: 60, high: 75 }, period: { from: '2025-12-24', to: '2025-12-25' } });
  });

  it('accepts figures referring to slugs already in the database', () => {
    const check = checkJsonDataset(figures(FIGURE, { ...FIGURE, value: '>=60', note: 'one text' }), seeded);
    expect(check.ok && check.dataset.figures.map((f) => f.value)).toEqual([{ kind: 'exact', value: 902 }, { kind: 'at_least', value: 60 }]);
  });

  it('refuses each kind of bad figure, naming its index', () => {
    const text = figures(
      FIGURE,
      { ...FIGURE, value: { exact: -1 } },
      { ...FIGURE, asOf: '2026-03' },
      { ...FIGURE, indicator: 'exiles' },
      { ...FIGURE, url: 'file:///etc/passwd' },
      { ...FIGURE, as_of: '2025-12-20' },
    );
    expect(errorsOf(checkJsonDataset(text, seeded))).toEqual([
      'figures[1]: value: invalid value "{\\"exact\\":-1}" (accepted: 902, 1.085, ~2400, >=60, 60+, <=75, 60-75)',
      'figures[2]: asOf: date "2026-03" is in the future (today is 2026-01-15)',
      'figures[3]: indicator: unknown indicator "exiles" (not in the database or this file)',
      'figures[4]: url: invalid URL "file:///etc/passwd" (must be an absolute http:// or https:// address)',
      'figures[5]: Unrecognized key: "as_of"',
    ]);
  });

  it('refuses a figure that repeats an earlier one, naming both places, however its value is written', () => {
    const text = figures(FIGURE, { ...FIGURE, url: 'https://foropenal.com/b' }, { ...FIGURE, value: { exact: 902 }, note: 'a note' }, { ...FIGURE, value: '902' });
    expect(errorsOf(checkJsonDataset(text, seeded))).toEqual([
      'figures[2]: same figure as figures[0] (indicator, source, date, value, url and period all equal)',
      'figures[3]: same figure as figures[0] (indicator, source, date, value, url and period all equal)',
    ]);
  });

  it('says a missing required field is missing', () => {
    const { value: _value, ...withoutValue } = FIGURE;
    const { url: _url, ...withoutUrl } = FIGURE;
    expect(errorsOf(checkJsonDataset(figures(withoutValue, withoutUrl, { ...FIGURE, url: 7 }), seeded))).toEqual([
      'figures[0]: value: missing (required)',
      'figures[1]: url: missing (required)',
      'figures[2]: url: Invalid input: expected string, received number',
    ]);
  });

  it('refuses bad indicators and sources, and slugs declared twice', () => {
    const text = JSON.stringify({
      indicators: [
        { slug: 'Exiles!', kind: 'stock', name: { es: 'Exiliados', en: 'Exiles' } },
        { slug: 'exiles', kind: 'census', name: { es: 'Exiliados', en: '' } },
      ],
      sources: [
        { slug: 'obs', kind: 'ngo', name: 'Obs', url: 'ftp://obs.example' },
        { slug: 'obs', kind: 'ngo', name: ' ' },
      ],
    });
    expect(errorsOf(checkJsonDataset(text, empty))).toEqual([
      'indicators[0]: slug: invalid slug "Exiles!" (lower-case words joined by \'-\', e.g. political-prisoners)',
      'indicators[1]: kind: Invalid option: expected one of "stock"|"flow"',
      'sources[0]: url: invalid URL "ftp://obs.example" (must be an absolute http:// or https:// address)',
      'sources[1]: name: missing (required)',
      'sources[1]: slug: "obs" is already declared at sources[0]',
    ]);
  });

  it('refuses text that is not JSON, or not a dataset', () => {
    expect(errorsOf(checkJsonDataset('{"figures": [', empty))[0]).toMatch(/^file: not valid JSON/);
    expect(errorsOf(checkJsonDataset('{"figure": []}', empty))).toEqual(['file: Unrecognized key: "figure"']);
  });
});
