// Tells every owner, on each platform the worker can send to, that a subscription was paused
// (the bot was blocked, kicked or lost its rights there). Through the same senders as every
// notification, as a direct message.
import { randomUUID } from 'node:crypto';
import type { Owner } from '../config.js';
import { reply, text } from '../core/reply.js';
import type { Logger } from '../logger.js';
import type { PlatformSender, SendResult } from './channel-sender.js';
import type { NotifyOwners } from './deliver-one.js';

/** Best effort: each failure is logged and the other owners still get it; it never throws. */
export function ownerNotifier(
  owners: readonly Owner[],
  senders: Readonly<Record<string, PlatformSender>>,
  logger: Pick<Logger, 'info' | 'warn'>,
): NotifyOwners {
  return async (message) => {
    await Promise.all(
      owners.map(async (owner) => {
        const sender = senders[owner.platform];
        if (sender === undefined) return;
        let result: SendResult;
        try {
          const target = await sender.directTarget(owner.userId);
          // A fresh nonce: two notices about the same chat must both arrive.
          result = await sender.send(target, reply('en', text(message)), `owner-${randomUUID().slice(0, 18)}`);
        } catch (error) {
          result = { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
        }
        if (result.kind === 'sent') logger.info({ owner: `${owner.platform}:${owner.userId}` }, 'owner told about a paused subscription');
        else logger.warn({ owner: `${owner.platform}:${owner.userId}`, result }, 'could not tell an owner about a paused subscription (has the owner started a chat with the bot?)');
      }),
    );
  };
}
