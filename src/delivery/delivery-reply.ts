// What one claimed delivery says, by kind: a notification of its event, an earlier message
// rewritten after a correction or retraction, or a period's digest. Platform-neutral: each
// platform's sender side renders the Reply.
import type { Reply } from '../core/reply.js';
import { todayOf } from '../domain/as-of.js';
import type { DbOrTrx } from '../domain/db.js';
import { localDate } from '../domain/local-time.js';
import type { DeliveryJob } from './delivery-job.js';
import { buildDigestReply } from './digest-reply.js';
import { periodOfKey, type DigestClock } from './digest-period.js';
import { buildEditedReply, buildNotificationReply } from './notification-reply.js';

export async function buildDeliveryReply(db: DbOrTrx, job: DeliveryJob, clock: DigestClock, now: Date): Promise<Reply> {
  const { locale } = job.subscription;
  switch (job.kind) {
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
