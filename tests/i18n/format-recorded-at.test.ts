// Recorded times shown to people: in the configured zone, day-month-year, 24-hour, the zone named.
import { describe, expect, it } from 'vitest';
import { formatRecordedAt } from '../../src/i18n/format-recorded-at.js';

describe('formatRecordedAt', () => {
  const at = '2026-12-03T18:05:00.000Z';

  it('shows the time in the zone, named by its city, in each language', () => {
    expect(formatRecordedAt(at, 'es', 'America/Caracas')).toBe('3 dic 2026, 14:05 (hora de Caracas)');
    expect(formatRecordedAt(at, 'en', 'America/Caracas')).toBe('3 Dec 2026, 14:05 (Caracas time)');
    expect(formatRecordedAt(at, 'es', 'America/Argentina/Buenos_Aires')).toBe('3 dic 2026, 15:05 (hora de Buenos Aires)');
    expect(formatRecordedAt(at, 'en', 'Europe/Madrid')).toBe('3 Dec 2026, 19:05 (Madrid time)');
  });

  it('crosses the date line with the zone, not with UTC', () => {
    expect(formatRecordedAt('2026-12-04T02:30:00.000Z', 'es', 'America/Caracas')).toBe('3 dic 2026, 22:30 (hora de Caracas)');
    expect(formatRecordedAt('2026-12-04T02:30:00.000Z', 'en', 'UTC')).toBe('4 Dec 2026, 02:30 (UTC)');
  });

  it('names a zone without a city by its offset', () => {
    expect(formatRecordedAt(at, 'es', 'UTC')).toBe('3 dic 2026, 18:05 (UTC)');
    expect(formatRecordedAt(at, 'en', 'Etc/GMT+4')).toBe('3 Dec 2026, 14:05 (GMT-4)');
  });

  it('writes the month without a trailing period and the hour on 24 hours', () => {
    expect(formatRecordedAt('2026-09-03T04:07:00.000Z', 'es', 'UTC')).toBe('3 sept 2026, 04:07 (UTC)');
    expect(formatRecordedAt('2026-09-03T23:59:00.000Z', 'en', 'UTC')).toBe('3 Sep 2026, 23:59 (UTC)');
  });
});
