// When something was recorded, for people: a <time> with the instant and its text in the reader's
// language.
// TODO(data12a): use formatRecordedAt (src/i18n/) with the configured CIFRAS_TIMEZONE once it is on
// main; until then the date and the UTC time.
import { asOfFromStorage, formatAsOf } from '../domain/as-of.js';
import type { PageContext } from './page-context.js';

export function RecordedAt({ page, iso }: { page: PageContext; iso: string }) {
  const text = `${formatAsOf(asOfFromStorage(iso.slice(0, 10)), page.locale)}, ${iso.slice(11, 16)} UTC`;
  return <time datetime={iso}>{text}</time>;
}
