// An indicator by exact slug for the API. A wrong slug is answered 404 with the indicators the
// text most likely meant (`presos` -> political-prisoners), so an API user can correct the URL.
import { DomainError } from '../domain/errors.js';
import type { Db } from '../domain/db.js';
import { getIndicator, listIndicators } from '../domain/indicators.js';
import { lookupIndicator } from '../domain/lookup.js';
import { UNCACHED, type CacheView } from '../domain/read-cache.js';
import type { Indicator } from '../domain/types.js';

export async function findIndicator(db: Db, slug: string, cache: CacheView = UNCACHED): Promise<Indicator> {
  const indicator = await getIndicator(db, slug);
  if (indicator) return indicator;
  const result = lookupIndicator(await listIndicators(db, cache), slug.replaceAll('-', ' '));
  const suggestions =
    result.kind === 'match' ? [result.indicator.slug] : result.kind === 'ambiguous' ? result.candidates.map((i) => i.slug) : [];
  throw new DomainError('unknown_indicator', { input: slug, suggestions });
}
