// Figure values: the qualified counts sources publish (`902`, `~2400`, `≥ 60`, `≤ 75`, `60–75`).
// Parsing is strict on purpose: a count typed wrong must be refused, never silently misread, so
// `1.085` is one thousand and eighty-five (a thousands group) and `1.5` is refused (not a count).
// Whatever formatValue prints, parseValue reads back to the same value in either locale.
import { DomainError } from './errors.js';
import type { FigureValue, Locale } from './types.js';

/**
 * The largest count (and figure id) cifras stores: PostgreSQL's `integer`. SQLite would store
 * more, but then data valid there could not move to PostgreSQL, so both engines get this one
 * limit, checked here before anything reaches a database.
 */
export const MAX_STORED_INTEGER = 2_147_483_647;

/** Whether `n` is a whole number from 0 to MAX_STORED_INTEGER: what an integer column takes on both engines. */
export function isStoredInteger(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_STORED_INTEGER;
}

/** Examples of every accepted form, shown to whoever typed something else. */
export const ACCEPTED_VALUE_FORMS: readonly string[] = ['902', '1.085', '~2400', '>=60', '60+', '<=75', '60-75'];

/** The API's JSON form of a value. */
export type ValueJson =
  | { exact: number }
  | { approx: number }
  | { atLeast: number }
  | { atMost: number }
  | { low: number; high: number };

// A plain digit run, or 1-3 digits then groups of exactly three behind one and the same separator
// (the back-reference refuses mixed separators such as `1.085,000`).
const COUNT = /^(?:\d+|\d{1,3}(?<sep>[,. \u00A0\u202F])\d{3}(?:\k<sep>\d{3})*)$/;
const APPROX = /^(?:~|≈|aprox\.?|approx\.?)\s*(?<n>.+)$/iu;
const AT_LEAST = /^(?:>=|≥)\s*(?<n>.+)$|^(?<m>.+?)\s*\+$/u;
const AT_MOST = /^(?:<=|≤)\s*(?<n>.+)$/u;
// Hyphen, en dash or em dash; a number never contains one, so the split is unambiguous.
const RANGE = /^(?<low>[^-–—]+)[-–—](?<high>[^-–—]+)$/u;

/**
 * Parses a value as typed in a chat or a CSV cell. Throws DomainError('invalid_value'), or
 * 'value_too_large' for a count above MAX_STORED_INTEGER.
 */
export function parseValue(text: string): FigureValue {
  const value = readValue(text);
  if (value === undefined) throw invalidValue(text);
  return storableValue(value, text);
}

/**
 * The value, if every count in it fits the stored integer; else DomainError('value_too_large').
 * The figure writes call it too, so a value built in code meets the same limit as a typed one.
 */
export function storableValue(value: FigureValue, input: unknown = value): FigureValue {
  const { low, high } = valueBounds(value);
  if (isStoredInteger(low) && isStoredInteger(high)) return value;
  throw new DomainError('value_too_large', { input: describeInput(input), max: MAX_STORED_INTEGER });
}

/**
 * parseValue without the error: undefined when `text` is not a value. For callers that must find
 * where a value typed over several words ends (chat arguments), by this same parser. A count too
 * large to store is still a value here (its form is right); parseValue refuses it.
 */
export function readValue(text: string): FigureValue | undefined {
  return parseForm(text.trim());
}

function parseForm(text: string): FigureValue | undefined {
  const exact = parseCount(text);
  if (exact !== undefined) return { kind: 'exact', value: exact };
  const approx = APPROX.exec(text)?.groups;
  if (approx) return qualified('approx', approx['n']);
  const atLeast = AT_LEAST.exec(text)?.groups;
  if (atLeast) return qualified('at_least', atLeast['n'] ?? atLeast['m']);
  const atMost = AT_MOST.exec(text)?.groups;
  if (atMost) return qualified('at_most', atMost['n']);
  const range = RANGE.exec(text)?.groups;
  if (range) return rangeOf(parseCount(range['low']), parseCount(range['high']));
  return undefined;
}

function qualified(kind: 'approx' | 'at_least' | 'at_most', token: string | undefined): FigureValue | undefined {
  const value = parseCount(token);
  return value === undefined ? undefined : { kind, value };
}

/** A range whose ends are equal is that exact count: there is nothing uncertain about it. */
function rangeOf(low: number | undefined, high: number | undefined): FigureValue | undefined {
  if (low === undefined || high === undefined || low > high) return undefined;
  return low === high ? { kind: 'exact', value: low } : { kind: 'range', low, high };
}

/**
 * A run of digits with optional thousands separators, as a number (however large: the limit is
 * storableValue's, so that a count too large gets its own message); undefined otherwise.
 */
function parseCount(token: string | undefined): number | undefined {
  const text = token?.trim() ?? '';
  if (!COUNT.test(text)) return undefined;
  return Number(text.replace(/\D/g, ''));
}

/**
 * Reads a value from an API body or a JSON dataset: a string form, a plain count, or one of the
 * object shapes of ValueJson (exactly its keys). Throws DomainError('invalid_value').
 */
export function valueFromJson(input: unknown): FigureValue {
  if (typeof input === 'string') return parseValue(input);
  const value = fromJsonShape(input);
  if (value === undefined) throw invalidValue(input);
  return storableValue(value, input);
}

function fromJsonShape(input: unknown): FigureValue | undefined {
  if (typeof input === 'number') return isCount(input) ? { kind: 'exact', value: input } : undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const entries = Object.entries(input);
  if (!entries.every(([, n]) => isCount(n))) return undefined;
  const fields = Object.fromEntries(entries) as Record<string, number>;
  const keys = Object.keys(fields).sort().join(',');
  const single = entries[0]?.[1];
  if (single === undefined) return undefined;
  switch (keys) {
    case 'exact': return { kind: 'exact', value: single };
    case 'approx': return { kind: 'approx', value: single };
    case 'atLeast': return { kind: 'at_least', value: single };
    case 'atMost': return { kind: 'at_most', value: single };
    case 'high,low': return rangeOf(fields['low'], fields['high']);
    default: return undefined;
  }
}

/** A whole number of any size (the size is storableValue's to judge). */
function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** The API's JSON form; valueFromJson reads it back. */
export function valueToJson(value: FigureValue): ValueJson {
  switch (value.kind) {
    case 'exact': return { exact: value.value };
    case 'approx': return { approx: value.value };
    case 'at_least': return { atLeast: value.value };
    case 'at_most': return { atMost: value.value };
    case 'range': return { low: value.low, high: value.high };
  }
}

/** The ends the spread compares: a range's two ends, otherwise the stated number at both. */
export function valueBounds(value: FigureValue): { low: number; high: number } {
  return value.kind === 'range' ? { low: value.low, high: value.high } : { low: value.value, high: value.value };
}

// Spanish style guides do not group four-digit numbers, and Intl follows them (1085 -> "1085");
// we group always, so es shows `1.085` as DESIGN.md asks and every locale reads counts alike.
const NUMBER_OPTIONS: Intl.NumberFormatOptions = { useGrouping: 'always', maximumFractionDigits: 0 };

// Building an Intl formatter costs far more than using one: one per locale, made on first use.
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A count with the locale's thousands separator: `1.085` (es), `1,085` (en). */
export function formatNumber(n: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (format === undefined) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, NUMBER_OPTIONS)));
  return format.format(n);
}

/** A value for display, qualifier kept: `902`, `~2.400`, `≥ 60`, `≤ 75`, `60–75`. */
export function formatValue(value: FigureValue, locale: Locale): string {
  const n = (count: number): string => formatNumber(count, locale);
  switch (value.kind) {
    case 'exact': return n(value.value);
    case 'approx': return `~${n(value.value)}`;
    case 'at_least': return `≥ ${n(value.value)}`;
    case 'at_most': return `≤ ${n(value.value)}`;
    case 'range': return `${n(value.low)}–${n(value.high)}`;
  }
}

function invalidValue(input: unknown): DomainError {
  return new DomainError('invalid_value', { input: describeInput(input), accepted: ACCEPTED_VALUE_FORMS });
}

/** What the user sent, as text, cut short so an error message stays readable. */
function describeInput(input: unknown): string {
  let text: string;
  try {
    text = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input));
  } catch {
    text = '(unreadable)'; // circular or BigInt-bearing JSON: nothing useful to echo
  }
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
