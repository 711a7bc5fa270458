// Every migration, in order. Listed statically (rather than read from the folder) so the same
// list works under tsx, vitest and the compiled build.
import type { Migration } from 'kysely';
import * as initialSchema from './20260101T000000-initial-schema.js';
import * as rateLimits from './20260102T000000-rate-limits.js';
import * as dataVersion from './20260103T000000-data-version.js';
import * as deliveriesBySubscription from './20260104T000000-deliveries-by-subscription.js';
import * as figuresHistory from './20260105T000000-figures-history.js';
import * as dataVersionNotify from './20260111T000000-data-version-notify.js';
import * as messageRefsEditsDigests from './20260112T000000-message-refs-edits-digests.js';
import * as keptFiles from './20260114T000000-kept-files.js';
import * as replyProgressOwnerNotices from './20260201T000000-outbox16-reply-progress-owner-notices.js';
import * as announcedEventsMessageParts from './20260201T001500-announced-events-message-parts.js';
import * as prune16ExpiryIndexes from './20260201T000000-prune16-expiry-indexes.js';

export const migrations: Record<string, Migration> = {
  '20260101T000000-initial-schema': initialSchema,
  '20260102T000000-rate-limits': rateLimits,
  '20260103T000000-data-version': dataVersion,
  '20260104T000000-deliveries-by-subscription': deliveriesBySubscription,
  '20260105T000000-figures-history': figuresHistory,
  '20260111T000000-data-version-notify': dataVersionNotify,
  '20260112T000000-message-refs-edits-digests': messageRefsEditsDigests,
  '20260114T000000-kept-files': keptFiles,
  '20260201T000000-outbox16-reply-progress-owner-notices': replyProgressOwnerNotices,
  '20260201T001500-announced-events-message-parts': announcedEventsMessageParts,
  '20260201T000000-prune16-expiry-indexes': prune16ExpiryIndexes,
};
