// A chat's language (/lang), stored in the `chats` table, and the rule that picks a reply's
// language: the invocation's explicit choice, else the chat's setting, else the user's platform
// language, else the configured default.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordAudit } from '../domain/audit.js';
import type { DbOrTrx, WriteContext } from '../domain/db.js';
import { inTransaction } from '../domain/transaction.js';
import { LOCALES, type Locale } from '../domain/types.js';
import type { Invocation } from './invocation.js';

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** `es`, `es-419`, `es_ES` → es; `en-GB` → en; anything else → undefined. */
export function localeFromLanguageCode(code: string | undefined): Locale | undefined {
  const primary = code?.toLowerCase().split(/[-_]/)[0];
  return primary !== undefined && isLocale(primary) ? primary : undefined;
}

export async function getChatLocale(db: DbOrTrx, platform: string, chatId: string): Promise<Locale | undefined> {
  const row = await db
    .selectFrom('chats')
    .select('locale')
    .where('platform', '=', platform)
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  return row !== undefined && isLocale(row.locale) ? row.locale : undefined;
}

/** Sets a chat's language with its audit entry, in one transaction. Returns the previous one. */
export async function setChatLocale(
  db: Kysely<Database>,
  chat: { platform: string; chatId: string },
  locale: Locale,
  ctx: WriteContext,
): Promise<Locale | undefined> {
  return inTransaction(db, async (trx) => {
    const before = await getChatLocale(trx, chat.platform, chat.chatId);
    const updatedAt = ctx.now.toISOString();
    await trx
      .insertInto('chats')
      .values({ platform: chat.platform, chat_id: chat.chatId, locale, updated_at: updatedAt })
      .onConflict((oc) => oc.columns(['platform', 'chat_id']).doUpdateSet({ locale, updated_at: updatedAt }))
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      action: 'chat.lang',
      target: `chat:${chat.platform}:${chat.chatId}`,
      before: before === undefined ? null : { locale: before },
      after: { locale },
      at: ctx.now,
    });
    return before;
  });
}

/** The language a reply to this invocation is written in. */
export async function resolveLocale(db: DbOrTrx, invocation: Invocation, defaultLocale: Locale): Promise<Locale> {
  if (invocation.locale !== undefined) return invocation.locale;
  const chatLocale = await getChatLocale(db, invocation.platform, invocation.chat.id);
  return chatLocale ?? localeFromLanguageCode(invocation.user.languageCode) ?? defaultLocale;
}
