// Digest periods from local wall-clock time (src/delivery/digest-period.ts): which period has
// ended at an instant, and its bounds, across midnight and both daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { endedPeriod, periodOfKey } from '../../src/delivery/digest-period.js';
import { instantOf, localDate } from '../../src/domain/local-time.js';

const iso = (p: { start: Date; end: Date }) => [p.start.toISOString(), p.end.toISOString()];

describe('digest periods', () => {
  it('a daily period runs from one digest hour to the next, named by the local date it goes out', () => {
    const caracas = { timeZone: 'America/Caracas', hour: 8 };
    const before = endedPeriod('daily', new Date('2026-12-04T11:59:59Z'), caracas);
    expect(before.key).toBe('daily:2026-12-03');
    const after = endedPeriod('daily', new Date('2026-12-04T12:00:00Z'), caracas);
    expect([after.key, ...iso(after)]).toEqual(['daily:2026-12-04', '2026-12-03T12:00:00.000Z', '2026-12-04T12:00:00.000Z']);
    expect(endedPeriod('daily', new Date('2026-12-04T12:00:00Z'), caracas, 1).key).toBe('daily:2026-12-03');
    expect(periodOfKey('daily:2026-12-04', caracas)).toEqual(after);
    expect(periodOfKey('monthly:2026-12', caracas)).toBeUndefined();
  });

  it('midnight in Caracas is 04:00 UTC, the day before by the UTC calendar at 03:59', () => {
    expect(localDate(new Date('2026-12-04T03:59:00Z'), 'America/Caracas')).toBe('2026-12-03');
    expect(endedPeriod('daily', new Date('2026-12-04T04:00:00Z'), { timeZone: 'America/Caracas', hour: 0 }).key).toBe('daily:2026-12-04');
  });

  it('Madrid: the autumn day is 25 hours, the spring day 23, and a skipped hour is the one after', () => {
    const madrid = { timeZone: 'Europe/Madrid', hour: 8 };
    expect(iso(endedPeriod('daily', new Date('2026-10-25T07:00:00Z'), madrid))).toEqual(['2026-10-24T06:00:00.000Z', '2026-10-25T07:00:00.000Z']);
    expect(iso(endedPeriod('daily', new Date('2026-03-29T06:00:00Z'), madrid))).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z']);
    // 02:00 does not exist on 29 March 2026 in Madrid: the clocks jump from 02:00 CET to 03:00 CEST.
    expect(instantOf('2026-03-29', 2, 'Europe/Madrid').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(instantOf('2026-03-28', 2, 'Europe/Madrid').toISOString()).toBe('2026-03-28T01:00:00.000Z');
  });

  it('weekly goes out on Mondays and covers the seven days before', () => {
    const caracas = { timeZone: 'America/Caracas', hour: 8 };
    // Thursday 10 December 2026: the last weekly digest went out on Monday 7.
    const period = endedPeriod('weekly', new Date('2026-12-10T15:00:00Z'), caracas);
    expect([period.key, ...iso(period)]).toEqual(['weekly:2026-12-07', '2026-11-30T12:00:00.000Z', '2026-12-07T12:00:00.000Z']);
    // Monday before 08:00: still the week before's.
    expect(endedPeriod('weekly', new Date('2026-12-07T11:00:00Z'), caracas).key).toBe('weekly:2026-11-30');
  });
});
