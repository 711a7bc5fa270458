// What a command refused by flood control (command-limiter.ts) is answered: the window's one
// notice, a short translated error saying about how long to wait, or silence — an empty reply,
// which Telegram sends nothing for and Discord, which must answer every interaction, answers with
// a minimal message only the sender sees. Silence reads no database: under a flood it is most of
// what is answered.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { UNCACHED, type ReadCache } from '../domain/read-cache.js';
import type { Locale } from '../domain/types.js';
import { messagesFor } from '../i18n/index.js';
import { localeFromLanguageCode, resolveLocale } from './chat-locale.js';
import type { CommandLimiter } from './command-limiter.js';
import type { Invocation } from './invocation.js';
import { errorBlock, reply, silence, type Reply } from './reply.js';

export interface FloodDeps {
  readonly db: Kysely<Database>;
  readonly cache?: ReadCache;
  readonly config: { readonly defaultLocale: Locale };
  /** Absent: no flood control (tools, tests of something else). */
  readonly limiter?: CommandLimiter;
}

/**
 * The reply to a command flood control refuses; undefined when it may be answered. `exempt`: the
 * command is one only editors or owners may run and the caller is one (see runCommand).
 */
export async function floodRefusal(invocation: Invocation, exempt: boolean, now: Date, deps: FloodDeps): Promise<Reply | undefined> {
  if (deps.limiter === undefined || exempt) return undefined;
  const admission = deps.limiter.admit(invocation, now);
  if (admission.kind === 'admitted') return undefined;
  if (!admission.notice) return silence(invocation.locale ?? localeFromLanguageCode(invocation.user.languageCode) ?? deps.config.defaultLocale);
  const view = deps.cache === undefined ? UNCACHED : await deps.cache.view();
  const locale = await resolveLocale(deps.db, invocation, deps.config.defaultLocale, view);
  return reply(locale, errorBlock(messagesFor(locale).limits[admission.limit](admission.retryAfterSeconds)));
}
