// A claimed delivery with what the renderer and the sender need: the event and the subscription.
import type { EventKind } from '../../db/schema.js';
import type { Locale } from '../domain/types.js';
import type { SendTarget } from './channel-sender.js';

export interface DeliveryJob {
  readonly id: number;
  /** Failed attempts so far (429s do not count). */
  readonly attempts: number;
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
  };
}

export function targetOf(job: DeliveryJob): SendTarget {
  const { platform, chatId, threadId } = job.subscription;
  return { platform, chatId, threadId };
}

/** The same on every attempt of one delivery; Discord allows 25 characters. */
export function nonceOf(job: DeliveryJob): string {
  return `cifras-${job.id}`;
}
