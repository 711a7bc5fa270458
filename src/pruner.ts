// The service that keeps the claimed update ids and the idempotency keys from growing for ever:
// every `intervalMs` (and once at start, so a server restarted after a day catches up) it deletes
// what is older than the retention, batch by batch (src/domain/prune-expired.ts), giving the event
// loop back between batches so answers are not held up. Every server process runs one; on
// PostgreSQL the replicas' pruners may overlap safely (the batches skip each other's rows).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Service } from './core/service.js';
import { PRUNERS, RETENTION_MS, type PrunedTable } from './domain/prune-expired.js';
import { abortableSleep, type Sleep } from './delivery/worker-support.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface PrunerTuning {
  /** The pruner's clock; default the system's. */
  readonly now?: () => Date;
  /** Default RETENTION_MS (24 hours). */
  readonly retentionMs?: number;
  /** Between two rounds; default 10 minutes. */
  readonly intervalMs?: number;
  /** Rows per DELETE; default 1,000. */
  readonly batchSize?: number;
  /** Batches per table per round, so one round is bounded too; default 100 (the rest waits for the next round). */
  readonly maxBatches?: number;
  readonly sleep?: Sleep;
}

export interface PrunerDeps extends PrunerTuning {
  readonly db: Kysely<Database>;
  /** The connection's Capabilities.skipLocked: several replicas prune side by side. */
  readonly skipLocked: boolean;
  readonly logger: Pick<Logger, 'info' | 'error'>;
  readonly metrics?: Pick<Metrics, 'prunedRows'>;
}

export type PruneCounts = Record<PrunedTable, number>;

export interface Pruner extends Service {
  /** One round now: every table pruned up to `maxBatches` batches; how many rows each lost. */
  pruneOnce(): Promise<PruneCounts>;
}

/** A pruner that has not started its loop yet (tests call pruneOnce); startPruner starts one. */
export function createPruner(deps: PrunerDeps): Pruner & { start(): void } {
  const options = {
    retentionMs: deps.retentionMs ?? RETENTION_MS,
    intervalMs: deps.intervalMs ?? 10 * 60_000,
    batchSize: deps.batchSize ?? 1000,
    maxBatches: deps.maxBatches ?? 100,
  };
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? abortableSleep;
  const abort = new AbortController();
  let loop: Promise<void> | undefined;

  async function pruneTable(table: PrunedTable, before: Date): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < options.maxBatches && !abort.signal.aborted; batch++) {
      const deleted = await PRUNERS[table](deps.db, { before, batchSize: options.batchSize, skipLocked: deps.skipLocked });
      total += deleted;
      if (deleted < options.batchSize) break;
      // Let requests waiting on this process (and, on SQLite, on the writer) go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (total > 0) deps.metrics?.prunedRows.inc({ table }, total);
    return total;
  }

  async function pruneOnce(): Promise<PruneCounts> {
    const before = new Date(now().getTime() - options.retentionMs);
    const counts: PruneCounts = { processed_updates: 0, idempotency_keys: 0 };
    for (const table of Object.keys(counts) as PrunedTable[]) counts[table] = await pruneTable(table, before);
    if (counts.processed_updates + counts.idempotency_keys > 0) deps.logger.info({ pruned: counts, before: before.toISOString() }, 'forgot claimed update ids and idempotency keys older than a day');
    return counts;
  }

  async function run(): Promise<void> {
    while (!abort.signal.aborted) {
      try {
        await pruneOnce();
      } catch (error) {
        deps.logger.error({ err: error }, 'pruning claimed update ids and idempotency keys failed; trying again at the next round');
      }
      await sleep(options.intervalMs, abort.signal);
    }
  }

  return {
    name: 'pruner',
    pruneOnce,
    start() {
      loop ??= run();
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

/** The pruner, its loop running: the composition root starts one per server process. */
export function startPruner(deps: PrunerDeps): Pruner {
  const pruner = createPruner(deps);
  pruner.start();
  return pruner;
}

