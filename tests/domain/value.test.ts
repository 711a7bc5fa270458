// Value parsing, JSON form and display: every accepted and refused form, then properties —
// whatever is displayed or sent as JSON reads back to the same value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { FigureValue, Locale } from '../../src/domain/types.js';
import {
  ACCEPTED_VALUE_FORMS,
  formatNumber,
  formatValue,
  MAX_STORED_INTEGER,
  parseValue,
  valueBounds,
  valueFromJson,
  valueToJson,
} from '../../src/domain/value.js';

const exact = (value: number): FigureValue => ({ kind: 'exact', value });

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

function expectInvalidValue(run: () => unknown, input: string): void {
  const error = caught(run);
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: 'invalid_value', params: { input, accepted: ACCEPTED_VALUE_FORMS } });
}

describe('parseValue', () => {
  it.each<[string, FigureValue]>([
    ['902', exact(902)],
    ['0', exact(0)],
    ['  902 ', exact(902)],
    ['1085', exact(1085)],
    ['1,085', exact(1085)],
    ['1.085', exact(1085)],
    ['1 085', exact(1085)],
    ['1\u00A0085', exact(1085)],
    ['1\u202F085', exact(1085)],
    ['10,850', exact(10850)],
    ['1.085.000', exact(1085000)],
    ['1,085,000', exact(1085000)],
    ['2147483647', exact(MAX_STORED_INTEGER)],
    ['2.147.483.647', exact(MAX_STORED_INTEGER)],
  ])('reads the exact count %j', (text, value) => {
    expect(parseValue(text)).toEqual(value);
  });

  it.each<[string, FigureValue]>([
    ['~2400', { kind: 'approx', value: 2400 }],
    ['~ 2.400', { kind: 'approx', value: 2400 }],
    ['≈2400', { kind: 'approx', value: 2400 }],
    ['aprox. 2400', { kind: 'approx', value: 2400 }],
    ['approx 2,400', { kind: 'approx', value: 2400 }],
    ['Aprox 2400', { kind: 'approx', value: 2400 }],
    ['>=60', { kind: 'at_least', value: 60 }],
    ['>= 60', { kind: 'at_least', value: 60 }],
    ['≥60', { kind: 'at_least', value: 60 }],
    ['≥ 60', { kind: 'at_least', value: 60 }],
    ['60+', { kind: 'at_least', value: 60 }],
    ['1.085+', { kind: 'at_least', value: 1085 }],
    ['<=75', { kind: 'at_most', value: 75 }],
    ['≤75', { kind: 'at_most', value: 75 }],
    ['≤ 1,085', { kind: 'at_most', value: 1085 }],
    ['60-75', { kind: 'range', low: 60, high: 75 }],
    ['60–75', { kind: 'range', low: 60, high: 75 }],
    ['60 - 75', { kind: 'range', low: 60, high: 75 }],
    ['60 – 75', { kind: 'range', low: 60, high: 75 }],
    ['1.085–2.400', { kind: 'range', low: 1085, high: 2400 }],
    ['1 085 - 2 400', { kind: 'range', low: 1085, high: 2400 }],
    ['0-1', { kind: 'range', low: 0, high: 1 }],
  ])('reads the qualified value %j', (text, value) => {
    expect(parseValue(text)).toEqual(value);
  });

  it('reads a range whose ends are equal as that exact count', () => {
    expect(parseValue('60-60')).toEqual(exact(60));
    expect(parseValue('60–60')).toEqual(exact(60));
  });

  it.each([
    '', '   ', 'abc', 'novecientos', '902 presos', '1.5', '2,5', '1,08', '1.0850', '1,0850', '1085,000',
    '10000,000', '1.085,000', '1,085.000', '1 085,000', '1,,085', ',085', '1,085,', '-5', '-60-75',
    '75-60', '61-60', '2.400–1.085', '60-', '-75', '60--75', '60-75-90', '~', '~-5', '>60', '<75', '>=', '60++',
    '+60', '~60-75', '≥60-75',
    '1e3', '0x10', '١٢', 'Infinity', 'NaN', '60 75',
  ])('refuses %j and lists the accepted forms', (text) => {
    expectInvalidValue(() => parseValue(text), text);
  });

  // PostgreSQL's integer: the limit on both engines, so data valid on SQLite can move to PostgreSQL.
  it.each([
    '2147483648', '2.147.483.648', '3000000000', '~3000000000', '>=2147483648', '0-2147483648', '9007199254740992',
    '99999999999999999999', '9'.repeat(400),
  ])('refuses %j as too large, naming the limit', (text) => {
    expect(caught(() => parseValue(text))).toMatchObject({ code: 'value_too_large', params: { max: 2_147_483_647 } });
  });

  it('offers every form it accepts as an example, and each example parses', () => {
    expect(ACCEPTED_VALUE_FORMS.length).toBeGreaterThan(0);
    for (const form of ACCEPTED_VALUE_FORMS) expect(() => parseValue(form)).not.toThrow();
  });
});

describe('valueFromJson', () => {
  it.each<[unknown, FigureValue]>([
    ['902', exact(902)],
    ['60–75', { kind: 'range', low: 60, high: 75 }],
    [902, exact(902)],
    [0, exact(0)],
    [{ exact: 902 }, exact(902)],
    [{ approx: 2400 }, { kind: 'approx', value: 2400 }],
    [{ atLeast: 60 }, { kind: 'at_least', value: 60 }],
    [{ atMost: 75 }, { kind: 'at_most', value: 75 }],
    [{ low: 60, high: 75 }, { kind: 'range', low: 60, high: 75 }],
    [{ high: 75, low: 60 }, { kind: 'range', low: 60, high: 75 }],
    [{ low: 60, high: 60 }, exact(60)],
  ])('reads %j', (input, value) => {
    expect(valueFromJson(input)).toEqual(value);
  });

  it.each<[unknown, string]>([
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.NaN, 'null'],
    [null, 'null'],
    [undefined, 'undefined'],
    [true, 'true'],
    [[902], '[902]'],
    [{}, '{}'],
    [{ exact: '902' }, '{"exact":"902"}'],
    [{ exact: -1 }, '{"exact":-1}'],
    [{ exact: 1.5 }, '{"exact":1.5}'],
    [{ exact: 902, note: 1 }, '{"exact":902,"note":1}'],
    [{ exact: 902, approx: 900 }, '{"exact":902,"approx":900}'],
    [{ low: 60 }, '{"low":60}'],
    [{ low: 75, high: 60 }, '{"low":75,"high":60}'],
    [{ low: 61, high: 60 }, '{"low":61,"high":60}'],
    [{ low: 60, high: 75, exact: 70 }, '{"low":60,"high":75,"exact":70}'],
    [{ at_least: 60 }, '{"at_least":60}'],
    [{ kind: 'exact', value: 902 }, '{"kind":"exact","value":902}'],
    ['1,08', '1,08'],
  ])('refuses %j', (input, shown) => {
    expectInvalidValue(() => valueFromJson(input), shown);
  });

  it.each<unknown>([2_147_483_648, 3_000_000_000, Number.MAX_SAFE_INTEGER + 1, 1e300, { exact: 3_000_000_000 }, { low: 0, high: 2_147_483_648 }, '3000000000'])(
    'refuses %j as too large',
    (input) => {
      expect(caught(() => valueFromJson(input))).toMatchObject({ code: 'value_too_large', params: { max: MAX_STORED_INTEGER } });
    },
  );

  it('reads the largest storable count', () => {
    expect(valueFromJson(2_147_483_647)).toEqual(exact(MAX_STORED_INTEGER));
    expect(valueFromJson({ low: 0, high: 2_147_483_647 })).toEqual({ kind: 'range', low: 0, high: MAX_STORED_INTEGER });
  });

  it('cuts a long input short in the error', () => {
    const error = caught(() => valueFromJson('x'.repeat(500)));
    expect(error).toMatchObject({ code: 'invalid_value' });
    expect(String((error as DomainError).params['input']).length).toBeLessThanOrEqual(100);
  });

  it('refuses a value it cannot print without throwing anything else', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(caught(() => valueFromJson(circular))).toMatchObject({ code: 'invalid_value' });
    expect(caught(() => valueFromJson(10n))).toMatchObject({ code: 'invalid_value' });
  });
});

describe('valueToJson', () => {
  it('writes each kind in the API form', () => {
    expect(valueToJson(exact(902))).toEqual({ exact: 902 });
    expect(valueToJson({ kind: 'approx', value: 2400 })).toEqual({ approx: 2400 });
    expect(valueToJson({ kind: 'at_least', value: 60 })).toEqual({ atLeast: 60 });
    expect(valueToJson({ kind: 'at_most', value: 75 })).toEqual({ atMost: 75 });
    expect(valueToJson({ kind: 'range', low: 60, high: 75 })).toEqual({ low: 60, high: 75 });
  });
});

describe('formatNumber and formatValue', () => {
  it('groups thousands in the locale style, four-digit numbers included', () => {
    expect(formatNumber(1085, 'es')).toBe('1.085');
    expect(formatNumber(2400, 'es')).toBe('2.400');
    expect(formatNumber(1085, 'en')).toBe('1,085');
    expect(formatNumber(902, 'es')).toBe('902');
    expect(formatNumber(1085000, 'es')).toBe('1.085.000');
    expect(formatNumber(0, 'en')).toBe('0');
  });

  it.each<[FigureValue, string, string]>([
    [exact(902), '902', '902'],
    [exact(1085), '1.085', '1,085'],
    [{ kind: 'approx', value: 2400 }, '~2.400', '~2,400'],
    [{ kind: 'at_least', value: 60 }, '≥ 60', '≥ 60'],
    [{ kind: 'at_most', value: 75 }, '≤ 75', '≤ 75'],
    [{ kind: 'range', low: 60, high: 75 }, '60–75', '60–75'],
    [{ kind: 'range', low: 1085, high: 2400 }, '1.085–2.400', '1,085–2,400'],
  ])('shows %j as %j (es) and %j (en)', (value, es, en) => {
    expect(formatValue(value, 'es')).toBe(es);
    expect(formatValue(value, 'en')).toBe(en);
  });
});

describe('valueBounds', () => {
  it('gives a range its ends and every other value its number at both ends', () => {
    expect(valueBounds(exact(902))).toEqual({ low: 902, high: 902 });
    expect(valueBounds({ kind: 'approx', value: 2400 })).toEqual({ low: 2400, high: 2400 });
    expect(valueBounds({ kind: 'at_least', value: 60 })).toEqual({ low: 60, high: 60 });
    expect(valueBounds({ kind: 'at_most', value: 75 })).toEqual({ low: 75, high: 75 });
    expect(valueBounds({ kind: 'range', low: 60, high: 75 })).toEqual({ low: 60, high: 75 });
  });
});

// Counts of every size: small ones often, and up to the largest safe integer.
const count = fc.oneof(fc.nat(2000), fc.nat(), fc.constant(MAX_STORED_INTEGER));
const figureValue: fc.Arbitrary<FigureValue> = fc.oneof(
  count.map((value) => ({ kind: 'exact' as const, value })),
  count.map((value) => ({ kind: 'approx' as const, value })),
  count.map((value) => ({ kind: 'at_least' as const, value })),
  count.map((value) => ({ kind: 'at_most' as const, value })),
  fc.tuple(count, count)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ kind: 'range' as const, low: Math.min(a, b), high: Math.max(a, b) })),
);
const locale = fc.constantFrom<Locale>('es', 'en');

// Junk built mostly from the characters values are made of, so it gets near the accepted forms.
const valueish = fc
  .array(fc.constantFrom('0', '1', '9', '085', ',', '.', ' ', '\u00A0', '-', '–', '~', '≥', '≤', '+', '<', '>', '=', 'a', 'e'), { maxLength: 12 })
  .map((chars) => chars.join(''));
const junk = fc.oneof(valueish, fc.string({ unit: 'grapheme', maxLength: 30 }));

describe('properties', () => {
  it('reads back whatever it displays, in both languages', () => {
    fc.assert(fc.property(figureValue, locale, (value, lang) => {
      expect(parseValue(formatValue(value, lang))).toEqual(value);
    }));
  });

  it('reads back its JSON form', () => {
    fc.assert(fc.property(figureValue, (value) => {
      expect(valueFromJson(valueToJson(value))).toEqual(value);
      expect(valueFromJson(JSON.parse(JSON.stringify(valueToJson(value))))).toEqual(value);
    }));
  });

  it('keeps every parsed count a non-negative integer up to the stored limit and a range ordered', () => {
    fc.assert(fc.property(junk, (text) => {
      let value: FigureValue;
      try {
        value = parseValue(text);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect(['invalid_value', 'value_too_large']).toContain((error as DomainError).code);
        return;
      }
      const { low, high } = valueBounds(value);
      expect(Number.isSafeInteger(low) && low >= 0 && low <= high && high <= MAX_STORED_INTEGER).toBe(true);
      if (value.kind === 'range') expect(low).toBeLessThan(high);
    }));
  });

  it('never throws anything but DomainError on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => {
      try {
        valueFromJson(input);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
      }
    }));
  });
});
