// The soak's own database: a SQLite file in a temporary folder, or a PostgreSQL database created
// for the run (never an existing one) and dropped after it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { SoakDatabase } from './options.js';

export interface SoakStore {
  readonly url: string;
  close(): Promise<void>;
}

export async function createStore(kind: SoakDatabase, postgresUrl: string): Promise<SoakStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cifras-soak-'));
    return { url: `sqlite:${join(dir, 'cifras.db')}`, close: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `cifras_soak_${randomBytes(6).toString('hex')}`;
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
