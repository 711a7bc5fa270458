// The benchmark's database: a fresh, migrated SQLite file in the OS temp folder, filled with the
// query benchmark's generated dataset (bench/query/dataset.ts, loaded by its loadSqlite), and
// deleted at the end. The server children open the same file.
import { openBenchDatabase, type BenchDatabase } from '../query/bench-database.js';
import type { DatasetSpec } from '../query/dataset.js';
import { loadSqlite } from '../query/load-sqlite.js';

export interface LoadedDatabase {
  readonly bench: BenchDatabase;
  readonly path: string;
  readonly loadMs: number;
}

export async function createBenchSqlite(spec: DatasetSpec): Promise<LoadedDatabase> {
  const bench = await openBenchDatabase('sqlite', '');
  const { sqlite, sqlitePath } = bench.handle;
  if (sqlite === null || sqlitePath === null) {
    await bench.dispose();
    throw new Error('bench: expected a SQLite file');
  }
  try {
    const started = performance.now();
    loadSqlite(sqlite, spec);
    return { bench, path: sqlitePath, loadMs: performance.now() - started };
  } catch (error) {
    await bench.dispose();
    throw error;
  }
}
