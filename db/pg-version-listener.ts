// PostgreSQL replicas learn of each other's writes through LISTEN/NOTIFY: the data_version
// trigger (db/migrations/20260111T000000-data-version-notify.ts) announces every new version on
// one channel as `<schema>:<version>`, and one dedicated connection per process, outside the pool,
// listens. While it is connected the version is known without a query; while it is down (network,
// restart, a silently dead connection caught by the ping) `now()` says it does not know, so every
// answer falls back to asking the database. Notifications sent while disconnected are lost, so on
// every reconnect the version is read again and everything kept is dropped (`onReset`).
import pg from 'pg';
import type { DataVersion } from './data-version.js';

export const DATA_VERSION_CHANNEL = 'cifras_data_version';
/** How the listening connection names itself in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'cifras data-version listener';

export interface PgListenerOptions {
  /** How often the connection is pinged: a dead TCP connection raises nothing by itself. */
  readonly pingMs?: number;
  /** A ping not answered within this long counts the connection as dead. */
  readonly pingTimeoutMs?: number;
  /** First wait before reconnecting; doubled up to 5 s while the server stays away. */
  readonly reconnectMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface PgVersionListener extends DataVersion {
  /** Learns of a commit made by this process (its notification arrives a little later). */
  saw(version: number): void;
  close(): Promise<void>;
}

/**
 * The listener for `schema` (the pool's search_path), or for the schema the URL's own settings
 * make current when null. It connects on the first `now()`: the table it reads exists only once
 * migrations ran.
 */
export function pgVersionListener(
  url: string,
  schema: string | null,
  query: () => Promise<number>,
  options: PgListenerOptions = {},
): PgVersionListener {
  const pingMs = options.pingMs ?? 5_000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  const firstWait = options.reconnectMs ?? 250;
  const resets: (() => void)[] = [];
  let prefix = schema === null ? null : `${schema}:`;
  let version: number | undefined;
  let client: pg.Client | null = null;
  let started = false;
  let connectedBefore = false;
  let closed = false;
  let wait = firstWait;
  let timer: NodeJS.Timeout | undefined;

  const down = (error?: unknown): void => {
    if (error !== undefined) options.onError?.(error);
    version = undefined;
    const dead = client;
    client = null;
    clearTimeout(timer);
    dead?.removeAllListeners();
    dead?.on('error', () => {});
    void dead?.end().catch(() => {});
    if (!closed) timer = setTimeout(() => void connect(), wait).unref();
    wait = Math.min(wait * 2, 5_000);
  };

  const ping = (): void => {
    const current = client;
    if (current === null) return;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('LISTEN connection ping timed out')), pingTimeoutMs).unref());
    Promise.race([current.query('select 1'), timeout]).then(
      () => {
        if (client === current) timer = setTimeout(ping, pingMs).unref();
      },
      (error: unknown) => {
        if (client === current) down(error);
      },
    );
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: pingTimeoutMs + 3_000, application_name: LISTENER_APPLICATION_NAME });
    client = next;
    let notified = 0;
    next.on('notification', (message) => {
      if (message.channel !== DATA_VERSION_CHANNEL || prefix === null || !message.payload?.startsWith(prefix)) return;
      const announced = Number(message.payload.slice(prefix.length));
      notified = Math.max(notified, announced);
      if (version !== undefined && announced > version) version = announced;
    });
    next.on('error', (error) => {
      if (client === next) down(error);
    });
    next.on('end', () => {
      if (client === next) down(new Error('LISTEN connection ended'));
    });
    try {
      await next.connect();
      if (prefix === null) {
        const { rows } = await next.query<{ schema: string }>('select current_schema() as schema');
        prefix = `${rows[0]?.schema ?? 'public'}:`;
      }
      await next.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      // Listening first, then reading: a write committed in between is in one or the other.
      const current = await query();
      if (client !== next) return;
      // Anything kept while the last connection was (perhaps silently) dead may have missed a write.
      if (connectedBefore) for (const reset of resets) reset();
      connectedBefore = true;
      version = Math.max(current, notified);
      wait = firstWait;
      timer = setTimeout(ping, pingMs).unref();
    } catch (error) {
      if (client === next) down(error);
    }
  }

  return {
    now() {
      if (!started && !closed) {
        started = true;
        void connect();
      }
      return version;
    },
    query,
    onReset: (listener) => void resets.push(listener),
    saw(seen) {
      if (version !== undefined && seen > version) version = seen;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = null;
      version = undefined;
      last?.removeAllListeners();
      last?.on('error', () => {});
      await last?.end().catch(() => {});
    },
  };
}
