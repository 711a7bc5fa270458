// Runs a delivery worker against the fake platforms on a test database, with fast retries.
import type { DatabaseHandle } from '../../../db/connect.js';
import type { DeliveryStatus } from '../../../db/schema.js';
import type { DeliveryJob } from '../../../src/delivery/delivery-job.js';
import type { DeliveryLimits } from '../../../src/delivery/limits.js';
import { createWorker, type Worker, type WorkerOptions } from '../../../src/delivery/worker.js';
import { subscribe } from '../../../src/domain/subscriptions.js';
import { discordFetchSender, telegramFetchSender } from '../../fakes/fetch-senders.js';
import { ctx } from './world.js';

export const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** The test render: which event, for which language. */
export const renderText = async (job: DeliveryJob) => `event:${job.event.id} ${job.event.kind} #${job.event.figureId} ${job.subscription.locale}`;

export function startWorker(
  handle: DatabaseHandle,
  urls: { telegram: string; discord: string },
  options: Partial<WorkerOptions<string>> & { limits?: DeliveryLimits } = {},
): Worker {
  const worker = createWorker<string>({
    db: handle.db,
    capabilities: handle.capabilities,
    senders: { telegram: telegramFetchSender(urls.telegram, '1:t', 1000), discord: discordFetchSender(urls.discord, 'd', 1000) },
    render: renderText,
    logger: silentLogger,
    pollMs: 30,
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    ...options,
  });
  worker.start();
  return worker;
}

export async function statuses(handle: DatabaseHandle): Promise<Record<string, DeliveryStatus>> {
  const rows = await handle.db.selectFrom('deliveries').select(['id', 'status']).execute();
  return Object.fromEntries(rows.map((r) => [String(r.id), r.status]));
}

/** Waits until no delivery is pending or being sent (or fails after `timeoutMs`). */
export async function waitForQuiet(handle: DatabaseHandle, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await handle.db.selectFrom('deliveries').select('id').where('status', 'in', ['pending', 'sending']).limit(1).execute();
    if (busy.length === 0) return;
    if (Date.now() > deadline) {
      const stuck = await handle.db.selectFrom('deliveries').select(['id', 'status', 'attempts', 'due_at', 'claimed_by', 'claimed_until']).where('status', 'in', ['pending', 'sending']).limit(5).execute();
      throw new Error(`deliveries still busy at ${new Date().toISOString()}, e.g. ${JSON.stringify(stuck)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function subscribeMany(handle: DatabaseHandle, platform: string, chatIds: readonly string[], scope = '*') {
  for (const chatId of chatIds) await subscribe(handle.db, { platform, chatId, scope, locale: 'es' }, ctx());
}
