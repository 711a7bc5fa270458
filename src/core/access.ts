// Who may run a command. Owners pass every check; editors pass `editor`; chat admins pass
// `chat-admin`; `private-or-chat-admin` lets anyone act in their own private chat but only the
// chat's admins in a group, channel or server (/subscribe, /lang).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Owner } from '../config.js';
import type { RestrictedAccess } from '../i18n/messages.js';
import type { InvocationUser, InvocationChat } from './invocation.js';

export type Access = 'anyone' | RestrictedAccess;

/** Whether a platform user is an editor (the editors table by default; tests may pass another). */
export type IsEditor = (db: Kysely<Database>, platform: string, userId: string) => Promise<boolean>;

export interface AccessCheck {
  readonly db: Kysely<Database>;
  readonly owners: readonly Owner[];
  readonly isEditor: IsEditor;
  readonly user: InvocationUser;
  readonly chat: InvocationChat;
}

export function isOwner(owners: readonly Owner[], user: InvocationUser): boolean {
  return owners.some((owner) => owner.platform === user.platform && owner.userId === user.id);
}

/** True when the user may run a command declared with `access`. */
export async function hasAccess(access: Access, check: AccessCheck): Promise<boolean> {
  if (access === 'anyone') return true;
  if (isOwner(check.owners, check.user)) return true;
  switch (access) {
    case 'private-or-chat-admin':
      return check.chat.type === 'private' || check.user.isChatAdmin;
    case 'chat-admin':
      return check.user.isChatAdmin;
    case 'editor':
      return check.isEditor(check.db, check.user.platform, check.user.id);
    case 'owner':
      return false;
  }
}
