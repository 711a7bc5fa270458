// A reply of several messages, finished and never restarted (issue 16). Each part goes through
// the Bot API (its answer says it was accepted) in order, and each accepted part is recorded
// against the update it answers (domain/reply-progress.ts), so a re-delivered update — after a
// 5xx, a timeout, a crash, on any replica — sends only the parts not yet accepted, from the parts
// stored the first time.
//
// A 429 is waited out here, in the request, when its retry_after fits the request's budget (under
// grammY's 10 s webhook timeout, past which the answer would be a 500 anyway); so are brief 5xx
// and network errors. What does not fit is left to Telegram's own re-delivery: the claim is given
// up (not before the rate limit ends), the request fails, and the copy Telegram sends again
// resumes at the first part missing. A chat that refuses the bot (blocked, kicked) ends the reply.
import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { claimReply, pruneReplyProgress, recordPartsSent, releaseReply } from '../../domain/reply-progress.js';
import { HTML_OPTIONS, type TelegramMessage } from './render.js';
import { classifyTelegramError } from './sender.js';

export interface PartsDeps {
  readonly db: Kysely<Database>;
  readonly logger: { warn(obj: object, msg?: string): void };
  /** How long one request may spend sending (default REPLY_BUDGET_MS). */
  readonly budgetMs?: number;
}

/** Under grammY's webhook timeout (10 s), with room for the last send's answer. */
export const REPLY_BUDGET_MS = 7000;
/** The claim outlives the budget by this much: a send in flight at its end has time to answer. */
const CLAIM_MARGIN_MS = 5000;
/** Brief failures (5xx, network) tried again within the request, this long apart at first. */
const TRANSIENT_RETRY_MS = 300;
const TRANSIENT_ATTEMPTS = 3;
/** Telegram re-delivers an update for at most a day: a reply's record is kept that long. */
const KEPT_MS = 24 * 60 * 60 * 1000;

/** The reply could not be finished in this request; its re-delivery finishes it. */
export class ReplyUnfinishedError extends Error {
  constructor(updateId: string, why: string) {
    super(`reply to update ${updateId} not finished: ${why}; the re-delivered update resumes it`);
    this.name = 'ReplyUnfinishedError';
  }
}

export interface PartsTarget {
  readonly chatId: number;
  readonly extra: Record<string, unknown>;
}

type PartOutcome = { readonly kind: 'sent' } | { readonly kind: 'gone'; readonly reason: string } | { readonly kind: 'later'; readonly notBefore: number; readonly why: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends `messages` (text only) answering update `updateId`, or what is left of them. Claims use
 * the wall clock, not the command clock: they measure time actually spent.
 */
export async function sendParts(api: Api, to: PartsTarget, messages: readonly TelegramMessage[], updateId: string, deps: PartsDeps): Promise<void> {
  const started = Date.now();
  const deadline = started + (deps.budgetMs ?? REPLY_BUDGET_MS);
  const claim = await claimReply(deps.db, 'telegram', updateId, messages.map((m) => JSON.stringify(m)), new Date(started), new Date(deadline + CLAIM_MARGIN_MS));
  if (claim.kind === 'done') return;
  if (claim.kind === 'busy') throw new ReplyUnfinishedError(updateId, 'another copy of the update is sending it');
  const parts = claim.parts.map((p) => JSON.parse(p) as TelegramMessage);
  for (let index = claim.sent; index < parts.length; index++) {
    const outcome = await sendPart(api, to, parts[index]!, deadline);
    if (outcome.kind === 'later') {
      await releaseReply(deps.db, 'telegram', updateId, new Date(Math.max(Date.now(), outcome.notBefore)), new Date());
      throw new ReplyUnfinishedError(updateId, `part ${index + 1} of ${parts.length}: ${outcome.why}`);
    }
    if (outcome.kind === 'gone') {
      // Nothing more can reach this chat: the reply ends here, and no copy tries again.
      deps.logger.warn({ updateId, chatId: to.chatId, part: index + 1, parts: parts.length, reason: outcome.reason }, 'the chat refused a reply part; the rest is dropped');
      await recordPartsSent(deps.db, 'telegram', updateId, parts.length, new Date());
      return;
    }
    await recordPartsSent(deps.db, 'telegram', updateId, index + 1, new Date());
  }
  if (claim.sent === 0) await pruneReplyProgress(deps.db, new Date(Date.now() - KEPT_MS));
}

/** One part, with a 429 waited out and brief failures retried while the budget lasts. */
async function sendPart(api: Api, to: PartsTarget, message: TelegramMessage, deadline: number): Promise<PartOutcome> {
  let failures = 0;
  for (;;) {
    try {
      const markup = message.reply_markup === undefined ? {} : { reply_markup: message.reply_markup };
      await api.sendMessage(to.chatId, message.text, { ...HTML_OPTIONS, ...to.extra, ...markup });
      return { kind: 'sent' };
    } catch (error) {
      const result = classifyTelegramError(error);
      const now = Date.now();
      switch (result.kind) {
        case 'rate_limited':
          if (now + result.retryAfterMs > deadline) return { kind: 'later', notBefore: now + result.retryAfterMs, why: `rate limited for ${result.retryAfterMs} ms` };
          await sleep(result.retryAfterMs);
          break;
        case 'transient': {
          failures += 1;
          const wait = TRANSIENT_RETRY_MS * 2 ** (failures - 1);
          if (failures >= TRANSIENT_ATTEMPTS || now + wait > deadline) return { kind: 'later', notBefore: now, why: result.error };
          await sleep(wait);
          break;
        }
        case 'permanent':
          return { kind: 'gone', reason: result.reason };
        case 'migrated':
          return { kind: 'gone', reason: `the group moved to ${result.chatId}` };
        case 'sent':
          return { kind: 'sent' };
      }
    }
  }
}
