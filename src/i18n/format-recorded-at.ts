// Recorded times as people read them: when a figure or a change was entered here, in the
// deployment's zone (CIFRAS_TIMEZONE), always with the zone named — a bare "14:05" would be read
// in whatever zone the reader is in. Day-month-year in both languages, like as-of dates.
import type { Locale } from '../domain/types.js';

interface ZoneFormat {
  readonly parts: Intl.DateTimeFormat;
  readonly label: string;
}

// Building an Intl formatter costs far more than using one: one per (locale, zone), made on first use.
const formats = new Map<string, ZoneFormat>();

function zoneFormat(locale: Locale, timeZone: string): ZoneFormat {
  const key = `${locale}|${timeZone}`;
  let format = formats.get(key);
  if (format === undefined) {
    const parts = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    format = { parts, label: zoneLabel(timeZone, locale) };
    formats.set(key, format);
  }
  return format;
}

/**
 * The zone as readers know it: its city (`hora de Caracas`, `Caracas time`) for a zone named after
 * one, else empty and the offset Intl gives (`UTC`, `GMT-4`) is shown instead.
 */
function zoneLabel(timeZone: string, locale: Locale): string {
  const slash = timeZone.lastIndexOf('/');
  if (slash < 0 || timeZone.startsWith('Etc/')) return '';
  const city = timeZone.slice(slash + 1).replaceAll('_', ' ');
  return locale === 'es' ? `hora de ${city}` : `${city} time`;
}

/**
 * `3 dic 2026, 14:05 (hora de Caracas)` / `3 Dec 2026, 14:05 (Caracas time)`; `… (UTC)` for a
 * zone without a city. `iso` is a stored timestamp (`2026-12-03T18:05:00.000Z`); `timeZone` an
 * IANA name already checked by loadConfig.
 */
export function formatRecordedAt(iso: string, locale: Locale, timeZone: string): string {
  const format = zoneFormat(locale, timeZone);
  const parts = format.parts.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  // Without the period some ICU versions put after abbreviations (`sept.`), as formatAsOf does.
  const month = part('month').replace(/\.$/, '');
  const zone = format.label || part('timeZoneName');
  return `${part('day')} ${month} ${part('year')}, ${part('hour')}:${part('minute')} (${zone})`;
}
