// defineCommand: one declaration per command — names, descriptions, options, access and handler —
// read by the dispatcher, the help text, Telegram's command lists and Discord's command JSON.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ChartRenderer } from '../charts/index.js';
import type { Owner } from '../config.js';
import type { CacheView } from '../domain/read-cache.js';
import type { Locale, Localized } from '../domain/types.js';
import type { Messages } from '../i18n/messages.js';
import type { Access } from './access.js';
import type { Invocation } from './invocation.js';
import type { InferArgs, OptionSpec } from './options.js';
import type { Reply } from './reply.js';
import type { Registry } from './registry.js';

/** A minimal logger slice (pino satisfies it). */
export interface CommandLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** What a handler gets besides its arguments. */
export interface CommandContext {
  readonly db: Kysely<Database>;
  /**
   * Kept reads as of this question's data version (pass it to listIndicators, indicatorSummary…);
   * UNCACHED while the command runs inside its write's transaction.
   */
  readonly cache: CacheView;
  /** The reply's language, already resolved. */
  readonly locale: Locale;
  /** The catalog for `locale`. */
  readonly t: Messages;
  readonly now: Date;
  /** `now` as a UTC date, `YYYY-MM-DD`. */
  readonly today: string;
  readonly invocation: Invocation;
  /** The caller as the audit log names them: `telegram:123`. */
  readonly actor: string;
  /** CIFRAS_TIMEZONE: the IANA zone recorded times are shown in (formatRecordedAt). */
  readonly timeZone: string;
  /** The configured owners (CIFRAS_OWNERS): never revocable from the chat. */
  readonly owners: readonly Owner[];
  /** Every command, for /help. */
  readonly registry: Registry;
  /** The public web's base URL (PUBLIC_URL, no trailing slash), for links to its pages; null when unset. */
  readonly publicUrl: string | null;
  readonly logger?: CommandLogger;
  /** Draws history charts (/chart). */
  readonly charts: ChartRenderer;
}

export interface CommandSpec<Options extends readonly OptionSpec[]> {
  /** The English name, without a slash: `count`. */
  readonly name: string;
  /** The Spanish alias (`cifras`), or null when the command has none. */
  readonly alias: string | null;
  /**
   * The Spanish alias as Spanish spells it (`auditoría`), where the platform allows it: Discord's
   * localized names take accented letters, Telegram's commands only a-z, 0-9 and _.
   */
  readonly spelledAlias?: string;
  /** Extra English names that also run it (`start` for `help`); never listed in menus. */
  readonly synonyms?: readonly string[];
  readonly description: Localized;
  readonly options: Options;
  readonly access: Access;
  /**
   * The reply depends on nothing but the data, the arguments, the language and the date — not on
   * who asks or where. Such replies are kept and reused until the next write (read-cache.ts): a
   * busy /count is then answered without querying or formatting again.
   */
  readonly cacheable?: boolean;
  /** Builds the reply; throw DomainError for anything the user can fix. */
  handler(ctx: CommandContext, args: InferArgs<Options>): Promise<Reply>;
}

/** A declared command; Options keeps the literal option types for inference. */
export type Command<Options extends readonly OptionSpec[] = readonly OptionSpec[]> = CommandSpec<Options>;

/** A command whose argument types have been erased (what registries hold). */
export type AnyCommand = Command<readonly OptionSpec[]>;

/**
 * Whether a command may change something, so that a re-delivered update must not run it twice.
 * Every command open to anyone only reads; the rest (/lang, /subscribe, /report, /admins grant…)
 * may write. The few reading ones among them (/audit) merely get "already handled" when re-sent.
 */
export function mayWrite(command: AnyCommand | undefined): boolean {
  return command !== undefined && command.access !== 'anyone';
}

/**
 * Declares a command. Option literals are kept (`const` type parameter), so the handler's `args`
 * is typed from them: `{ indicator: string | undefined }` for an optional indicator, `'es' | 'en'`
 * for a choice — no casts.
 */
export function defineCommand<const Options extends readonly OptionSpec[]>(spec: CommandSpec<Options>): Command<Options> {
  checkSpec(spec);
  return spec;
}

function checkSpec(spec: CommandSpec<readonly OptionSpec[]>): void {
  spec.options.forEach((option, index) => {
    const isLast = index === spec.options.length - 1;
    if ((option.kind === 'text' || option.rest === true) && !isLast) {
      throw new Error(`/${spec.name}: option "${option.name}" takes the rest of the line, so it must be last`);
    }
    if (option.kind === 'choice' && (option.choices ?? []).length === 0) {
      throw new Error(`/${spec.name}: choice option "${option.name}" has no choices`);
    }
    const previous = spec.options[index - 1];
    if (option.required && previous !== undefined && !previous.required) {
      throw new Error(`/${spec.name}: required option "${option.name}" follows an optional one`);
    }
  });
}
