// A database of its own for a server or worker process started by a test or the soak: a SQLite
// file in a temporary folder, or a PostgreSQL database created for it (never an existing one) on
// the server at `postgresUrl`. `close()` deletes the file or drops the database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ProcessDatabase {
  /** DATABASE_URL for the process. */
  readonly url: string;
  close(): Promise<void>;
}

/** `prefix` names the folder or database (`cifras-soak` → `cifras-soak-…`, `cifras_soak_…`). */
export async function processDatabase(kind: 'sqlite' | 'postgres', postgresUrl: string, prefix: string): Promise<ProcessDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    return { url: `sqlite:${join(dir, 'cifras.db')}`, close: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${prefix.replace(/-/g, '_')}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), close: () => admin(`drop database if exists ${name} with (force)`) };
}
