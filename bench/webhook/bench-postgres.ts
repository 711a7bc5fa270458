// The PostgreSQL copy of the benchmark's database, for case h (cifras on PostgreSQL): a database
// of its own on the server at `url`, migrated, filled with the same generated dataset as the
// SQLite file (so the answers are the same), and dropped at the end. A whole database rather than
// a schema: the server child is configured by DATABASE_URL alone, as production is.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { DatasetSpec } from '../query/dataset.js';
import { loadPostgres } from '../query/load-postgres.js';

export interface LoadedPostgres {
  /** DATABASE_URL for the server. */
  readonly url: string;
  readonly loadMs: number;
  dispose(): Promise<void>;
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createBenchPostgres(spec: DatasetSpec, serverUrl: string): Promise<LoadedPostgres> {
  const name = `cifras_bench_webhook_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dispose = () => onServer(serverUrl, `drop database if exists ${name} with (force)`);
  try {
    const started = performance.now();
    const handle = await openDatabase(url.toString(), { poolSize: 4 });
    try {
      await migrateToLatest(handle.db);
      await loadPostgres(handle.db, spec);
    } finally {
      await handle.close();
    }
    return { url: url.toString(), loadMs: performance.now() - started, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
