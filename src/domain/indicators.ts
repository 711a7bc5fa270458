// Indicators: what is counted. Reads, and the audited create-or-update of descriptive fields.
// An update changes only the fields it is given: a client that sends the name must not wipe the
// aliases lookup depends on. The kind is locked once figures exist, since stock/flow says what
// every recorded number means.
import type { Selectable } from 'kysely';
import type { IndicatorsTable } from '../../db/schema.js';
import { recordAudit } from './audit.js';
import { inTransaction } from './transaction.js';
import { storedAlready } from './stored-already.js';
import { UNCACHED, type CacheView } from './read-cache.js';
import type { DbOrTrx, WriteContext } from './db.js';
import { DomainError } from './errors.js';
import { assertSafeText } from './safe-text.js';
import { assertSlug, isSlug } from './slug.js';
import type { Indicator, IndicatorKind, Localized } from './types.js';

/**
 * Refuses to turn a stock into a flow (or back) once figures were recorded for it. Its code is
 * `invalid_field` (field `kind`) so every entry point already answers it; the HTTP API tells it
 * apart to answer 409 with its own message.
 */
export class IndicatorKindLockedError extends DomainError {
  constructor(
    readonly slug: string,
    readonly from: IndicatorKind,
    readonly to: IndicatorKind,
    readonly figures: number,
  ) {
    super('invalid_field', { field: 'kind', input: to, accepted: [from], slug, current: from, figures });
  }
}

export interface IndicatorInput {
  readonly slug: string;
  readonly kind: IndicatorKind;
  readonly unit?: string;
  readonly region?: string | null;
  readonly name: Localized;
  readonly aliases?: Localized<readonly string[]>;
  readonly description?: Localized;
  readonly staleAfterDays?: number;
}

export const DEFAULT_STALE_AFTER_DAYS = 30;

export function indicatorFromRow(row: Selectable<IndicatorsTable>): Indicator {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    unit: row.unit,
    region: row.region,
    name: { es: row.name_es, en: row.name_en },
    aliases: { es: JSON.parse(row.aliases_es) as string[], en: JSON.parse(row.aliases_en) as string[] },
    description: { es: row.description_es, en: row.description_en },
    staleAfterDays: row.stale_after_days,
  };
}

/** Every indicator by slug; with a `cache`, the same array is shared by callers until something is written. */
export async function listIndicators(db: DbOrTrx, cache: CacheView = UNCACHED): Promise<readonly Indicator[]> {
  return cache.read('indicators', async () => {
    const rows = await db.selectFrom('indicators').selectAll().orderBy('slug').execute();
    return rows.map(indicatorFromRow);
  });
}

/** The indicator with this slug; text that cannot be a slug (`%00`, spaces) names none, unasked. */
export async function getIndicator(db: DbOrTrx, slug: string): Promise<Indicator | undefined> {
  if (!isSlug(slug)) return undefined;
  const row = await db.selectFrom('indicators').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && indicatorFromRow(row);
}

export async function requireIndicator(db: DbOrTrx, slug: string): Promise<Indicator> {
  const indicator = await getIndicator(db, slug);
  if (!indicator) throw new DomainError('unknown_indicator', { input: slug });
  return indicator;
}

function validateIndicator(input: IndicatorInput): void {
  assertSlug(input.slug);
  if (input.kind !== 'stock' && input.kind !== 'flow') {
    throw new DomainError('invalid_field', { field: 'kind', input: input.kind, accepted: ['stock', 'flow'] });
  }
  for (const locale of ['es', 'en'] as const) {
    if (!input.name[locale]?.trim()) throw new DomainError('invalid_field', { field: `name.${locale}`, input: '' });
    assertSafeText(`name.${locale}`, input.name[locale]);
    for (const alias of input.aliases?.[locale] ?? []) assertSafeText(`aliases.${locale}`, alias);
    if (input.description !== undefined) assertSafeText(`description.${locale}`, input.description[locale]);
  }
  if (input.unit !== undefined) assertSafeText('unit', input.unit);
  if (input.region != null) assertSafeText('region', input.region);
  const days = input.staleAfterDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 36500)) {
    throw new DomainError('invalid_field', { field: 'staleAfterDays', input: days, accepted: ['1..36500'] });
  }
}

/**
 * Creates the indicator, or updates it; audited either way. On update a field left out keeps its
 * current value (`region: null` clears the region); on create it takes its default.
 * One transaction with its audit entry (joining the caller's, if any).
 */
export async function upsertIndicator(db: DbOrTrx, input: IndicatorInput, ctx: WriteContext): Promise<Indicator> {
  return inTransaction(db, (trx) => upsertIndicatorIn(trx, input, ctx));
}

async function upsertIndicatorIn(db: DbOrTrx, input: IndicatorInput, ctx: WriteContext): Promise<Indicator> {
  validateIndicator(input);
  const now = ctx.now.toISOString();
  const before = await getIndicator(db, input.slug);
  if (before && before.kind !== input.kind) {
    const figures = await countFigures(db, before.id);
    if (figures > 0) throw new IndicatorKindLockedError(before.slug, before.kind, input.kind, figures);
  }
  const columns = {
    kind: input.kind,
    unit: input.unit ?? before?.unit ?? 'people',
    region: input.region === undefined ? (before?.region ?? null) : input.region,
    name_es: input.name.es.trim(),
    name_en: input.name.en.trim(),
    aliases_es: JSON.stringify(input.aliases?.es ?? before?.aliases.es ?? []),
    aliases_en: JSON.stringify(input.aliases?.en ?? before?.aliases.en ?? []),
    description_es: input.description?.es ?? before?.description.es ?? '',
    description_en: input.description?.en ?? before?.description.en ?? '',
    stale_after_days: input.staleAfterDays ?? before?.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
    updated_at: now,
  };
  // Nothing would change (a re-run import, a repeated PUT): no write, no audit entry.
  if (before && (await storedAlready(db, 'indicators', before.id, columns))) return before;
  if (before) {
    await db.updateTable('indicators').set(columns).where('id', '=', before.id).execute();
  } else {
    await db.insertInto('indicators').values({ slug: input.slug, created_at: now, ...columns }).execute();
  }
  const after = await requireIndicator(db, input.slug);
  await recordAudit(db, {
    actor: ctx.actor,
    action: before ? 'indicator.update' : 'indicator.create',
    target: `indicator:${input.slug}`,
    before: before ?? null,
    after,
    at: ctx.now,
  });
  return after;
}

/** Figures recorded for the indicator, retracted ones included: they too were counted as its kind. */
async function countFigures(db: DbOrTrx, indicatorId: number): Promise<number> {
  const row = await db
    .selectFrom('figures')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('indicator_id', '=', indicatorId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
