// What one claimed delivery says, by kind: a notification of its event, an earlier message
// rewritten after a correction or retraction, a period's digest, or an owner's notice that a
// subscription was paused. Platform-neutral: each platform's sender side renders the Reply.
import { reply, text, type Reply } from '../core/reply.js';
import { todayOf } from '../domain/as-of.js';
import type { DbOrTrx } from '../domain/db.js';
import { localDate } from '../domain/local-time.js';
import type { Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import type { DeliveryJob } from './delivery-job.js';
import { buildDigestReply } from './digest-reply.js';
import { periodOfKey, type DigestClock } from './digest-period.js';
import { buildEditedReply, buildNotificationReply } from './notification-reply.js';

/** `ownerLocale`: the language of owners' notices (DEFAULT_LOCALE); the others are in their chat's. */
export async function buildDeliveryReply(db: DbOrTrx, job: DeliveryJob, clock: DigestClock, now: Date, ownerLocale: Locale = 'es'): Promise<Reply> {
  const { locale } = job.subscription;
  switch (job.kind) {
    case 'owner_notice': {
      const { id, platform, chatId, threadId, scope } = job.subscription;
      const reason = job.notice?.reason ?? '';
      return reply(ownerLocale, text(messagesFor(ownerLocale).deliveries.pausedNotice({ id, platform, chatId, threadId, scope, reason })));
    }
    case 'send':
      return buildNotificationReply(db, job.event, locale, todayOf(now));
    case 'edit': {
      // Claims only hand out edits with their earlier message; without one this is a bug.
      if (job.edit === undefined) throw new Error(`edit delivery ${job.id} has no message to edit`);
      return buildEditedReply(db, job.edit.event, job.event, locale, localDate(new Date(job.event.createdAt), clock.timeZone));
    }
    case 'digest': {
      const period = periodOfKey(job.digestPeriod ?? '', clock);
      if (period === undefined) throw new Error(`digest delivery ${job.id} has no period ("${job.digestPeriod}")`);
      const digest = await buildDigestReply(db, job.subscription.scope, period, locale);
      // Scheduled only for a period with events in scope, and events are never deleted.
      if (digest === null) throw new Error(`digest delivery ${job.id} found no events in ${period.key}`);
      return digest;
    }
  }
}
