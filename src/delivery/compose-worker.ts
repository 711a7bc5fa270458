// Puts the delivery worker together from the configuration: a sender for each enabled platform,
// a render that builds the notification for an event and renders it for the subscription's
// platform, and owners told through the same senders when a subscription is paused. Also the two
// ways it runs: beside the server (startWorkerService, a main.ts Service for `cifras serve`) and
// alone until SIGTERM/SIGINT (runWorkerUntilSignal, for `cifras worker`).
import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Config, Owner } from '../config.js';
import { reply, text, type Reply } from '../core/reply.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { renderDiscord, type DiscordMessage } from '../platforms/discord/render.js';
import { createDeliveryRest, discordSender, openDirectMessage } from '../platforms/discord/sender.js';
import { renderTelegramHtml, type TelegramMessage } from '../platforms/telegram/render.js';
import { telegramSender } from '../platforms/telegram/sender.js';
import type { ChannelSender, SendResult, SendTarget } from './channel-sender.js';
import type { NotifyOwners } from './deliver-one.js';
import { limitsFromRates } from './limits.js';
import { buildDeliveryReply } from './delivery-reply.js';
import { runWorker, type RunWorkerOptions } from './run-worker.js';

/** A notification rendered for one platform. */
export type Notification =
  | { readonly platform: 'telegram'; readonly messages: readonly TelegramMessage[] }
  | { readonly platform: 'discord'; readonly message: DiscordMessage };

type WorkerLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** What the worker needs; the server's AppDeps fit as they are. */
export interface WorkerDeps {
  readonly handle: DatabaseHandle;
  /** deliveryRates: the configured send rates; without them, the platforms' documented limits. */
  readonly config: Pick<Config, 'telegram' | 'discord' | 'owners'> & Partial<Pick<Config, 'deliveryRates' | 'timezone' | 'digestHour'>>;
  readonly logger: WorkerLogger;
  readonly metrics?: Metrics;
  readonly now?: () => Date;
}

/** Tuning for tests and benchmarks; production uses the defaults. */
export type WorkerTuning = Partial<Pick<RunWorkerOptions<Notification>, 'limits' | 'retry' | 'leaseMs' | 'maxInFlight' | 'pollMs' | 'workerId' | 'now'>> & {
  /** Per platform request; must stay under half the lease. */
  readonly timeoutMs?: number;
};

/** The platforms this configuration can send to: a ChannelSender and a way to reach a user. */
interface Channel {
  readonly sender: ChannelSender<Notification>;
  /** Where a direct message to `userId` goes. */
  directTarget(userId: string): Promise<SendTarget>;
}

function render(platform: string, content: Reply): Notification {
  switch (platform) {
    case 'telegram':
      return { platform, messages: renderTelegramHtml(content) };
    case 'discord':
      return { platform, message: renderDiscord(content) };
    default:
      throw new Error(`no renderer for platform "${platform}"`);
  }
}

/** A notification rendered for another platform is a bug; thrown, so the delivery is retried and ends dead, visible. */
function wrongPlatform(expected: string, notification: Notification): never {
  throw new Error(`a ${notification.platform} notification reached the ${expected} sender`);
}

function channels(deps: WorkerDeps, tuning: WorkerTuning): Map<string, Channel> {
  const { telegram, discord } = deps.config;
  const found = new Map<string, Channel>();
  if (telegram !== null) {
    const sender = telegramSender(telegram, { timeoutMs: tuning.timeoutMs, logger: deps.logger });
    found.set('telegram', {
      sender: {
        send: (target, n, nonce, options) => (n.platform === 'telegram' ? sender.send(target, n.messages, nonce, options) : wrongPlatform('telegram', n)),
        edit: (ref, n) => (n.platform === 'telegram' ? sender.edit(ref, n.messages) : wrongPlatform('telegram', n)),
      },
      // A user's private chat with the bot has the user's id.
      directTarget: async (userId) => ({ platform: 'telegram', chatId: userId, threadId: null }),
    });
  }
  if (discord !== null) {
    const rest = createDeliveryRest(discord, { timeoutMs: tuning.timeoutMs });
    const sender = discordSender(discord, rest);
    const dmChannels = new Map<string, string>();
    found.set('discord', {
      sender: {
        send: (target, n, nonce, options) => (n.platform === 'discord' ? sender.send(target, n.message, nonce, options) : wrongPlatform('discord', n)),
        edit: (ref, n) => (n.platform === 'discord' ? sender.edit(ref, n.message) : wrongPlatform('discord', n)),
      },
      directTarget: async (userId) => {
        let channelId = dmChannels.get(userId);
        if (channelId === undefined) dmChannels.set(userId, (channelId = await openDirectMessage(rest, userId)));
        return { platform: 'discord', chatId: channelId, threadId: null };
      },
    });
  }
  return found;
}

/**
 * Sends `message` to every owner on a platform the worker can send to. Best effort: each failure
 * is logged and the rest still get it; it never throws.
 */
function ownerNotifier(owners: readonly Owner[], byPlatform: ReadonlyMap<string, Channel>, logger: WorkerLogger): NotifyOwners {
  return async (message) => {
    await Promise.all(
      owners.map(async (owner) => {
        const channel = byPlatform.get(owner.platform);
        if (channel === undefined) return;
        let result: SendResult;
        try {
          const target = await channel.directTarget(owner.userId);
          // A fresh nonce: two notices about the same chat must both arrive.
          result = await channel.sender.send(target, render(owner.platform, reply('en', text(message))), `owner-${randomUUID().slice(0, 18)}`);
        } catch (error) {
          result = { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
        }
        if (result.kind === 'sent') logger.info({ owner: `${owner.platform}:${owner.userId}` }, 'owner told about a paused subscription');
        else logger.warn({ owner: `${owner.platform}:${owner.userId}`, result }, 'could not tell an owner about a paused subscription (has the owner started a chat with the bot?)');
      }),
    );
  };
}

/** The worker's options for this configuration: senders for the enabled platforms, render, owners. */
export function composeWorker(deps: WorkerDeps, tuning: WorkerTuning = {}): RunWorkerOptions<Notification> {
  const { timeoutMs: _timeoutMs, ...workerTuning } = tuning;
  // deps.now dates what is rendered (what is stale); tuning.now, if any, is the worker's own clock.
  const now = deps.now ?? tuning.now ?? (() => new Date());
  const byPlatform = channels(deps, tuning);
  const digests = { timeZone: deps.config.timezone ?? 'America/Caracas', hour: deps.config.digestHour ?? 8 };
  return {
    ...(deps.config.deliveryRates === undefined ? {} : { limits: limitsFromRates(deps.config.deliveryRates) }),
    ...workerTuning,
    database: deps.handle,
    senders: Object.fromEntries([...byPlatform].map(([platform, channel]) => [platform, channel.sender])),
    render: async (job) => render(job.subscription.platform, await buildDeliveryReply(deps.handle.db, job, digests, now())),
    digests,
    logger: deps.logger,
    metrics: deps.metrics,
    notifyOwners: ownerNotifier(deps.config.owners, byPlatform, deps.logger),
  };
}

/** Something running beside the server, stopped before the database closes (main.ts's Service). */
export interface WorkerService {
  readonly name: string;
  stop(): Promise<void>;
}

/** Starts the worker beside the server (`cifras serve`); stop() lets sends in flight finish. */
export function startWorkerService(deps: WorkerDeps, tuning: WorkerTuning = {}): WorkerService {
  const abort = new AbortController();
  const options = composeWorker(deps, tuning);
  if (Object.keys(options.senders).length === 0) deps.logger.info('delivery worker idle: no platform configured, so nothing can be delivered');
  const running = runWorker(options, abort.signal).catch((error: unknown) => deps.logger.error({ err: error }, 'delivery worker failed'));
  return {
    name: 'delivery worker',
    async stop() {
      abort.abort();
      await running;
    },
  };
}

/** Runs the worker alone (`cifras worker`) until SIGTERM or SIGINT, then stops it cleanly. */
export async function runWorkerUntilSignal(deps: WorkerDeps, tuning: WorkerTuning = {}): Promise<void> {
  const service = startWorkerService(deps, tuning);
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  // Signal listeners alone do not keep Node running; an idle worker must still wait for one.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  // A second Ctrl-C during the stop gets Node's default: an immediate exit.
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  clearInterval(keepAlive);
  deps.logger.info({ signal }, 'signal received: stopping the delivery worker');
  await service.stop();
}
