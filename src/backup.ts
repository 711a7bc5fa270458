// `cifras backup`: a consistent copy of the live SQLite database, taken with SQLite's online
// backup API so the server can keep writing meanwhile. PostgreSQL has its own tool (pg_dump).
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseHandle } from '../db/connect.js';

/** A backup that cannot or should not be made; the message says what to do instead. */
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}

export interface BackupOptions {
  /** Replace an existing file at the target path. */
  readonly force: boolean;
}

export interface BackupResult {
  readonly path: string;
  readonly pages: number;
}

/**
 * Copies the database to `target`. The copy is written beside the target and renamed into place,
 * so an interrupted backup never leaves a half-written file under the target's name.
 */
export async function backupDatabase(handle: DatabaseHandle, target: string, options: BackupOptions): Promise<BackupResult> {
  const sqlite = handle.sqlite;
  if (handle.capabilities.dialect === 'postgres') {
    throw new BackupRefused('cifras backup works on SQLite only; for PostgreSQL use pg_dump, e.g. pg_dump "$DATABASE_URL" > cifras.sql');
  }
  if (sqlite === null || handle.sqlitePath === null) {
    throw new BackupRefused('the database is in memory (sqlite::memory:): there is no file to back up');
  }
  const path = resolve(target);
  if (path === resolve(handle.sqlitePath)) throw new BackupRefused(`${target} is the live database itself; choose another file`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new BackupRefused(`${target} is a directory; give a file name, e.g. ${target}/cifras-backup.db`);
    if (!options.force) throw new BackupRefused(`${target} already exists; pass --force to replace it`);
  }
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new BackupRefused(`the folder ${folder} does not exist; create it first (mkdir -p ${folder}) or choose another path`);
  }
  const partial = `${path}.partial-${process.pid}`;
  try {
    const { totalPages } = await sqlite.backup(partial).catch((error: unknown) => {
      // Permissions, a full disk: the operator's to fix, said plainly rather than as a stack trace.
      throw new BackupRefused(`could not write ${target}: ${error instanceof Error ? error.message : String(error)}`);
    });
    // SQLite would replay a WAL left by the replaced file into the new one: remove it first.
    for (const leftover of [`${path}-wal`, `${path}-shm`]) rmSync(leftover, { force: true });
    renameSync(partial, path);
    return { path, pages: totalPages };
  } finally {
    rmSync(partial, { force: true });
  }
}
