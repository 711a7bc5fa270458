// The CSV checker on its own: every kind of bad row is refused with its physical line number.
import { describe, expect, it } from 'vitest';
import { checkCsvFigures } from '../../src/import/check-csv-figures.js';
import type { CheckContext, ImportCheck } from '../../src/import/import-dataset.js';

const context: CheckContext = {
  known: { indicators: new Set(['political-prisoners', 'post-election-releases']), sources: new Set(['foro-penal']) },
  today: '2026-01-15',
};
const HEADER = 'indicator,source,value,as_of,url,period_from,period_to,note';
const GOOD = 'political-prisoners,foro-penal,902,2025-12-20,https://foropenal.com/a,,,';

function errorsOf(check: ImportCheck): string[] {
  if (check.ok) throw new Error('expected the file to be refused');
  return check.errors.map((e) => `${e.where}: ${e.reason}`);
}

function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

describe('checkCsvFigures', () => {
  it('accepts good rows, parsing values, dates, periods and notes', () => {
    const check = checkCsvFigures(
      csv(HEADER, GOOD, 'post-election-releases,foro-penal,60–75,2025-12,https://foropenal.com/b,2025-12-01,2025-12-25,"a note, with comma"'),
      context,
    );
    expect(check).toEqual({
      ok: true,
      dataset: {
        indicators: [],
        sources: [],
        figures: [
          { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 902 }, asOf: '2025-12-20', period: null, url: 'https://foropenal.com/a', note: null },
          {
            indicator: 'post-election-releases',
            source: 'foro-penal',
            value: { kind: 'range', low: 60, high: 75 },
            asOf: '2025-12',
            period: { from: '2025-12-01', to: '2025-12-25' },
            url: 'https://foropenal.com/b',
            note: 'a note, with comma',
          },
        ],
      },
    });
  });

  it('accepts only the required columns, in any order', () => {
    const check = checkCsvFigures(csv('url,as_of,value,source,indicator', 'https://foropenal.com/a,2025,~2400,foro-penal,political-prisoners'), context);
    expect(check.ok && check.dataset.figures[0]?.value).toEqual({ kind: 'approx', value: 2400 });
  });

  it('refuses a value that is not a count, naming the line', () => {
    expect(errorsOf(checkCsvFigures(csv(HEADER, GOOD, GOOD.replace('902', '9.5')), context))).toEqual([
      'line 3: value: invalid value "9.5" (accepted: 902, 1.085, ~2400, >=60, 60+, <=75, 60-75)',
    ]);
  });

  it('refuses a future date', () => {
    expect(errorsOf(checkCsvFigures(csv(HEADER, GOOD.replace('2025-12-20', '2026-02-01')), context))).toEqual([
      'line 2: as_of: date "2026-02-01" is in the future (today is 2026-01-15)',
    ]);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(errorsOf(checkCsvFigures(csv(HEADER, GOOD.replace('2025-12-20', '2025-02-30')), context))[0]).toMatch(
      /^line 2: as_of: invalid date "2025-02-30"/,
    );
  });

  it('refuses unknown indicators and sources', () => {
    const row = GOOD.replace('political-prisoners', 'exiles').replace('foro-penal', 'nobody');
    expect(errorsOf(checkCsvFigures(csv(HEADER, row), context))).toEqual([
      'line 2: indicator: unknown indicator "exiles" (not in the database or this file)',
      'line 2: source: unknown source "nobody" (not in the database or this file)',
    ]);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(errorsOf(checkCsvFigures(csv(HEADER, GOOD.replace('https://foropenal.com/a', 'javascript:alert(1)')), context))).toEqual([
      'line 2: url: invalid URL "javascript:alert(1)" (must be an absolute http:// or https:// address)',
    ]);
  });

  it('refuses a header without a required column, and unknown columns', () => {
    expect(errorsOf(checkCsvFigures(csv('indicator,source,value,url,comment', 'x,y,1,https://a.b,z'), context))).toEqual([
      'line 1: header: missing column "as_of" (required: indicator, source, value, as_of, url)',
      'line 1: header: unknown column "comment" (allowed: indicator, source, value, as_of, url, period_from, period_to, note)',
    ]);
  });

  it('refuses a row with a missing field and a row with a blank required cell', () => {
    const short = 'political-prisoners,foro-penal,902,2025-12-20';
    const blank = 'political-prisoners,foro-penal,,2025-12-20,https://foropenal.com/a,,,';
    expect(errorsOf(checkCsvFigures(csv(HEADER, short, blank), context))).toEqual([
      'line 2: expected 8 fields (one per header column), found 4',
      'line 3: value: missing (required)',
    ]);
  });

  it('refuses a period with one end, or reversed', () => {
    const oneEnd = GOOD.replace(',,,', ',2025-12-01,,');
    const reversed = GOOD.replace(',,,', ',2025-12-10,2025-12-01,');
    expect(errorsOf(checkCsvFigures(csv(HEADER, oneEnd, reversed), context))).toEqual([
      'line 2: period_from/period_to: invalid period: give both its start and its end, or neither',
      'line 3: period_from/period_to: invalid period 2025-12-10 to 2025-12-01: it ends before it starts',
    ]);
  });

  it('reports every bad row, counting physical lines across blank lines and multi-line notes', () => {
    const multiLine = 'political-prisoners,foro-penal,902,2025-12-20,https://foropenal.com/m,,,"first line\nsecond line"';
    const text = csv(HEADER, multiLine, '', GOOD.replace('902', 'x'), GOOD, GOOD.replace('2025-12-20', '2027'));
    expect(errorsOf(checkCsvFigures(text, context)).map((e) => e.split(':')[0])).toEqual(['line 5', 'line 7']);
  });

  it('refuses a row that repeats an earlier one, naming both lines, whatever its value spelling or note', () => {
    const row = GOOD.replace(',902,', ',1085,');
    const text = csv(HEADER, row, row.replace(',1085,', ',"1,085",'), row.replace(',1085,', ',1.085,'), row.replace(/,$/, ',another note'));
    expect(errorsOf(checkCsvFigures(text, context))).toEqual([
      'line 3: same figure as line 2 (indicator, source, date, value, url and period all equal)',
      'line 4: same figure as line 2 (indicator, source, date, value, url and period all equal)',
      'line 5: same figure as line 2 (indicator, source, date, value, url and period all equal)',
    ]);
  });

  it('accepts rows that differ only in date precision, value form, url or period', () => {
    const flow = 'post-election-releases,foro-penal,40,2025-12-25,https://foropenal.com/a';
    const text = csv(
      HEADER,
      GOOD,
      GOOD.replace('2025-12-20', '2025-12'),
      GOOD.replace('2025-12-20', '2025'),
      GOOD.replace(',902,', ',~902,'),
      GOOD.replace('/a,', '/b,'),
      `${flow},2025-12-24,2025-12-25,`,
      `${flow},2025-12-20,2025-12-25,`,
    );
    expect(checkCsvFigures(text, context).ok).toBe(true);
  });

  it('counts the last line right when the file has no final line break', () => {
    const text = [HEADER, GOOD, GOOD.replace('902', '-3')].join('\r\n');
    expect(errorsOf(checkCsvFigures(text, context))[0]).toMatch(/^line 3: value: invalid value "-3"/);
  });

  it('refuses a file whose quoting is broken', () => {
    expect(errorsOf(checkCsvFigures(csv(HEADER, GOOD, 'political-prisoners,"foro-penal,902'), context))[0]).toMatch(/^line \d+: Quote Not Closed/);
  });

  it('accepts a file with a header and no rows as nothing to import', () => {
    expect(checkCsvFigures(csv(HEADER), context)).toEqual({ ok: true, dataset: { indicators: [], sources: [], figures: [] } });
  });
});
