// Reading arguments from text (Telegram, console) and from typed options (Discord).
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/argument-error.js';
import type { OptionSpec } from '../../src/core/options.js';
import { parseTextArgs, parseTypedArgs } from '../../src/core/parse-args.js';

const description = { es: 'd', en: 'd' };
const opt = (name: string, kind: OptionSpec['kind'], required: boolean, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  name,
  kind,
  names: { es: name, en: name },
  description,
  required,
  ...extra,
});

const history = [opt('indicator', 'indicator', true), opt('source', 'source', false, { rest: true })];
const correct = [opt('figure', 'figure-id', true), opt('value', 'value', true), opt('reason', 'text', true)];
// /report's shape after the value: one-word options, then optional free text.
const report = [opt('value', 'value', true), opt('as-of', 'string', true), opt('url', 'string', true), opt('note', 'text', false)];

function argumentError(run: () => unknown): ArgumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ArgumentError) return error;
    throw error;
  }
  throw new Error('expected an ArgumentError');
}

describe('parseTextArgs', () => {
  it('gives a rest-of-line option every remaining word', () => {
    const count = [opt('indicator', 'indicator', false, { rest: true })];
    expect(parseTextArgs(count, '  presos   políticos ')).toEqual({ indicator: 'presos   políticos' });
    expect(parseTextArgs(count, '')).toEqual({ indicator: undefined });
  });

  it('reads positionally, with quotes grouping words', () => {
    expect(parseTextArgs(history, '"presos políticos" foro penal')).toEqual({ indicator: 'presos políticos', source: 'foro penal' });
    expect(parseTextArgs(history, '«presos políticos»')).toEqual({ indicator: 'presos políticos', source: undefined });
  });

  it('gives an unquoted phrase option every remaining word, for its command to split; quoted, it is one token', () => {
    const phrased = [opt('indicator', 'indicator', true, { phrase: true }), opt('source', 'source', false, { rest: true })];
    expect(parseTextArgs(phrased, 'presos políticos foro penal')).toEqual({ indicator: 'presos políticos foro penal', source: undefined });
    expect(parseTextArgs(phrased, '"presos políticos" foro penal')).toEqual({ indicator: 'presos políticos', source: 'foro penal' });
    expect(argumentError(() => parseTextArgs(phrased, '  ')).code).toBe('missing_argument');
  });

  it('converts figure ids with or without # and keeps free text whole', () => {
    expect(parseTextArgs(correct, '#17 900 typo in the   original')).toEqual({ figure: 17, value: '900', reason: 'typo in the   original' });
  });

  it('refuses a missing required option, naming it', () => {
    const error = argumentError(() => parseTextArgs(correct, '17 900'));
    expect(error.code).toBe('missing_argument');
    expect(error.option?.name).toBe('reason');
  });

  it('refuses malformed numbers and unknown choices, keeping what was typed', () => {
    expect(argumentError(() => parseTextArgs(correct, 'abc 900 r')).code).toBe('invalid_figure_id');
    expect(argumentError(() => parseTextArgs([opt('n', 'integer', true)], '-3')).input).toBe('-3');
    const lang = [opt('language', 'choice', true, { choices: ['es', 'en'] })];
    expect(parseTextArgs(lang, 'EN')).toEqual({ language: 'en' });
    expect(argumentError(() => parseTextArgs(lang, 'fr')).code).toBe('invalid_choice');
  });

  it('refuses words left over when no option takes the rest', () => {
    const error = argumentError(() => parseTextArgs([opt('language', 'choice', true, { choices: ['es', 'en'] })], 'es please'));
    expect(error.code).toBe('too_many_arguments');
    expect(error.input).toBe('please');
  });
});

describe('parseTextArgs: a value typed over several words', () => {
  it.each([
    ['7 1 085 miscount', '1 085', 'miscount'],
    ['7 1\u00A0085 miscount', '1 085', 'miscount'],
    ['7 1 085 000 miscount', '1 085 000', 'miscount'],
    ['7 900 000 typo', '900 000', 'typo'],
    ['7 60 - 75 recount', '60 - 75', 'recount'],
    ['7 60 – 75 recount', '60 – 75', 'recount'],
    ['7 60 -75 recount', '60 -75', 'recount'],
    ['7 70 + at least seventy', '70 +', 'at least seventy'],
    ['7 >= 60 recount', '>= 60', 'recount'],
    ['7 <= 75 recount', '<= 75', 'recount'],
    ['7 ~ 2400 recount', '~ 2400', 'recount'],
    ['7 aprox. 2400 recount', 'aprox. 2400', 'recount'],
    ['7 902 typo in the original', '902', 'typo in the original'],
    ['7 60+ 2nd count', '60+', '2nd count'],
    ['7 "1 085" miscount', '1 085', 'miscount'],
    ['7 "900" 100 people were counted twice', '900', '100 people were counted twice'],
  ])('reads %s as the value %s and the reason %s', (text, value, reason) => {
    expect(parseTextArgs(correct, text)).toEqual({ figure: 7, value, reason });
  });

  it.each([
    ['7 900 100 people', '900 100 people'], // 900100, or 900 and "100 people"
    ['7 12 345 recount', '12 345 recount'],
    ['7 60 - 75 100 more', '60 - 75 100 more'],
    ['7 870 50 more were found', '870 50'],
    ['7 870 + 30 from the update', '870 + 30'],
    ['7 60 - recount', '60 -'],
    ['7 75 - 60 recount', '75 -'],
    ['7 1,085 000 mixed separators', '1,085 000'],
    ['7 1 0850 recount', '1 0850'],
    ['7 ~2400 100 more', '~2400 100'],
  ])('refuses %s rather than guess where the value ends', (text, input) => {
    const error = argumentError(() => parseTextArgs(correct, text));
    expect(error.code).toBe('unclear_value');
    expect(error.option?.name).toBe('value');
    expect(error.input).toBe(input);
  });

  it('leaves a word that is no value at all to the handler, which names the accepted forms', () => {
    expect(parseTextArgs(correct, '7 many people')).toEqual({ figure: 7, value: 'many', reason: 'people' });
    expect(parseTextArgs(correct, '7 1.5 decimals')).toEqual({ figure: 7, value: '1.5', reason: 'decimals' });
  });

  it('before one-word options reads the value up to them, dates included', () => {
    expect(parseTextArgs(report, '1 200 2025-12-29 https://e.org/a')).toEqual({ value: '1 200', 'as-of': '2025-12-29', url: 'https://e.org/a', note: undefined });
    expect(parseTextArgs(report, '60 - 75 2025 https://e.org/a 100 more')).toEqual({
      value: '60 - 75',
      'as-of': '2025',
      url: 'https://e.org/a',
      note: '100 more',
    });
    expect(parseTextArgs(report, '~ 2 400 2025-12 https://e.org/a')).toMatchObject({ value: '~ 2 400', 'as-of': '2025-12' });
    expect(argumentError(() => parseTextArgs(report, '60 - 2025-12 https://e.org/a')).code).toBe('unclear_value');
  });

  it('reads a typed (Discord) value whole, as before', () => {
    expect(parseTypedArgs(correct, { figure: 7, value: '900 100', reason: 'r' })).toEqual({ figure: 7, value: '900 100', reason: 'r' });
  });
});

describe('parseTypedArgs', () => {
  it('reads options by name and converts them like text', () => {
    expect(parseTypedArgs(correct, { figure: 17, value: '~2400', reason: 'source updated' })).toEqual({
      figure: 17,
      value: '~2400',
      reason: 'source updated',
    });
    expect(parseTypedArgs(history, { indicator: 'political-prisoners' })).toEqual({ indicator: 'political-prisoners', source: undefined });
  });

  it('refuses a missing required option', () => {
    expect(argumentError(() => parseTypedArgs(history, {})).code).toBe('missing_argument');
  });
});

