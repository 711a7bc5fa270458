// Table types for Kysely. Timestamps and dates are ISO-8601 text, booleans are 0/1, JSON is text:
// the same on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface IndicatorsTable {
  id: Generated<number>;
  slug: string;
  kind: 'stock' | 'flow';
  unit: string;
  region: string | null;
  name_es: string;
  name_en: string;
  /** JSON array of strings. */
  aliases_es: string;
  /** JSON array of strings. */
  aliases_en: string;
  description_es: string;
  description_en: string;
  stale_after_days: number;
  created_at: string;
  updated_at: string;
}

export type SourceKind = 'ngo' | 'government' | 'media' | 'international' | 'other';

export interface SourcesTable {
  id: Generated<number>;
  slug: string;
  kind: SourceKind;
  name: string;
  url: string | null;
  description_es: string;
  description_en: string;
  created_at: string;
  updated_at: string;
}

export interface FiguresTable {
  id: Generated<number>;
  indicator_id: number;
  source_id: number;
  as_of: string;
  as_of_start: string;
  period_from: string | null;
  period_to: string | null;
  url: string;
  note_es: string | null;
  note_en: string | null;
  recorded_by: string;
  recorded_at: string;
}

export type RevisionKind = 'report' | 'correction' | 'retraction';
export type ValueKind = 'exact' | 'approx' | 'at_least' | 'at_most' | 'range';

export interface FigureRevisionsTable {
  figure_id: number;
  revision: number;
  kind: RevisionKind;
  value_kind: ValueKind;
  value_low: number | null;
  value_high: number | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface EditorsTable {
  platform: string;
  user_id: string;
  granted_by: string;
  granted_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
}

export interface ChatsTable {
  platform: string;
  chat_id: string;
  locale: string;
  updated_at: string;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  platform: string;
  chat_id: string;
  thread_id: Generated<string>;
  scope: string;
  locale: string;
  status: 'active' | 'paused';
  paused_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  frequency: Generated<Frequency>;
}

/** How often a subscription is told: each event at once, or one digest a day or a week. */
export type Frequency = 'immediate' | 'daily' | 'weekly';

export type EventKind = 'published' | 'corrected' | 'retracted';

export interface EventsTable {
  id: Generated<number>;
  kind: EventKind;
  figure_id: number;
  revision: number;
  created_at: string;
  /**
   * 1, or 0 for an event of `cifras import --quiet` (a back-fill): recorded, never announced —
   * no delivery, no digest line, no feed entry (db/migrations/20260201T001500-…).
   */
  announced: Generated<number>;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'cancelled';

export interface DeliveriesTable {
  id: Generated<number>;
  event_id: number;
  subscription_id: number;
  status: DeliveryStatus;
  attempts: Generated<number>;
  due_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  kind: Generated<DeliveryKind>;
  /** For an edit: the delivery whose message it rewrites; for an owner notice: the delivery refused; 0 otherwise. */
  edit_of: Generated<number>;
  /** For a digest: its period, `daily:YYYY-MM-DD` / `weekly:YYYY-MM-DD` (the local send date). */
  digest_period: string | null;
  /** The sent message's platform ids (Telegram chat + message id + topic; Discord channel + message id). */
  sent_chat_id: string | null;
  sent_message_id: string | null;
  sent_thread_id: string | null;
  /** An owner notice's owner (platform and user id); '' for every other kind. */
  to_platform: Generated<string>;
  to_user_id: Generated<string>;
  /** Parts of a split message the chat already has; the next attempt sends the one after. */
  parts_sent: Generated<number>;
}

/** The platform id of each part after the first of a message sent in several parts. */
export interface DeliveryPartsTable {
  delivery_id: number;
  /** 1, 2, …: part 0 is the delivery's own sent_* columns. */
  part: number;
  chat_id: string;
  message_id: string;
  thread_id: string | null;
  sent_at: string;
}

/** A notification, an edit of an earlier one in place, a digest, or an owner's notice of a pause. */
export type DeliveryKind = 'send' | 'edit' | 'digest' | 'owner_notice';

/** A reply of several messages being sent (db/migrations/20260201T000000-outbox16-…). */
export interface ReplyProgressTable {
  platform: string;
  update_id: string;
  /** JSON array of the rendered messages. */
  parts: string;
  /** How many of them, from the first, the platform has accepted. */
  sent: number;
  /** Until when whoever sends it holds it; past this, a re-delivery takes over. */
  claimed_until: string;
  updated_at: string;
}

export interface ProcessedUpdatesTable {
  platform: string;
  update_id: string;
  processed_at: string;
}

export interface IdempotencyKeysTable {
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: string;
}

/** The delivery worker's shared rate budget: one GCRA bucket per key (see the migration). */
export interface RateLimitsTable {
  key: string;
  /** The bucket's theoretical arrival time, epoch milliseconds. */
  tat_ms: number;
}

/**
 * One row (id 1): a number bumped by a trigger at every committed audit entry, that is at every
 * write — the read cache's version of all the data (see the migration for why not max(audit id)).
 */
export interface DataVersionTable {
  id: number;
  /** bigint: PostgreSQL returns it as a string. */
  version: number | string;
}

/** A file a platform keeps for an image (db/migrations/20260114T000000-kept-files.ts). */
export interface KeptFilesTable {
  platform: string;
  /** `political-prisoners::es`: indicator, source ('' for all), language. */
  image: string;
  /** The data version the image was drawn at (pg returns bigint as a string). */
  data_version: number | string;
  file_id: string;
  kept_at: string;
}

export interface Database {
  indicators: IndicatorsTable;
  sources: SourcesTable;
  figures: FiguresTable;
  figure_revisions: FigureRevisionsTable;
  editors: EditorsTable;
  audit_log: AuditLogTable;
  chats: ChatsTable;
  subscriptions: SubscriptionsTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
  delivery_parts: DeliveryPartsTable;
  processed_updates: ProcessedUpdatesTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limits: RateLimitsTable;
  data_version: DataVersionTable;
  kept_files: KeptFilesTable;
  reply_progress: ReplyProgressTable;
}
