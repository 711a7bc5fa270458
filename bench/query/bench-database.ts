// A fresh, migrated database for one benchmark run, and its removal afterwards: a SQLite file in
// the OS temp folder, or a PostgreSQL schema of its own (bench_query) dropped at the end.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { BenchDialect } from './options.js';

export const PG_SCHEMA = 'bench_query';

export interface BenchDatabase {
  readonly handle: DatabaseHandle;
  /** Where it lives, for the report. */
  readonly location: string;
  /** Closes and deletes it. */
  dispose(): Promise<void>;
}

export async function openBenchDatabase(dialect: BenchDialect, postgresUrl: string): Promise<BenchDatabase> {
  return dialect === 'sqlite' ? openSqlite() : openPostgres(postgresUrl);
}

async function openSqlite(): Promise<BenchDatabase> {
  const path = join(tmpdir(), `cifras-bench-${process.pid}-${randomBytes(3).toString('hex')}.db`);
  const handle = await openDatabase(`sqlite:${path}`);
  const remove = (): void => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  };
  // Also when the run is interrupted (query.ts turns SIGINT/SIGTERM into an exit).
  process.once('exit', remove);
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    remove();
    throw error;
  }
  return {
    handle,
    location: path,
    dispose: async () => {
      await handle.close();
      remove();
    },
  };
}

async function openPostgres(url: string): Promise<BenchDatabase> {
  // A run that crashed may have left its schema behind: start clean.
  await dropSchema(url);
  const handle = await openDatabase(url, { pgSchema: PG_SCHEMA, poolSize: 4 });
  const dispose = async (): Promise<void> => {
    await handle.close();
    await dropSchema(url);
  };
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { handle, location: `${url.replace(/\/\/[^@/]*@/, '//')} schema ${PG_SCHEMA}`, dispose };
}

async function dropSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${PG_SCHEMA} cascade`);
  } finally {
    await client.end();
  }
}
