// The history CSV carries every revision of every figure — reports, corrections, retractions with
// their reasons — one row each; on SQLite and PostgreSQL, with the bundled demo data.
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { correctFigure, reportFigure, retractFigure } from '../../src/domain/figures.js';
import { spreadsheetText } from '../../src/http/figures-csv.js';
import { describeAppOnEachDialect, type Harness } from './harness.js';

const ctx = (iso: string) => ({ actor: 'telegram:42', now: new Date(iso) });

async function csvRecords(h: Harness, path: string): Promise<Record<string, string>[]> {
  const response = await h.app.request(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
  return parse(await response.text(), { columns: true }) as Record<string, string>[];
}

describe('spreadsheetText', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://evil","x")'])('quotes %j', (text) => {
    expect(spreadsheetText(text)).toBe(`'${text}`);
  });

  it.each(['', 'Cifras revisadas', ' =1', "'=1", 'https://foropenal.com', '902', '1 = 1', 'a; b', 'a;b;c', 'x; =1'])('keeps %j', (text) => {
    expect(spreadsheetText(text)).toBe(text);
  });

  it.each([
    ['x;=1+1;y', "x;'=1+1;y"],
    ['=1;@2', "'=1;'@2"],
    ['a;"=1+1"', `a;'"=1+1"`],
    ['a;-5;+6', "a;'-5;'+6"],
    ['https://x.org/a;=b', "https://x.org/a;'=b"],
  ])('quotes what follows a ; in %j as well', (text, shown) => {
    expect(spreadsheetText(text)).toBe(shown);
  });
});

describeAppOnEachDialect('history CSV', {}, (current) => {
  let h: Harness;
  beforeEach(() => {
    h = current();
  });

  it('has one row per revision: the report, each correction with its reason, the retraction with its reason', async () => {
    const figure = await reportFigure(
      h.handle.db,
      { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'approx', value: 950 }, asOf: '2026-01', url: 'https://foropenal.com/r/2' },
      ctx('2026-02-01T10:00:00Z'),
    );
    await correctFigure(h.handle.db, figure.id, { kind: 'exact', value: 951 }, 'typo in the count', ctx('2026-02-02T10:00:00Z'));
    await correctFigure(h.handle.db, figure.id, { kind: 'range', low: 940, high: 960 }, 'the bulletin gives a range', ctx('2026-02-03T10:00:00Z'));
    await retractFigure(h.handle.db, figure.id, 'wrong indicator', ctx('2026-02-04T10:00:00Z'));

    const records = await csvRecords(h, '/api/v1/indicators/political-prisoners/figures?format=csv&source=foro-penal');
    const mine = records.filter((r) => r['id'] === String(figure.id));
    // The figure's own columns keep their meaning on every one of its rows.
    for (const record of mine) {
      expect(record).toMatchObject({ value: '940-960', as_of: '2026-01', retracted: 'true', recorded_at: figure.recordedAt, revisions: '4' });
    }
    expect(mine.map((r) => [r['revision'], r['revision_kind'], r['revision_value'], r['revision_reason'], r['revision_recorded_at']])).toEqual([
      ['1', 'report', '~950', '', '2026-02-01T10:00:00.000Z'],
      ['2', 'correction', '951', 'typo in the count', '2026-02-02T10:00:00.000Z'],
      ['3', 'correction', '940-960', 'the bulletin gives a range', '2026-02-03T10:00:00.000Z'],
      ['4', 'retraction', '940-960', 'wrong indicator', '2026-02-04T10:00:00.000Z'],
    ]);
    // Newest as-of first, as the JSON history: the 2026-01 figure's rows, then the seed's 902.
    expect(records.map((r) => r['id'])).toEqual([...mine.map(() => String(figure.id)), records.at(-1)!['id']]);
    expect(records.at(-1)).toMatchObject({ value: '902', revisions: '1', revision: '1', revision_kind: 'report', revision_value: '902' });
  });

  it('writes notes and reasons that start like a formula as text (a leading quote), values and dates untouched', async () => {
    const evil = '=HYPERLINK("http://evil","x")';
    const figure = await reportFigure(
      h.handle.db,
      { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'at_least', value: 1000 }, asOf: '2026-01-15', url: 'https://foropenal.com/r/3', note: evil },
      ctx('2026-02-01T10:00:00Z'),
    );
    await correctFigure(h.handle.db, figure.id, { kind: 'at_most', value: 1010 }, '@SUM(1+1)*cmd', ctx('2026-02-02T10:00:00Z'));
    await correctFigure(h.handle.db, figure.id, { kind: 'exact', value: 1005 }, '-2 after the recount', ctx('2026-02-03T10:00:00Z'));
    await retractFigure(h.handle.db, figure.id, '+cmd|/C calc!A0', ctx('2026-02-04T10:00:00Z'));
    const response = await h.app.request('/api/v1/indicators/political-prisoners/figures?format=csv');
    const text = await response.text();
    expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    const mine = (parse(text, { columns: true }) as Record<string, string>[]).filter((r) => r['id'] === String(figure.id));
    expect(mine.map((r) => [r['note'], r['revision_value'], r['revision_reason']])).toEqual([
      [`'${evil}`, '>=1000', ''],
      [`'${evil}`, '<=1010', "'@SUM(1+1)*cmd"],
      [`'${evil}`, '1005', "'-2 after the recount"],
      [`'${evil}`, '1005', "'+cmd|/C calc!A0"],
    ]);
    expect(mine[0]).toMatchObject({ as_of: '2026-01-15', value: '1005', url: 'https://foropenal.com/r/3', recorded_at: '2026-02-01T10:00:00.000Z' });
  });

  it('leaves no formula for a spreadsheet that splits on `;` (Spanish settings), from notes, reasons or links', async () => {
    const figure = await reportFigure(
      h.handle.db,
      { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 870 }, asOf: '2026-01-20', url: 'https://foropenal.com/r;=1+1', note: 'x;=1+1;y' },
      ctx('2026-02-01T10:00:00Z'),
    );
    await retractFigure(h.handle.db, figure.id, 'dup;"=HYPERLINK(""http://evil"")";@SUM(A1)', ctx('2026-02-02T10:00:00Z'));
    const text = await (await h.app.request('/api/v1/indicators/political-prisoners/figures?format=csv')).text();
    // Read as such a spreadsheet reads it: every line split on `;`, quotes or no quotes.
    const cells = text.split('\r\n').flatMap((line) => line.split(';'));
    expect(cells.filter((cell) => /^"*[=+\-@\t\r]/.test(cell))).toEqual([]);
    // Read as CSV, the text is all there, a quote after each such `;`.
    const mine = (parse(text, { columns: true }) as Record<string, string>[]).filter((r) => r['id'] === String(figure.id));
    expect(mine.map((r) => [r['note'], r['url'], r['revision_reason']])).toEqual([
      ["x;'=1+1;y", "https://foropenal.com/r;'=1+1", ''],
      ["x;'=1+1;y", "https://foropenal.com/r;'=1+1", `dup;'"=HYPERLINK(""http://evil"")";'@SUM(A1)`],
    ]);
  });

  it('gives a figure never corrected one row, its report', async () => {
    const records = await csvRecords(h, '/api/v1/indicators/post-election-releases/figures?format=csv&lang=en');
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(new Set(records.map((r) => r['id'])).size).toBe(records.length);
    expect(records.every((r) => r['revision'] === '1' && r['revision_kind'] === 'report')).toBe(true);
  });
});
