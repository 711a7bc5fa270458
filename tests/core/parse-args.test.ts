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
const correct = [opt('figure', 'figure-id', true), opt('value', 'string', true), opt('reason', 'text', true)];

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

