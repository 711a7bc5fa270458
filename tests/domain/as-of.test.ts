// As-of dates and periods: accepted and refused forms, display in both languages, staleness at and
// around the threshold, then properties over every valid date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_DATE_FORMS,
  asOfFromStorage,
  formatAsOf,
  isStale,
  parseAsOf,
  periodFromInput,
  todayOf,
} from '../../src/domain/as-of.js';
import { DomainError } from '../../src/domain/errors.js';
import type { AsOf } from '../../src/domain/types.js';

const TODAY = '2025-12-20';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('parseAsOf', () => {
  it.each<[string, AsOf]>([
    ['2025-12-20', { text: '2025-12-20', precision: 'day', start: '2025-12-20' }],
    ['2025-12', { text: '2025-12', precision: 'month', start: '2025-12-01' }],
    ['2025', { text: '2025', precision: 'year', start: '2025-01-01' }],
    [' 2025-01-31 ', { text: '2025-01-31', precision: 'day', start: '2025-01-31' }],
    ['2024-02-29', { text: '2024-02-29', precision: 'day', start: '2024-02-29' }],
    ['2000-02-29', { text: '2000-02-29', precision: 'day', start: '2000-02-29' }],
    ['1900', { text: '1900', precision: 'year', start: '1900-01-01' }],
    ['1900-01-01', { text: '1900-01-01', precision: 'day', start: '1900-01-01' }],
  ])('reads %j', (text, asOf) => {
    expect(parseAsOf(text, TODAY)).toEqual(asOf);
  });

  it.each([
    '', '  ', 'ayer', '20/12/2025', '2025/12/20', '20-12-2025', '2025-1-5', '2025-12-5', '25-12-20',
    '2025-02-30', '2025-02-29', '1900-02-29', '2025-04-31', '2025-13', '2025-00', '2025-12-00',
    '2025-12-32', '1899-12-31', '1899', '0000', '12025', '2025-12-20T00:00', '2025-12-', '2025-',
    '+2025', '２０２５',
  ])('refuses %j and lists the accepted forms', (text) => {
    const error = caught(() => parseAsOf(text, TODAY));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid_date', params: { input: text, accepted: ['YYYY-MM-DD', 'YYYY-MM', 'YYYY'] } });
  });

  it('accepts today, the current month and the current year', () => {
    expect(parseAsOf('2025-12-20', TODAY).start).toBe('2025-12-20');
    expect(parseAsOf('2025-12', TODAY).precision).toBe('month');
    expect(parseAsOf('2026', '2026-01-01').precision).toBe('year');
  });

  it.each([
    ['2025-12-21', TODAY],
    ['2026-01', TODAY],
    ['2026', TODAY],
    ['2025-02', '2025-01-31'],
    ['9999-12-31', TODAY],
  ])('refuses %j as in the future on %s', (text, today) => {
    const error = caught(() => parseAsOf(text, today));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'future_date', params: { input: text, today } });
  });

  it('refuses a value that is not text the same way', () => {
    expect(caught(() => parseAsOf(2025 as unknown as string, TODAY))).toMatchObject({ code: 'invalid_date' });
  });
});

describe('asOfFromStorage', () => {
  it('reads a stored date back without the future check', () => {
    expect(asOfFromStorage('2999-05')).toEqual({ text: '2999-05', precision: 'month', start: '2999-05-01' });
    expect(caught(() => asOfFromStorage('2025-02-30'))).toMatchObject({ code: 'invalid_date' });
  });
});

describe('formatAsOf', () => {
  const at = (text: string): AsOf => asOfFromStorage(text);

  it.each([
    ['2025-12-20', '20 dic 2025', '20 Dec 2025'],
    ['2025-12-05', '5 dic 2025', '5 Dec 2025'],
    ['2025-01-31', '31 ene 2025', '31 Jan 2025'],
    ['2025-08-01', '1 ago 2025', '1 Aug 2025'],
    ['2025-12', 'dic 2025', 'Dec 2025'],
    ['2025-05', 'may 2025', 'May 2025'],
    ['2025', '2025', '2025'],
    ['1900-01-01', '1 ene 1900', '1 Jan 1900'],
  ])('shows %j as %j (es) and %j (en)', (text, es, en) => {
    expect(formatAsOf(at(text), 'es')).toBe(es);
    expect(formatAsOf(at(text), 'en')).toBe(en);
  });

  it('never ends a month abbreviation with a period', () => {
    for (let month = 1; month <= 12; month++) {
      const asOf = at(`2025-${String(month).padStart(2, '0')}-15`);
      for (const locale of ['es', 'en'] as const) expect(formatAsOf(asOf, locale)).toMatch(/^15 [\p{L}]+ 2025$/u);
    }
  });
});

describe('isStale', () => {
  const asOf = asOfFromStorage('2025-11-20');

  it('is not stale up to and at the threshold, stale the day after', () => {
    expect(isStale(asOf, 30, '2025-12-19')).toBe(false);
    expect(isStale(asOf, 30, '2025-12-20')).toBe(false);
    expect(isStale(asOf, 30, '2025-12-21')).toBe(true);
  });

  it('counts a month or a year from its first day', () => {
    expect(isStale(asOfFromStorage('2025-11'), 30, '2025-12-01')).toBe(false);
    expect(isStale(asOfFromStorage('2025-11'), 30, '2025-12-02')).toBe(true);
    expect(isStale(asOfFromStorage('2025'), 364, '2025-12-31')).toBe(false);
    expect(isStale(asOfFromStorage('2025'), 363, '2025-12-31')).toBe(true);
  });

  it('counts across a leap day and a zero threshold', () => {
    expect(isStale(asOfFromStorage('2024-02-28'), 1, '2024-03-01')).toBe(true);
    expect(isStale(asOfFromStorage('2023-02-28'), 1, '2023-03-01')).toBe(false);
    expect(isStale(asOfFromStorage(TODAY), 0, TODAY)).toBe(false);
  });
});

describe('todayOf', () => {
  it('gives the UTC calendar date', () => {
    expect(todayOf(new Date('2025-12-20T23:59:59Z'))).toBe('2025-12-20');
    expect(todayOf(new Date('2025-12-20T23:30:00-05:00'))).toBe('2025-12-21');
  });

  it('moves on at UTC midnight, forwards and back, before 1970 too', () => {
    const instants = ['2025-12-20T23:59:59.999Z', '2025-12-21T00:00:00.000Z', '2025-12-20T00:00:00.000Z', '1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z'];
    expect(instants.map((at) => todayOf(new Date(at)))).toEqual(['2025-12-20', '2025-12-21', '2025-12-20', '1969-12-31', '1970-01-01']);
    expect(() => todayOf(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('periodFromInput', () => {
  it('accepts two dates in order, of any precision, equal ones included', () => {
    expect(periodFromInput({ from: '2025-01-08', to: '2025-12-20' }, TODAY)).toEqual({ from: '2025-01-08', to: '2025-12-20' });
    expect(periodFromInput({ from: '2025-01', to: '2025-03' }, TODAY)).toEqual({ from: '2025-01', to: '2025-03' });
    expect(periodFromInput({ from: '2025', to: '2025' }, TODAY)).toEqual({ from: '2025', to: '2025' });
    expect(periodFromInput({ from: ' 2025-12 ', to: '2025-12-20' }, TODAY)).toEqual({ from: '2025-12', to: '2025-12-20' });
  });

  it.each([
    [{ from: '2025-12-20', to: '2025-01-08' }, 'reversed'],
    [{ from: '2025-12-02', to: '2025-12' }, 'reversed'],
    [{ from: '2025-02-30', to: '2025-12-20' }, 'invalid_date'],
    [{ from: '2025-01-01', to: 'hoy' }, 'invalid_date'],
    [{ from: '2025-01-01', to: '2025-12-21' }, 'future_date'],
    [{ from: '2026', to: '2026' }, 'future_date'],
  ])('refuses %j (%s)', (input, reason) => {
    const error = caught(() => periodFromInput(input, TODAY));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid_period', params: { from: input.from, to: input.to, reason, accepted: ACCEPTED_DATE_FORMS } });
  });
});

// Every calendar day from 1900 to 9999, as a date and as the month and year containing it.
const MIN_DAY = Date.UTC(1900, 0, 1) / 86_400_000;
const MAX_DAY = Date.UTC(9999, 11, 31) / 86_400_000;
const isoDay = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const asOfText = fc.tuple(isoDay, fc.constantFrom(10, 7, 4)).map(([day, length]) => day.slice(0, length));
const FAR_FUTURE = '9999-12-31';

describe('properties', () => {
  it('reads every valid date back as written, starting on a day of the same month', () => {
    fc.assert(fc.property(asOfText, (text) => {
      const asOf = parseAsOf(text, FAR_FUTURE);
      expect(asOf.text).toBe(text);
      expect(asOf.start.startsWith(text)).toBe(true);
      expect(asOfFromStorage(asOf.text)).toEqual(asOf);
    }));
  });

  it('sorts by start as the dates sort in time, a coarse date as its first day', () => {
    fc.assert(fc.property(isoDay, isoDay, fc.constantFrom(10, 7, 4), (a, b, length) => {
      const coarse = parseAsOf(a.slice(0, length), FAR_FUTURE);
      const day = parseAsOf(b, FAR_FUTURE);
      const firstDay = a.slice(0, length).padEnd(10, '-01').slice(0, 10);
      expect(coarse.start).toBe(length === 4 ? `${a.slice(0, 4)}-01-01` : firstDay);
      expect(Math.sign(Date.parse(coarse.start) - Date.parse(day.start))).toBe(Math.sign(coarse.start.localeCompare(day.start)));
    }));
  });

  it('refuses a date after today and accepts one up to today', () => {
    fc.assert(fc.property(isoDay, isoDay, (a, today) => {
      if (a > today) expect(caught(() => parseAsOf(a, today))).toMatchObject({ code: 'future_date' });
      else expect(parseAsOf(a, today).start).toBe(a);
    }));
  });

  it('never throws anything but DomainError on junk', () => {
    const junk = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.array(fc.constantFrom('0', '1', '2', '9', '-', ' ', 'T', '/'), { maxLength: 12 }).map((chars) => chars.join('')),
    );
    fc.assert(fc.property(junk, (text) => {
      try {
        parseAsOf(text, TODAY);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
      }
    }));
  });
});
