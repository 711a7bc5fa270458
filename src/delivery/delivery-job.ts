// A claimed delivery with what the renderer and the sender need: the event and the subscription,
// and by kind: for an edit, the earlier message it rewrites; for a notice about a correction or a
// retraction, the original message it answers; for a digest, its period; for an owner's notice of
// a pause, the owner it goes to and why the subscription was paused.
import type { DeliveryKind, DeliveryStatus, EventKind, Frequency } from '../../db/schema.js';
import type { Locale } from '../domain/types.js';
import type { SendTarget, SentMessageRef } from './channel-sender.js';

/** The message an edit rewrites: the earlier delivery and the event it told of. */
export interface EditedMessage {
  readonly deliveryId: number;
  /** Null while that delivery is not (or was never) recorded as sent. */
  readonly ref: SentMessageRef | null;
  readonly status: DeliveryStatus;
  readonly event: { readonly id: number; readonly kind: EventKind; readonly revision: number };
}

export interface DeliveryJob {
  readonly id: number;
  readonly kind: DeliveryKind;
  /** Failed attempts so far (429s do not count). */
  readonly attempts: number;
  /** Parts of a split message already sent and recorded: this attempt sends the next one. */
  readonly partsSent: number;
  readonly event: {
    readonly id: number;
    readonly kind: EventKind;
    readonly figureId: number;
    /** The figure revision the event is about (1 = the report). */
    readonly revision: number;
    readonly createdAt: string;
  };
  readonly subscription: {
    readonly id: number;
    readonly platform: string;
    readonly chatId: string;
    readonly threadId: string | null;
    /** An indicator slug or '*'. */
    readonly scope: string;
    readonly locale: Locale;
    readonly frequency: Frequency;
  };
  /** kind 'edit': the message to rewrite. */
  readonly edit?: EditedMessage;
  /** A notice of a correction or retraction: the chat's message that announced the figure. */
  readonly replyTo?: SentMessageRef;
  /** kind 'digest': `daily:YYYY-MM-DD` or `weekly:YYYY-MM-DD` (the local date it goes out). */
  readonly digestPeriod?: string;
  /** kind 'owner_notice': the owner told that `subscription` was paused, and the platform's reason. */
  readonly notice?: OwnerNotice;
}

export interface OwnerNotice {
  readonly platform: string;
  readonly userId: string;
  /** What the platform answered the delivery it refused. */
  readonly reason: string;
}

/** Where the job's message goes: the subscription's chat, or an owner's direct messages. */
export function targetOf(job: DeliveryJob): SendTarget {
  if (job.notice !== undefined) return { platform: job.notice.platform, chatId: job.notice.userId, threadId: null, direct: true };
  const { platform, chatId, threadId } = job.subscription;
  return { platform, chatId, threadId };
}

/** One key per conversation a job goes to: sends to one key go one at a time (worker.ts). */
export function conversationOf(job: DeliveryJob): string {
  const { platform, chatId, threadId, direct } = targetOf(job);
  return `${platform}:${direct === true ? 'user' : 'chat'}:${chatId}:${threadId ?? ''}`;
}

/**
 * The same on every attempt of one part of one delivery (`cifras-17`, then `cifras-17-1`, …):
 * Discord allows 25 characters.
 */
export function nonceOf(job: DeliveryJob): string {
  return job.partsSent === 0 ? `cifras-${job.id}` : `cifras-${job.id}-${job.partsSent}`;
}

/**
 * What a rendering depends on besides platform and language: jobs with the same key render alike
 * (an event's notice; an event's edit of messages about the same earlier event), a digest is its
 * subscription's own.
 */
export function renderKeyOf(job: DeliveryJob): string {
  switch (job.kind) {
    case 'send':
      return `send:${job.event.id}`;
    case 'edit':
      return `edit:${job.event.id}:${job.edit?.event.id ?? 0}`;
    case 'digest':
      return `digest:${job.subscription.id}:${job.digestPeriod ?? ''}`;
    case 'owner_notice':
      return `owner_notice:${job.id}`;
  }
}
