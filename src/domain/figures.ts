// Figure writes: report, correct, retract. Append-only — a correction or retraction adds a
// revision, never changes one — and each write commits with its audit entry and its event.
import { parseAsOf, periodFromInput, todayOf } from './as-of.js';
import { recordAudit } from './audit.js';
import type { DbOrTrx, WriteContext } from './db.js';
import { DomainError } from './errors.js';
import { enqueueEvent } from './events.js';
import { getFigure } from './figure-read.js';
import { requireIndicator } from './indicators.js';
import { requireSource } from './sources.js';
import { inTransaction } from './transaction.js';
import type { Figure, FigureValue, Localized } from './types.js';
import { assertSafeText } from './safe-text.js';
import { assertHttpUrl } from './url.js';
import { storableValue } from './value.js';
import { sameValue, valueToColumns } from './value-columns.js';

export { getFigure } from './figure-read.js';

export interface ReportInput {
  readonly indicator: string;
  readonly source: string;
  readonly value: FigureValue;
  readonly asOf: string;
  readonly period?: { readonly from: string; readonly to: string } | null;
  readonly url: string;
  /** One text (kept for both languages) or a text per language. */
  readonly note?: string | Localized | null;
}

const MAX_NOTE = 1000;
const MAX_REASON = 500;

function noteColumns(note: ReportInput['note']): { note_es: string | null; note_en: string | null } {
  if (note == null) return { note_es: null, note_en: null };
  const texts = typeof note === 'string' ? { es: note, en: note } : note;
  const es = assertSafeText('note', texts.es.trim());
  const en = assertSafeText('note', texts.en.trim());
  if (es.length > MAX_NOTE || en.length > MAX_NOTE) {
    throw new DomainError('invalid_field', { field: 'note', max: MAX_NOTE });
  }
  return { note_es: es || null, note_en: en || null };
}

function requireReason(reason: string): string {
  const text = reason.trim();
  if (text === '') throw new DomainError('reason_required');
  if (text.length > MAX_REASON) throw new DomainError('invalid_field', { field: 'reason', max: MAX_REASON });
  return assertSafeText('reason', text);
}

async function requireLiveFigure(db: DbOrTrx, figureId: number): Promise<Figure> {
  const figure = await getFigure(db, figureId);
  if (!figure) throw new DomainError('figure_not_found', { id: figureId });
  if (figure.retracted) throw new DomainError('figure_retracted', { id: figureId });
  return figure;
}

/** Records a new figure (revision 1) with its audit entry and `published` event. */
export async function reportFigure(db: DbOrTrx, input: ReportInput, ctx: WriteContext): Promise<Figure> {
  const today = todayOf(ctx.now);
  const asOf = parseAsOf(input.asOf, today);
  const period = input.period ? periodFromInput(input.period, today) : null;
  const url = assertHttpUrl(input.url);
  const notes = noteColumns(input.note);
  const value = storableValue(input.value);
  const at = ctx.now.toISOString();
  return inTransaction(db, async (trx) => {
    const indicator = await requireIndicator(trx, input.indicator);
    const source = await requireSource(trx, input.source);
    const { id } = await trx
      .insertInto('figures')
      .values({
        indicator_id: indicator.id,
        source_id: source.id,
        as_of: asOf.text,
        as_of_start: asOf.start,
        period_from: period?.from ?? null,
        period_to: period?.to ?? null,
        url,
        ...notes,
        recorded_by: ctx.actor,
        recorded_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('figure_revisions')
      .values({ figure_id: id, revision: 1, kind: 'report', ...valueToColumns(value), reason: null, recorded_by: ctx.actor, recorded_at: at })
      .execute();
    const figure = await getFigure(trx, id);
    if (!figure) throw new Error(`figure ${id} vanished inside its own transaction`);
    await recordAudit(trx, { actor: ctx.actor, action: 'figure.report', target: `figure:${id}`, before: null, after: ctx.quiet === true ? { ...figure, announced: false } : figure, at: ctx.now });
    await enqueueEvent(trx, { kind: 'published', figureId: id, revision: 1, indicatorSlug: indicator.slug, now: ctx.now, quiet: ctx.quiet === true });
    return figure;
  });
}

/** Adds a correcting revision with a new value and a reason. */
export async function correctFigure(
  db: DbOrTrx,
  figureId: number,
  value: FigureValue,
  reason: string,
  ctx: WriteContext,
): Promise<{ before: Figure; after: Figure }> {
  const why = requireReason(reason);
  storableValue(value);
  return inTransaction(db, async (trx) => {
    const before = await requireLiveFigure(trx, figureId);
    if (sameValue(before.value, value)) throw new DomainError('unchanged_value', { id: figureId });
    const revision = before.revisions.length + 1;
    await trx
      .insertInto('figure_revisions')
      .values({ figure_id: figureId, revision, kind: 'correction', ...valueToColumns(value), reason: why, recorded_by: ctx.actor, recorded_at: ctx.now.toISOString() })
      .execute();
    const after = (await getFigure(trx, figureId))!;
    await recordAudit(trx, { actor: ctx.actor, action: 'figure.correct', target: `figure:${figureId}`, before: before.value, after: { value: after.value, reason: why }, at: ctx.now });
    await enqueueEvent(trx, { kind: 'corrected', figureId, revision, indicatorSlug: before.indicatorSlug, now: ctx.now, quiet: ctx.quiet === true });
    return { before, after };
  });
}

/** Marks a figure retracted with a reason; it stays in history. */
export async function retractFigure(db: DbOrTrx, figureId: number, reason: string, ctx: WriteContext): Promise<Figure> {
  const why = requireReason(reason);
  return inTransaction(db, async (trx) => {
    const before = await requireLiveFigure(trx, figureId);
    const revision = before.revisions.length + 1;
    await trx
      .insertInto('figure_revisions')
      .values({ figure_id: figureId, revision, kind: 'retraction', ...valueToColumns(before.value), reason: why, recorded_by: ctx.actor, recorded_at: ctx.now.toISOString() })
      .execute();
    const after = (await getFigure(trx, figureId))!;
    await recordAudit(trx, { actor: ctx.actor, action: 'figure.retract', target: `figure:${figureId}`, before: { retracted: false }, after: { retracted: true, reason: why }, at: ctx.now });
    await enqueueEvent(trx, { kind: 'retracted', figureId, revision, indicatorSlug: before.indicatorSlug, now: ctx.now, quiet: ctx.quiet === true });
    return after;
  });
}
