// Sources: who reports figures. Reads, and the audited create-or-update of descriptive fields.
// An update changes only the fields it is given, so a client that sends the name keeps the
// homepage and description already recorded.
import type { Selectable } from 'kysely';
import type { SourcesTable } from '../../db/schema.js';
import { recordAudit } from './audit.js';
import { inTransaction } from './transaction.js';
import { storedAlready } from './stored-already.js';
import type { DbOrTrx, WriteContext } from './db.js';
import { DomainError } from './errors.js';
import { assertSafeText } from './safe-text.js';
import { assertSlug, isSlug } from './slug.js';
import { SOURCE_KINDS, type Localized, type Source, type SourceKind } from './types.js';
import { assertHttpUrl } from './url.js';

export interface SourceInput {
  readonly slug: string;
  readonly kind: SourceKind;
  readonly name: string;
  readonly url?: string | null;
  readonly description?: Localized;
}

export function sourceFromRow(row: Selectable<SourcesTable>): Source {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    url: row.url,
    description: { es: row.description_es, en: row.description_en },
  };
}

export async function listSources(db: DbOrTrx): Promise<Source[]> {
  const rows = await db.selectFrom('sources').selectAll().orderBy('slug').execute();
  return rows.map(sourceFromRow);
}

/** The source with this slug; text that cannot be a slug (`%00`, spaces) names none, unasked. */
export async function getSource(db: DbOrTrx, slug: string): Promise<Source | undefined> {
  if (!isSlug(slug)) return undefined;
  const row = await db.selectFrom('sources').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && sourceFromRow(row);
}

export async function requireSource(db: DbOrTrx, slug: string): Promise<Source> {
  const source = await getSource(db, slug);
  if (!source) throw new DomainError('unknown_source', { input: slug });
  return source;
}

function validateSource(input: SourceInput): void {
  assertSlug(input.slug);
  if (!SOURCE_KINDS.includes(input.kind)) {
    throw new DomainError('invalid_field', { field: 'kind', input: input.kind, accepted: SOURCE_KINDS });
  }
  if (!input.name?.trim()) throw new DomainError('invalid_field', { field: 'name', input: '' });
  assertSafeText('name', input.name);
  if (input.url != null) assertHttpUrl(input.url);
  for (const locale of ['es', 'en'] as const) {
    if (input.description !== undefined) assertSafeText(`description.${locale}`, input.description[locale]);
  }
}

/**
 * Creates the source, or updates it; audited either way. On update a field left out keeps its
 * current value (`url: null` removes the homepage); on create it takes its default.
 * One transaction with its audit entry (joining the caller's, if any).
 */
export async function upsertSource(db: DbOrTrx, input: SourceInput, ctx: WriteContext): Promise<Source> {
  return inTransaction(db, (trx) => upsertSourceIn(trx, input, ctx));
}

async function upsertSourceIn(db: DbOrTrx, input: SourceInput, ctx: WriteContext): Promise<Source> {
  validateSource(input);
  const now = ctx.now.toISOString();
  const before = await getSource(db, input.slug);
  const columns = {
    kind: input.kind,
    name: input.name.trim(),
    url: input.url === undefined ? (before?.url ?? null) : input.url,
    description_es: input.description?.es ?? before?.description.es ?? '',
    description_en: input.description?.en ?? before?.description.en ?? '',
    updated_at: now,
  };
  // Nothing would change (a re-run import, a repeated PUT): no write, no audit entry.
  if (before && (await storedAlready(db, 'sources', before.id, columns))) return before;
  if (before) {
    await db.updateTable('sources').set(columns).where('id', '=', before.id).execute();
  } else {
    await db.insertInto('sources').values({ slug: input.slug, created_at: now, ...columns }).execute();
  }
  const after = await requireSource(db, input.slug);
  await recordAudit(db, {
    actor: ctx.actor,
    action: before ? 'source.update' : 'source.create',
    target: `source:${input.slug}`,
    before: before ?? null,
    after,
    at: ctx.now,
  });
  return after;
}
