// A chat's settings: its language (/lang), kept in the `chats` table. Changing it also changes
// the language of the chat's subscriptions, in the same transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordAudit } from './audit.js';
import type { DbOrTrx, WriteContext } from './db.js';
import { UNCACHED, type CacheView } from './read-cache.js';
import { inTransaction } from './transaction.js';
import { LOCALES, type Locale } from './types.js';

/** The chat's /lang setting, if it has one; kept until the next write when `cache` keeps it (read-cache.ts). */
export async function getChatLocale(db: DbOrTrx, platform: string, chatId: string, cache: CacheView = UNCACHED): Promise<Locale | undefined> {
  return cache.read(chatLocaleKey(platform, chatId), () => loadChatLocale(db, platform, chatId));
}

const chatLocaleKey = (platform: string, chatId: string): string => `chat-locale:${platform}:${chatId}`;

async function loadChatLocale(db: DbOrTrx, platform: string, chatId: string): Promise<Locale | undefined> {
  const row = await db
    .selectFrom('chats')
    .select('locale')
    .where('platform', '=', platform)
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  return row !== undefined && (LOCALES as readonly string[]).includes(row.locale) ? (row.locale as Locale) : undefined;
}

/** Sets a chat's language with its audit entry, in one transaction. Returns the previous one. */
export async function setChatLocale(
  db: Kysely<Database>,
  chat: { platform: string; chatId: string },
  locale: Locale,
  ctx: WriteContext,
): Promise<Locale | undefined> {
  return inTransaction(db, async (trx) => {
    const before = await loadChatLocale(trx, chat.platform, chat.chatId);
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
    // The chat's subscriptions speak its language from now on.
    await trx
      .updateTable('subscriptions')
      .set({ locale, updated_at: updatedAt })
      .where('platform', '=', chat.platform)
      .where('chat_id', '=', chat.chatId)
      .execute();
    return before;
  });
}
