// As-of dates: the day, month or year a figure describes, kept at the precision it was given in
// (`2025-12-20`, `2025-12`, `2025`) and sorted by the first day it covers. Dates are calendar
// dates with no time zone; "today" is always passed in (todayOf gives the UTC one).
import { DomainError } from './errors.js';
import type { AsOf, DatePrecision, Locale, Period } from './types.js';

export const ACCEPTED_DATE_FORMS: readonly string[] = ['YYYY-MM-DD', 'YYYY-MM', 'YYYY'];

const AS_OF = /^(?<year>\d{4})(?:-(?<month>\d{2})(?:-(?<day>\d{2}))?)?$/;
const MIN_YEAR = 1900;
const DAY_MS = 86_400_000;

/**
 * Parses an as-of date as typed. Throws DomainError('invalid_date') for anything that is not a
 * real calendar date in one of the accepted forms, DomainError('future_date') for one whose first
 * day is after `today` (`YYYY-MM-DD`): the current month or year is allowed, it has begun.
 */
export function parseAsOf(text: string, today: string): AsOf {
  const asOf = readAsOf(text);
  if (asOf.start > today) throw new DomainError('future_date', { input: text, today });
  return asOf;
}

/** Reads a stored as-of text back (no future check: it was valid when it was written). */
export function asOfFromStorage(text: string): AsOf {
  return readAsOf(text);
}

function readAsOf(input: string): AsOf {
  // Untyped callers (JSON bodies, CSV cells) may hand over anything: refuse it the same way.
  const text = typeof input === 'string' ? input.trim() : '';
  const parts = AS_OF.exec(text)?.groups;
  const year = Number(parts?.['year']);
  const month = parts?.['month'] === undefined ? 1 : Number(parts['month']);
  const day = parts?.['day'] === undefined ? 1 : Number(parts['day']);
  if (!parts || year < MIN_YEAR || !isCalendarDate(year, month, day)) {
    throw new DomainError('invalid_date', { input, accepted: ACCEPTED_DATE_FORMS });
  }
  const precision: DatePrecision = parts['day'] !== undefined ? 'day' : parts['month'] !== undefined ? 'month' : 'year';
  return { text, precision, start: isoDate(year, month, day) };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Building an Intl formatter costs far more than using one: one per locale, made on first use.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function dateFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
}

// Formatted dates, kept: formatToParts is slow and a bot formats the same few dates all day.
const formattedDates = new Map<string, string>();

/** For display at its own precision: `20 dic 2025` / `20 Dec 2025`, `dic 2025` / `Dec 2025`, `2025`. */
export function formatAsOf(asOf: AsOf, locale: Locale): string {
  const key = `${locale}|${asOf.precision}|${asOf.start}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = formatAsOfUncached(asOf, locale);
    if (formattedDates.size >= 10_000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

function formatAsOfUncached(asOf: AsOf, locale: Locale): string {
  if (asOf.precision === 'year') return asOf.start.slice(0, 4);
  const date = new Date(`${asOf.start}T00:00:00Z`);
  const parts = dateFormat(locale).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  // Assembled by hand so both languages read day-month-year (Intl's en is `Dec 20, 2025`), and
  // without the period some ICU versions put after abbreviations (`sept.`): same text everywhere.
  const month = part('month').replace(/\.$/, '');
  return asOf.precision === 'month' ? `${month} ${part('year')}` : `${part('day')} ${month} ${part('year')}`;
}

/**
 * Older than the threshold: more than `staleAfterDays` days from its first day to `today`.
 * Exactly at the threshold it is not yet stale. A month or year counts from its first day, so a
 * coarse date goes stale early rather than late: the simple rule, and the cautious one.
 */
export function isStale(asOf: AsOf, staleAfterDays: number, today: string): boolean {
  return daysBetween(asOf.start, today) > staleAfterDays;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The UTC calendar date of an instant, `YYYY-MM-DD`. */
export function todayOf(now: Date): string {
  // Asked for on every question; the date changes once a day, its formatting costs a microsecond.
  const day = Math.floor(now.getTime() / DAY_MS);
  if (day !== lastToday.day) lastToday = { day, date: now.toISOString().slice(0, 10) };
  return lastToday.date;
}

let lastToday = { day: Number.NaN, date: '' };

/**
 * Validates a flow's period: two as-of dates (any precision), `from` not after `to` (compared by
 * first day), neither in the future. Throws DomainError('invalid_period') naming what is wrong.
 */
export function periodFromInput(input: { from: string; to: string }, today: string): Period {
  const from = periodEnd(input, input.from, today);
  const to = periodEnd(input, input.to, today);
  if (from.start > to.start) throw invalidPeriod(input, 'reversed');
  return { from: from.text, to: to.text };
}

function periodEnd(input: { from: string; to: string }, text: string, today: string): AsOf {
  try {
    return parseAsOf(text, today);
  } catch (error) {
    if (error instanceof DomainError) throw invalidPeriod(input, error.code);
    throw error;
  }
}

function invalidPeriod(input: { from: string; to: string }, reason: string): DomainError {
  return new DomainError('invalid_period', { from: input.from, to: input.to, reason, accepted: ACCEPTED_DATE_FORMS });
}
