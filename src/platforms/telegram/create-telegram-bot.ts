// The grammY bot: every command name and Spanish alias from the registry, in private chats,
// groups (`/count@cifras_bot …`; commands addressed to another bot are left alone) and channels
// (channel posts); the choice buttons' callback queries; inline queries (answer-inline-query.ts);
// a private chat's plain words as a question (core/answer-question.ts); and a short pointer to
// /help for an unknown command in a private chat or one addressed to us by name
// (`/foo@cifras_bot`); any other unknown command in a group or channel may belong to another bot,
// so it gets silence, and so does a group's plain text.
//
// Edited messages are ignored on purpose: re-answering an edit would post a second answer under
// the first and could re-apply a write. Whoever mistyped sends the command again. They are not
// requested in allowed_updates either (register.ts), so Telegram does not even send them.
import { Bot, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Kysely } from 'kysely';
import type { ChartRenderer } from '../../charts/index.js';
import type { Database } from '../../../db/schema.js';
import type { Config } from '../../config.js';
import type { IsEditor } from '../../core/access.js';
import type { CommandLimiter } from '../../core/command-limiter.js';
import { namesOf, type Registry } from '../../core/registry.js';
import type { ReadCache } from '../../domain/read-cache.js';
import type { Metrics } from '../../metrics.js';
import { answerQuestion } from '../../core/answer-question.js';
import { answerCommand, type AnswerDeps, type TelegramLogger } from './answer-command.js';
import { answerInlineQuery } from './answer-inline-query.js';
import { decodeCallbackData } from './callback-data.js';
import { createChatAdminCache, type ChatAdminCache } from './chat-admin-cache.js';
import { renderTelegramHtml } from './render.js';
import { keptPhotos } from './send-photo.js';
import type { PartsDeps } from './send-parts.js';
import { answerButton, sendReply } from './send-reply.js';
import { telegramInvocation, type CommandCall } from './telegram-invocation.js';

export interface TelegramBotDeps {
  readonly db: Kysely<Database>;
  readonly cache: ReadCache;
  readonly config: Pick<Config, 'telegram' | 'owners' | 'defaultLocale' | 'timezone' | 'publicUrl'>;
  readonly logger: TelegramLogger;
  readonly metrics?: Pick<Metrics, 'commands'>;
  readonly registry: Registry;
  readonly now: () => Date;
  /** The bot's own getMe; given, the bot needs no network to start (tests). Else `bot.init()` fetches it. */
  readonly botInfo?: UserFromGetMe;
  /** Who edits besides the owners; default: the editors table. */
  readonly isEditor?: IsEditor;
  readonly admins?: ChatAdminCache;
  /** Draws /chart's images; one per process (the composition root's). */
  readonly charts?: ChartRenderer;
  /** Flood control on commands (the composition root's, shared with Discord); absent: none. */
  readonly limiter?: CommandLimiter;
  /** How long one update may spend sending a reply of several messages (send-parts.ts; tests shorten it). */
  readonly replyBudgetMs?: number;
}

/**
 * Methods whose call may ride in the webhook response: the answers, which need no result back
 * (sendPhoto only by a kept file_id: grammY never puts an upload in a webhook reply).
 */
const WEBHOOK_REPLY_METHODS: ReadonlySet<string> = new Set(['sendMessage', 'sendPhoto', 'editMessageText', 'answerCallbackQuery', 'answerInlineQuery']);

export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const telegram = deps.config.telegram;
  if (telegram === null) throw new Error('createTelegramBot needs TELEGRAM_BOT_TOKEN (config.telegram is null)');
  const bot = new Bot(telegram.token, {
    ...(deps.botInfo === undefined ? {} : { botInfo: deps.botInfo }),
    client: { apiRoot: telegram.apiRoot, canUseWebhookReply: (method) => WEBHOOK_REPLY_METHODS.has(method) },
  });
  const answerDeps: AnswerDeps = {
    db: deps.db,
    cache: deps.cache,
    config: deps.config,
    registry: deps.registry,
    now: deps.now,
    logger: deps.logger,
    admins: deps.admins ?? createChatAdminCache(),
    ...(deps.metrics === undefined ? {} : { commands: deps.metrics.commands }),
    ...(deps.isEditor === undefined ? {} : { isEditor: deps.isEditor }),
    ...(deps.charts === undefined ? {} : { charts: deps.charts }),
    ...(deps.limiter === undefined ? {} : { limiter: deps.limiter }),
  };
  const photos = keptPhotos(deps.db, deps.now);
  const parts: PartsDeps = { db: deps.db, logger: deps.logger, ...(deps.replyBudgetMs === undefined ? {} : { budgetMs: deps.replyBudgetMs }) };

  // grammY matches `/name` and `/name@thisbot`, never `/name@otherbot`, in messages and channel posts.
  bot.command(deps.registry.commands.flatMap(namesOf), async (ctx) => {
    const call = commandCall(ctx);
    if (call === null) return;
    await sendReply(ctx, bot.api, await answerCommand(ctx, call, answerDeps), photos, parts);
  });

  // Anything else that starts with a command: `/Count` (grammY matches case-sensitively; the
  // registry does not), or a command we do not have.
  bot.on(':entities:bot_command', async (ctx) => {
    const call = commandCall(ctx);
    if (call === null) return;
    const ours = deps.registry.find(call.commandName) !== undefined;
    if (!ours && ctx.chat.type !== 'private' && !call.addressed) return;
    await sendReply(ctx, bot.api, await answerCommand(ctx, call, answerDeps), photos, parts);
  });

  bot.on('callback_query:data', async (ctx) => {
    const call = decodeCallbackData(ctx.callbackQuery.data);
    if (call === null) {
      await ctx.answerCallbackQuery();
      return;
    }
    await answerButton(ctx, bot.api, await answerCommand(ctx, call, answerDeps), photos, parts);
  });

  bot.on('inline_query', (ctx) => answerInlineQuery(ctx, { ...answerDeps, publicUrl: deps.config.publicUrl }));

  // A private chat's message that is no command is a question in plain words. In groups only
  // commands are answered: the chat is not talking to the bot.
  bot.chatType('private').on('message:text', async (ctx) => {
    const invocation = await telegramInvocation(ctx, { commandName: 'count', rawArgs: ctx.message.text }, false, answerDeps);
    await sendReply(ctx, bot.api, renderTelegramHtml(await answerQuestion(deps.registry, invocation, answerDeps)), photos, parts);
  });
  return bot;
}

/**
 * The command at the start of a message addressed to this bot (or to no bot in particular):
 * `/count@cifras_bot presos` → { count, presos, addressed: true }. Null for a command aimed at
 * another bot.
 */
export function commandCall(ctx: Context): (CommandCall & { readonly addressed: boolean }) | null {
  const msg = ctx.message ?? ctx.channelPost;
  const text = msg?.text;
  const entity = msg?.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (text === undefined || entity === undefined) return null;
  const [name = '', target] = text.slice(1, entity.length).split('@');
  if (target !== undefined && target.toLowerCase() !== ctx.me.username.toLowerCase()) return null;
  return { commandName: name, rawArgs: text.slice(entity.length).trim(), addressed: target !== undefined };
}
