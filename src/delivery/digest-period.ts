// Digest periods (DESIGN.md "Delivery"): a daily digest goes out at DIGEST_HOUR in CIFRAS_TIMEZONE
// and covers the events since the previous day's; a weekly one goes out on Mondays at that hour and
// covers the week before. A period is named by its frequency and the local date it goes out
// (`daily:2026-12-04`, `weekly:2026-11-30`): the same name from any worker, on any clock.
import type { Frequency } from '../../db/schema.js';
import { addDays, instantOf, localDate, weekday } from '../domain/local-time.js';

export interface DigestClock {
  /** IANA zone (CIFRAS_TIMEZONE). */
  readonly timeZone: string;
  /** Local hour, 0-23 (DIGEST_HOUR). */
  readonly hour: number;
}

export type DigestFrequency = Exclude<Frequency, 'immediate'>;

export interface DigestPeriod {
  readonly key: string;
  readonly frequency: DigestFrequency;
  /** The local date the digest goes out. */
  readonly sendDate: string;
  /** Events recorded at or after `start` and before `end` are in it; `end` is when it goes out. */
  readonly start: Date;
  readonly end: Date;
}

function period(frequency: DigestFrequency, sendDate: string, clock: DigestClock): DigestPeriod {
  const back = frequency === 'daily' ? 1 : 7;
  return { key: `${frequency}:${sendDate}`, frequency, sendDate, start: instantOf(addDays(sendDate, -back), clock.hour, clock.timeZone), end: instantOf(sendDate, clock.hour, clock.timeZone) };
}

/** The latest period of `frequency` that has ended at `now`, or the one `back` periods before it. */
export function endedPeriod(frequency: DigestFrequency, now: Date, clock: DigestClock, back = 0): DigestPeriod {
  let date = localDate(now, clock.timeZone);
  if (instantOf(date, clock.hour, clock.timeZone).getTime() > now.getTime()) date = addDays(date, -1);
  if (frequency === 'weekly') while (weekday(date) !== 1) date = addDays(date, -1);
  return period(frequency, addDays(date, -back * (frequency === 'daily' ? 1 : 7)), clock);
}

/** The period a stored key names; undefined for a key that is not one. */
export function periodOfKey(key: string, clock: DigestClock): DigestPeriod | undefined {
  const match = /^(daily|weekly):(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (!match) return undefined;
  return period(match[1] as DigestFrequency, match[2]!, clock);
}
