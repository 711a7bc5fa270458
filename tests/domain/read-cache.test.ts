// The hot reads are kept between questions, and must never show an answer older than the last
// write — made by this process or by another one sharing the database. Each handle gets its own
// cache, as each process's composition root makes one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { recordAudit } from '../../src/domain/audit.js';
import { getChatLocale, setChatLocale } from '../../src/domain/chats.js';
import { correctFigure, reportFigure } from '../../src/domain/figures.js';
import { listIndicators, requireIndicator, upsertIndicator } from '../../src/domain/indicators.js';
import { indicatorSummary } from '../../src/domain/queries.js';
import { createReadCache, type ReadCache } from '../../src/domain/read-cache.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { dialects, openPostgresTestDatabase, openSqliteTestDatabase, POSTGRES_URL } from '../support/databases.js';

const ctx = { actor: 'test', now: new Date('2026-11-28T00:00:00Z') };

/**
 * Another process's commit is seen from the next turn of the event loop (on SQLite the version
 * read is shared by the questions of one turn); any question that follows a write arrives in a
 * later turn anyway, through the network.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Another process's commit reaches a PostgreSQL replica through NOTIFY, a few milliseconds after
 * it committed (db/pg-version-listener.ts); on SQLite from the next turn.
 */
const afterOtherCommit = (dialect: string) => (dialect === 'sqlite' ? nextTurn() : new Promise<void>((resolve) => setTimeout(resolve, 100)));

/** A database handle with the cache its process would make for it. */
type Cached = DatabaseHandle & { readonly cache: ReadCache };
const withCache = (handle: DatabaseHandle): Cached => ({ ...handle, cache: createReadCache(handle.capabilities.dataVersion) });
const TODAY = '2026-11-28';

/** Two handles on one database, like two replicas. */
async function twoProcesses(dialect: string): Promise<{ a: Cached; b: Cached; close(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cifras-cache-'));
    const a = withCache(await openSqliteTestDatabase(`sqlite:${join(dir, 'c.db')}`));
    const b = withCache(await openDatabase(`sqlite:${join(dir, 'c.db')}`));
    return { a, b, close: async () => { await b.close(); await a.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const a = withCache(await openPostgresTestDatabase());
  const { schema } = (await a.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('schema')).executeTakeFirstOrThrow());
  const b = withCache(await openDatabase(POSTGRES_URL, { pgSchema: schema }));
  return { a, b, close: async () => { await b.close(); await a.close(); } };
}

/** Foro Penal's latest political-prisoners value as `db` reads it, on the seeded demo dataset (902). */
async function prisonersValues({ db, cache }: Cached): Promise<() => Promise<unknown[]>> {
  await seedIfEmpty(db, ctx);
  const indicator = await requireIndicator(db, 'political-prisoners');
  const values = async () => (await indicatorSummary(db, indicator, TODAY, await cache.view())).latest.map((l) => l.figure.value);
  expect(await values()).toEqual([{ kind: 'exact', value: 902 }]);
  return values;
}

/** Reports 863 through `writer`, then corrects it to 870; after each write and `settle()`, the reader sees it. */
async function reportThenCorrect(writer: Kysely<Database>, values: () => Promise<unknown[]>, settle: () => Promise<void>): Promise<void> {
  const figure = await reportFigure(writer, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 863 }, asOf: '2025-12-29', url: 'https://example.org/a' }, ctx);
  await settle();
  expect(await values()).toEqual([{ kind: 'exact', value: 863 }]);
  await correctFigure(writer, figure.id, { kind: 'exact', value: 870 }, 'typo', ctx);
  await settle();
  expect(await values()).toEqual([{ kind: 'exact', value: 870 }]);
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`read cache on ${dialect.name}`, () => {
    let pair: Awaited<ReturnType<typeof twoProcesses>> | undefined;
    afterEach(async () => pair?.close());

    it('shares one answer between questions while nothing is written', async () => {
      pair = await twoProcesses(dialect.name);
      await seedIfEmpty(pair.a.db, ctx);
      const { db, cache } = pair.a;
      const indicator = await requireIndicator(db, 'political-prisoners');
      expect(await indicatorSummary(db, indicator, TODAY, await cache.view())).toBe(await indicatorSummary(db, indicator, TODAY, await cache.view()));
      expect(await listIndicators(db, await cache.view())).toBe(await listIndicators(db, await cache.view()));
      expect(await listIndicators(db)).not.toBe(await listIndicators(db));
    });

    it("shows another process's report, correction and new indicator soon after they commit", async () => {
      pair = await twoProcesses(dialect.name);
      const { a, b } = pair;
      await listIndicators(a.db, await a.cache.view());
      await reportThenCorrect(b.db, await prisonersValues(a), () => afterOtherCommit(dialect.name));

      await upsertIndicator(b.db, { slug: 'new-one', kind: 'stock', name: { es: 'Nuevo', en: 'New' } }, ctx);
      await afterOtherCommit(dialect.name);
      expect((await listIndicators(a.db, await a.cache.view())).map((i) => i.slug)).toContain('new-one');
    });

    it("shows this process's own writes at once, in the same turn", async () => {
      pair = await twoProcesses(dialect.name);
      const { a } = pair;
      await reportThenCorrect(a.db, await prisonersValues(a), async () => undefined);
      expect(await getChatLocale(a.db, 'telegram', '-7', await a.cache.view())).toBeUndefined();
      await setChatLocale(a.db, { platform: 'telegram', chatId: '-7' }, 'en', ctx);
      expect(await getChatLocale(a.db, 'telegram', '-7', await a.cache.view())).toBe('en');
    });

    it("shows another process's /lang soon after it commits", async () => {
      pair = await twoProcesses(dialect.name);
      const { a, b } = pair;
      const locale = async () => getChatLocale(a.db, 'telegram', '-100', await a.cache.view());
      expect(await locale()).toBeUndefined();
      await setChatLocale(b.db, { platform: 'telegram', chatId: '-100' }, 'en', ctx);
      await afterOtherCommit(dialect.name);
      expect(await locale()).toBe('en');
      await setChatLocale(b.db, { platform: 'telegram', chatId: '-100' }, 'es', ctx);
      await afterOtherCommit(dialect.name);
      expect(await locale()).toBe('es');
    });

    it('never keeps what a write that rolled back was about to show', async () => {
      // A read asked while a write's transaction is open must not take the write's audit id as
      // the version: rolled back, that id goes to the next write (SQLite reuses it), and the
      // answer read meanwhile would pass for that write's.
      pair = await twoProcesses(dialect.name);
      const { a } = pair;
      await seedIfEmpty(a.db, ctx);
      const indicator = await requireIndicator(a.db, 'political-prisoners');
      const values = async () => (await indicatorSummary(a.db, indicator, TODAY, await a.cache.view())).latest.map((l) => l.figure.value);
      expect(await values()).toEqual([{ kind: 'exact', value: 902 }]);

      let readDuring: Promise<unknown> | undefined;
      const rolledBack = a.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: 'test', action: 'test.rollback', target: 'none', before: null, after: null, at: ctx.now });
        readDuring = values();
        await new Promise((resolve) => setTimeout(resolve, 50)); // the read is under way meanwhile
        throw new Error('roll back');
      });
      await expect(rolledBack).rejects.toThrow('roll back');
      expect(await readDuring).toEqual([{ kind: 'exact', value: 902 }]);

      await reportFigure(a.db, { indicator: 'political-prisoners', source: 'foro-penal', value: { kind: 'exact', value: 863 }, asOf: '2025-12-29', url: 'https://example.org/a' }, ctx);
      expect(await values()).toEqual([{ kind: 'exact', value: 863 }]);
    });

    // PostgreSQL only: SQLite lets one writer in at a time, so there commits cannot interleave.
    if (dialect.name === 'postgres') it('sees a write that commits after a later-numbered one', async () => {
      // On PostgreSQL audit ids are taken at insert and commits come in any order: the newest
      // id does not move when the earlier-numbered write commits last. The version must.
      pair = await twoProcesses(dialect.name);
      const { a, b } = pair;
      let commitFirst: () => void = () => {};
      const mayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
      const slow = b.db.transaction().execute(async (trx) => {
        await trx.insertInto('chats').values({ platform: 'telegram', chat_id: '-1', locale: 'en', updated_at: ctx.now.toISOString() }).execute();
        await recordAudit(trx, { actor: 'test', action: 'chat.lang', target: 'chat:telegram:-1', before: null, after: { locale: 'en' }, at: ctx.now });
        await mayCommit;
      });
      await new Promise((resolve) => setTimeout(resolve, 100)); // the slow write holds the lower id
      await setChatLocale(a.db, { platform: 'telegram', chatId: '-2' }, 'en', ctx);
      expect(await getChatLocale(a.db, 'telegram', '-1', await a.cache.view())).toBeUndefined();
      commitFirst();
      await slow;
      await afterOtherCommit(dialect.name);
      expect(await getChatLocale(a.db, 'telegram', '-1', await a.cache.view())).toBe('en');
    });

    it('lets a view taken before a write read for itself, keeping the newer answers', async () => {
      pair = await twoProcesses(dialect.name);
      const { a } = pair;
      await seedIfEmpty(a.db, ctx);
      const before = await a.cache.view();
      await upsertIndicator(a.db, { slug: 'new-one', kind: 'stock', name: { es: 'Nuevo', en: 'New' } }, ctx);
      const kept = await (await a.cache.view()).read('k', async () => 'after the write');
      expect(await before.read('k', async () => 'from the older view')).toBe('from the older view');
      expect(await (await a.cache.view()).read('k', async () => 'reloaded')).toBe(kept);
    });

    // SQLite: one connection, so a transaction open on it holds back the version too.
    if (dialect.name === 'sqlite') it('waits for a transaction open on the connection before reading the version', async () => {
      pair = await twoProcesses(dialect.name);
      const { a } = pair;
      await seedIfEmpty(a.db, ctx);
      const outside = await listIndicators(a.db, await a.cache.view());
      let viewDuring: Promise<unknown> | undefined;
      await a.db.transaction().execute(async (trx) => {
        await upsertIndicator(trx, { slug: 'new-one', kind: 'stock', name: { es: 'Nuevo', en: 'New' } }, ctx);
        viewDuring = a.cache.view().then((view) => listIndicators(a.db, view));
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
      const during = (await viewDuring) as Awaited<ReturnType<typeof listIndicators>>;
      expect(during).not.toBe(outside);
      expect(during.map((i) => i.slug)).toContain('new-one');
    });
  });
}
