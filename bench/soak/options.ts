// Command-line options of `npm run soak`: how long the faults and kills last per database, which
// databases, the seed of every random choice, and how long the outbox may take to drain after.
import { parseArgs } from 'node:util';

export type SoakDatabase = 'sqlite' | 'postgres';

export interface SoakOptions {
  /** Seconds of writes, faults and kills per database. */
  readonly duration: number;
  readonly databases: readonly SoakDatabase[];
  readonly seed: number;
  /** Seconds the outbox may take to drain once the writes stop (a killed worker's claims wait out their 60 s lease). */
  readonly drainTimeout: number;
  /** The PostgreSQL server the postgres run creates its own database on (and drops it after). */
  readonly postgresUrl: string;
}

export const USAGE = `usage: npm run soak -- [--duration S] [--db sqlite|postgres|both] [--seed N] [--drain-timeout S] [--postgres-url URL]`;

export function parseSoakOptions(argv: readonly string[]): SoakOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string', default: '30' },
      db: { type: 'string', default: 'both' },
      seed: { type: 'string', default: '1' },
      'drain-timeout': { type: 'string', default: '240' },
      'postgres-url': { type: 'string', default: process.env.SOAK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    },
    strict: true,
  });
  const db = values.db;
  if (db !== 'sqlite' && db !== 'postgres' && db !== 'both') throw new Error(`--db must be sqlite, postgres or both; got "${db}"`);
  const postgresUrl = values['postgres-url'];
  const host = new URL(postgresUrl).hostname;
  // Loopback only: the soak SIGKILLs processes and floods what it talks to.
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`--postgres-url must be on this machine (127.0.0.1 or localhost); got host "${host}"`);
  return {
    duration: bounded('duration', values.duration, 5, 600),
    databases: db === 'both' ? ['sqlite', 'postgres'] : [db],
    seed: bounded('seed', values.seed, 0, 2 ** 31),
    drainTimeout: bounded('drain-timeout', values['drain-timeout'], 10, 1800),
    postgresUrl,
  };
}

function bounded(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}; got "${text}"`);
  return n;
}
