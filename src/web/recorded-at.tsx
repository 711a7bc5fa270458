// When something was recorded, for people: a <time> with the instant, and its text in the
// reader's language and the deployment's zone (CIFRAS_TIMEZONE), the zone always named.
import { formatRecordedAt } from '../i18n/format-recorded-at.js';
import type { PageContext } from './page-context.js';

export function RecordedAt({ page, iso }: { page: PageContext; iso: string }) {
  return <time datetime={iso}>{formatRecordedAt(iso, page.locale, page.timeZone)}</time>;
}
