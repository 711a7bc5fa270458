// Telegram inline mode: `@cifras_bot presos` typed in any chat lists the indicators the lookup
// finds (an empty query: every indicator, by name, a page at a time), each an article whose
// message is the /count answer itself — the same reply, run through the one dispatcher and kept
// like any other — with a button to the indicator's page when PUBLIC_URL is set. The answer rides
// in the webhook response: answerInlineQuery returns nothing worth waiting for.
import type { Context } from 'grammy';
import type { InlineKeyboardButton, InlineQueryResultArticle } from 'grammy/types';
import type { Invocation } from '../../core/invocation.js';
import type { Reply, SummaryBlock } from '../../core/reply.js';
import { runCommand } from '../../core/run-command.js';
import { listIndicators } from '../../domain/indicators.js';
import { lookupIndicator, normalizeText, relatedIndicators } from '../../domain/lookup.js';
import type { Indicator, Locale } from '../../domain/types.js';
import { messagesFor } from '../../i18n/index.js';
import { resolveLocale } from '../../core/chat-locale.js';
import type { AnswerDeps } from './answer-command.js';
import { HTML_OPTIONS, renderTelegramHtml } from './render.js';

/** Results per answer; an empty query pages through every indicator with next_offset. */
export const INLINE_PAGE = 10;
/** Seconds Telegram may keep an answer: a new figure shows within a minute. */
export const INLINE_CACHE_SECONDS = 60;

export interface InlineDeps extends AnswerDeps {
  /** PUBLIC_URL: each result gets a button to the indicator's page. */
  readonly publicUrl: string | null;
}

export async function answerInlineQuery(ctx: Context, deps: InlineDeps): Promise<void> {
  const query = ctx.inlineQuery;
  if (query === undefined) return;
  const view = await deps.cache.view();
  const indicators = await listIndicators(deps.db, view);
  // The language the articles are written in: the asker's private chat's /lang, else Telegram's.
  const locale = await resolveLocale(deps.db, askerInvocation(ctx, ''), deps.config.defaultLocale, view);
  const offset = pageOffset(query.offset);
  const found = normalizeText(query.query) === '' ? byName(indicators, locale) : lookedUp(indicators, query.query);
  const page = found.slice(offset, offset + INLINE_PAGE);
  const results = await Promise.all(page.map((indicator) => article(ctx, indicator, deps)));
  const more = offset + INLINE_PAGE < found.length;
  await ctx.answerInlineQuery(results, {
    cache_time: INLINE_CACHE_SECONDS,
    is_personal: false,
    ...(more ? { next_offset: String(offset + INLINE_PAGE) } : {}),
  });
}

/** The offset Telegram sends back from our next_offset; anything else starts at the first page. */
function pageOffset(offset: string): number {
  return /^\d{1,4}$/.test(offset) ? Number(offset) : 0;
}

function byName(indicators: readonly Indicator[], locale: Locale): Indicator[] {
  return [...indicators].sort((a, b) => a.name[locale].localeCompare(b.name[locale], locale));
}

/** What /count would offer for the text: its match, its choice, or the indicators its words name. */
function lookedUp(indicators: readonly Indicator[], text: string): readonly Indicator[] {
  const result = lookupIndicator(indicators, text);
  if (result.kind === 'match') return [result.indicator];
  if (result.kind === 'ambiguous') return result.candidates;
  return relatedIndicators(indicators, text);
}

/** One indicator as an article: its /count answer in the asker's language (their private chat's /lang, else Telegram's). */
async function article(ctx: Context, indicator: Indicator, deps: InlineDeps): Promise<InlineQueryResultArticle> {
  const invocation = askerInvocation(ctx, indicator.slug);
  // Not counted in commands_total: ten results are one question, not ten /count commands. Nor
  // limited: an inline answer posts nothing to any chat (whoever picks a result sends it as their
  // own message), and its list rides in the webhook response, which Telegram keeps a minute.
  const { commands: _uncounted, limiter: _unlimited, ...uncounted } = deps;
  const answer = await runCommand(deps.registry, invocation, uncounted);
  const [message] = renderTelegramHtml(answer);
  const buttons = pageButton(indicator, answer, deps.publicUrl);
  return {
    type: 'article',
    id: indicator.slug,
    title: indicator.name[answer.locale],
    description: describe(answer),
    input_message_content: { message_text: message?.text ?? indicator.name[answer.locale], ...HTML_OPTIONS },
    ...(buttons === null ? {} : { reply_markup: { inline_keyboard: [buttons] } }),
  };
}

/** `/count <slug>` as asked by whoever typed the query, from their private chat with the bot. */
function askerInvocation(ctx: Context, slug: string): Invocation {
  const from = ctx.inlineQuery?.from;
  const languageCode = from?.language_code;
  return {
    platform: 'telegram',
    commandName: 'count',
    rawArgs: slug,
    user: { platform: 'telegram', id: String(from?.id ?? ''), isChatAdmin: false, ...(languageCode === undefined ? {} : { languageCode }) },
    chat: { id: String(from?.id ?? ''), type: 'private' },
  };
}

function pageButton(indicator: Indicator, answer: Reply, publicUrl: string | null): InlineKeyboardButton[] | null {
  if (publicUrl === null) return null;
  const url = `${publicUrl}/indicators/${encodeURIComponent(indicator.slug)}`;
  return [{ text: messagesFor(answer.locale).share.openPage, url }];
}

/** `902 (Foro Penal) · 99 (Ministerio)`: the latest per source, under the title. */
function describe(answer: Reply): string {
  const summary = answer.blocks.find((block): block is SummaryBlock => block.kind === 'summary');
  if (summary === undefined) return '';
  if (summary.lines.length === 0) return summary.labels.empty;
  return summary.lines.map((line) => `${line.valueText} (${line.sourceName})`).join(' · ').slice(0, 200);
}
