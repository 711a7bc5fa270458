// `cifras worker` (and the worker inside `cifras serve`): runs a delivery worker on an open
// database until `signal` aborts, then stops it cleanly (sends in progress finish, unsent claims
// go back to the queue). The CLI builds the senders and the render function from its config.
import type { DatabaseHandle } from '../../db/connect.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ChannelSender } from './channel-sender.js';
import type { NotifyOwners } from './deliver-one.js';
import type { DeliveryJob } from './delivery-job.js';
import type { DigestClock } from './digest-period.js';
import type { DeliveryLimits, RetryPolicy } from './limits.js';
import { createWorker } from './worker.js';

export interface RunWorkerOptions<Message> {
  readonly database: DatabaseHandle;
  /** One per enabled platform; a platform without a sender is not claimed from. */
  readonly senders: Readonly<Record<string, ChannelSender<Message>>>;
  readonly render: (job: DeliveryJob) => Promise<Message>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly metrics?: Metrics;
  readonly notifyOwners?: NotifyOwners;
  readonly limits?: DeliveryLimits;
  readonly retry?: RetryPolicy;
  readonly leaseMs?: number;
  readonly maxInFlight?: number;
  readonly pollMs?: number;
  readonly workerId?: string;
  /** Daily and weekly digests go out at this local hour; without it none are scheduled. */
  readonly digests?: DigestClock;
  /** The clock (tests inject one). */
  readonly now?: () => Date;
}

/** Resolves once `signal` has aborted and the worker has stopped. */
export async function runWorker<Message>(options: RunWorkerOptions<Message>, signal: AbortSignal): Promise<void> {
  const { database, ...rest } = options;
  const worker = createWorker<Message>({ ...rest, db: database.db, capabilities: database.capabilities });
  worker.start();
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await worker.stop();
}
