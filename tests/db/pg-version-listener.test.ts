// PostgreSQL replicas hear of each other's writes (LISTEN/NOTIFY on one dedicated connection):
// two handles on one database, as two replicas. A write through one is known to the other
// without a query, soon after it commits; while the listening connection is down the version is
// unknown (answers fall back to asking the database), and once it is back everything kept is
// dropped. PostgreSQL only: SQLite is one process and reads the version on its own connection.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { LISTENER_APPLICATION_NAME } from '../../db/pg-version-listener.js';
import { setChatLocale } from '../../src/domain/chats.js';
import { createReadCache } from '../../src/domain/read-cache.js';
import { dialects, openPostgresTestDatabase, POSTGRES_URL } from '../support/databases.js';

const postgres = dialects.find((d) => d.name === 'postgres');
const ctx = { actor: 'test', now: new Date('2026-11-28T00:00:00Z') };

/** Until `now()` knows a version: the listener connects on first use. */
async function listening(handle: DatabaseHandle): Promise<number> {
  await vi.waitFor(() => expect(handle.capabilities.dataVersion.now()).toBeTypeOf('number'), { timeout: 5_000, interval: 10 });
  return handle.capabilities.dataVersion.now() as number;
}

describe.skipIf(!postgres?.available)('the data-version listener (PostgreSQL)', () => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  beforeEach(async () => {
    a = await openPostgresTestDatabase();
    const { schema } = await a.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('schema')).executeTakeFirstOrThrow();
    b = await openDatabase(POSTGRES_URL, { pgSchema: schema });
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  it('knows nothing before it listens, then the version the database has', async () => {
    expect(b.capabilities.dataVersion.now()).toBeUndefined();
    expect(await listening(b)).toBe(await b.capabilities.dataVersion.query());
  });

  it("learns of the other replica's write from its NOTIFY, without asking", async () => {
    const before = await listening(b);
    const query = vi.spyOn(b.capabilities.dataVersion, 'query');
    await setChatLocale(a.db, { platform: 'telegram', chatId: '-1' }, 'en', ctx);
    await vi.waitFor(() => expect(b.capabilities.dataVersion.now()).toBeGreaterThan(before), { timeout: 2_000, interval: 5 });
    expect(b.capabilities.dataVersion.now()).toBe(await a.capabilities.dataVersion.query());
    expect(query).not.toHaveBeenCalled();
  });

  it("knows its own process's write at once, before the notification arrives", async () => {
    const before = await listening(a);
    await setChatLocale(a.db, { platform: 'telegram', chatId: '-1' }, 'en', ctx);
    expect(a.capabilities.dataVersion.now()).toBeGreaterThan(before);
  });

  it('falls back while the connection is down, then reconnects, listens again and drops what was kept', async () => {
    await listening(b);
    const cache = createReadCache(b.capabilities.dataVersion);
    let loads = 0;
    const read = async () => (await cache.view()).read('k', async () => ++loads);
    expect([await read(), await read()]).toEqual([1, 1]);

    // The listening connection cut from the server side, as a restart or a network failure would.
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [LISTENER_APPLICATION_NAME]);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(b.capabilities.dataVersion.now()).toBeUndefined(), { timeout: 2_000, interval: 5 });
    // Meanwhile a write it cannot hear of: answers ask the database, so it is seen.
    await setChatLocale(a.db, { platform: 'telegram', chatId: '-2' }, 'en', ctx);
    expect(await read()).toBe(2);

    const back = await listening(b);
    expect(back).toBe(await a.capabilities.dataVersion.query());
    expect(await read()).toBe(3);
    await setChatLocale(a.db, { platform: 'telegram', chatId: '-3' }, 'en', ctx);
    await vi.waitFor(() => expect(b.capabilities.dataVersion.now()).toBeGreaterThan(back), { timeout: 2_000, interval: 5 });
  });
});
