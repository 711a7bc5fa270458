// A small world for delivery tests: two indicators, one source, and a way to publish figures.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { reportFigure } from '../../../src/domain/figures.js';
import { upsertIndicator } from '../../../src/domain/indicators.js';
import { upsertSource } from '../../../src/domain/sources.js';
import type { Figure } from '../../../src/domain/types.js';

export const ctx = (now = new Date()) => ({ actor: 'test', now });

export async function createWorld(db: Kysely<Database>): Promise<void> {
  for (const slug of ['prisoners', 'released']) {
    await upsertIndicator(db, { slug, kind: 'stock', name: { es: slug, en: slug }, staleAfterDays: 30 }, ctx());
  }
  await upsertSource(db, { slug: 'ngo', kind: 'ngo', name: 'NGO', url: 'https://ngo.example' }, ctx());
}

let counter = 900;

/** Publishes a new figure for `indicator` (its event fans out to matching subscriptions). */
export function publish(db: Kysely<Database>, indicator = 'prisoners', now = new Date()): Promise<Figure> {
  counter += 1;
  return reportFigure(db, { indicator, source: 'ngo', value: { kind: 'exact', value: counter }, asOf: '2025-12-20', url: 'https://ngo.example/x' }, ctx(now));
}
