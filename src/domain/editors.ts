// Editors: platform users the owners trust to write figures, corrections and retractions.
// Owners come from the configuration (CIFRAS_OWNERS) and are never stored here, so nothing typed
// in a chat can take an owner's rights away. Every grant and revoke is audited; the audit log,
// not this table, is the history of who was an editor when.
import { recordAudit } from './audit.js';
import type { DbOrTrx, WriteContext } from './db.js';
import { DomainError } from './errors.js';
import { inTransaction } from './transaction.js';

export type UserPlatform = 'telegram' | 'discord';

/** A platform user. Ids are strings: Discord ids exceed 2^53. */
export interface UserRef {
  readonly platform: UserPlatform;
  readonly userId: string;
}

export interface Editor extends UserRef {
  readonly grantedBy: string;
  readonly grantedAt: string;
}

/** What a grant or revoke did: nothing, when the user already was (or was not) an editor. */
export interface EditorChange {
  readonly user: UserRef;
  readonly changed: boolean;
}

// Same form as CIFRAS_OWNERS entries (src/config.ts): platform, colon, digits.
const USER_REF = /^(telegram|discord):(\d{1,20})$/;

/** The largest id each platform sends: Telegram's are JSON numbers (53 bits), Discord's 64-bit snowflakes. */
const MAX_USER_ID: Readonly<Record<UserPlatform, bigint>> = { telegram: 2n ** 53n - 1n, discord: 2n ** 64n - 1n };

/**
 * Whether `id` is a user id as the platform writes it: digits without a leading zero, within the
 * platform's range. `0123` or `1e3` would be stored and compared as text and never match user 123.
 */
export function isCanonicalUserId(platform: UserPlatform, id: string): boolean {
  return /^[1-9]\d{0,19}$/.test(id) && BigInt(id) <= MAX_USER_ID[platform];
}

/** Reads `telegram:123456` / `discord:80351110224678912`. Throws DomainError('invalid_user'). */
export function parseUserRef(text: string): UserRef {
  const match = USER_REF.exec(text.trim().toLowerCase());
  const platform = match?.[1];
  if ((platform !== 'telegram' && platform !== 'discord') || match?.[2] === undefined || !isCanonicalUserId(platform, match[2])) {
    throw new DomainError('invalid_user', { input: text, accepted: ['telegram:<id>', 'discord:<id>'] });
  }
  return { platform, userId: match[2] };
}

/** `telegram:123456`: how users are named in the audit log and in replies. */
export function userRefText(user: UserRef): string {
  return `${user.platform}:${user.userId}`;
}

/** Whether the user is an editor (owners are checked elsewhere, from the configuration). */
export async function isEditor(db: DbOrTrx, platform: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('editors')
    .select('user_id')
    .where('platform', '=', platform)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every editor, longest-standing first. */
export async function listEditors(db: DbOrTrx): Promise<Editor[]> {
  const rows = await db.selectFrom('editors').selectAll().orderBy('granted_at').orderBy('platform').orderBy('user_id').execute();
  return rows.flatMap((row) =>
    row.platform === 'telegram' || row.platform === 'discord'
      ? [{ platform: row.platform, userId: row.user_id, grantedBy: row.granted_by, grantedAt: row.granted_at }]
      : [],
  );
}

/** Makes the user an editor; audited. Granting an editor again changes and records nothing. */
export async function grantEditor(db: DbOrTrx, user: UserRef, ctx: WriteContext): Promise<EditorChange> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .insertInto('editors')
      .values({ platform: user.platform, user_id: user.userId, granted_by: ctx.actor, granted_at: ctx.now.toISOString() })
      .onConflict((oc) => oc.columns(['platform', 'user_id']).doNothing())
      .executeTakeFirst();
    const changed = Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    if (changed) {
      await recordAudit(trx, {
        actor: ctx.actor,
        action: 'editor.grant',
        target: `user:${userRefText(user)}`,
        before: { editor: false },
        after: { editor: true },
        at: ctx.now,
      });
    }
    return { user, changed };
  });
}

/**
 * Takes editor rights away; audited. An owner cannot be revoked (DomainError
 * 'owner_not_revocable'): pass the configured owners. Revoking a non-editor changes nothing.
 */
export async function revokeEditor(
  db: DbOrTrx,
  user: UserRef,
  ctx: WriteContext,
  owners: readonly UserRef[],
): Promise<EditorChange> {
  if (owners.some((o) => o.platform === user.platform && o.userId === user.userId)) {
    throw new DomainError('owner_not_revocable', { input: userRefText(user) });
  }
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('editors')
      .selectAll()
      .where('platform', '=', user.platform)
      .where('user_id', '=', user.userId)
      .executeTakeFirst();
    if (before === undefined) return { user, changed: false };
    await trx.deleteFrom('editors').where('platform', '=', user.platform).where('user_id', '=', user.userId).execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'editor.revoke',
      target: `user:${userRefText(user)}`,
      before: { editor: true, grantedBy: before.granted_by, grantedAt: before.granted_at },
      after: { editor: false },
      at: ctx.now,
    });
    return { user, changed: true };
  });
}
