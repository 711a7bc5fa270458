// The server's configuration, read from the environment (DESIGN.md "Interfaces"). `loadConfig` is
// pure: it reads only the object it is given, checks every variable, and reports every problem at
// once — each saying what is wrong and how to fix it — so a newcomer fixes their .env in one pass.
import { z } from 'zod';
import { isCanonicalUserId } from './domain/editors.js';

export type Platform = 'telegram' | 'discord';

export interface Owner {
  readonly platform: Platform;
  readonly userId: string;
}

export interface TelegramConfig {
  readonly token: string;
  /** Checked against `X-Telegram-Bot-Api-Secret-Token`; required with a webhook (PUBLIC_URL). */
  readonly webhookSecret: string | null;
  readonly apiRoot: string;
}

export interface DiscordConfig {
  readonly applicationId: string;
  readonly publicKey: string;
  readonly botToken: string;
  readonly apiBase: string;
}

/** The delivery worker's send rates (DESIGN.md "Delivery": the platforms' limits, all configurable). */
export interface DeliveryRates {
  readonly telegramPerSecond: number;
  readonly telegramPerChatPerSecond: number;
  readonly telegramPerGroupPerMinute: number;
  readonly discordPerSecond: number;
}

/**
 * Flood control on commands (DESIGN.md "Roles and trust"): how many a user, and a chat, may have
 * answered in any minute. 0 turns that limit off.
 */
export interface CommandLimits {
  /** Commands one user may have answered in any minute, across every chat on one platform. */
  readonly perUserPerMinute: number;
  /** Commands answered in one group, channel or server channel in any minute (a private chat has its user's limit alone). */
  readonly perChatPerMinute: number;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly seed: boolean;
  readonly defaultLocale: 'es' | 'en';
  readonly owners: readonly Owner[];
  readonly adminApiToken: string | null;
  /** Bearer token /metrics asks for; null: /metrics is open (keep it off the public port then). */
  readonly metricsToken: string | null;
  readonly publicUrl: string | null;
  readonly telegram: TelegramConfig | null;
  readonly discord: DiscordConfig | null;
  /** The bot's Discord install link, shown on the web pages beside the Telegram link; null: not shown. */
  readonly discordInviteUrl: string | null;
  readonly logLevel: string;
  readonly deliveryRates: DeliveryRates;
  readonly commandLimits: CommandLimits;
  /** How long a delivery worker's claim holds unless renewed (DELIVERY_LEASE_SECONDS). */
  readonly deliveryLeaseMs: number;
  /** IANA zone in which recorded times are shown to people (`CIFRAS_TIMEZONE`), canonical spelling. */
  readonly timezone: string;
  /** Local hour (DIGEST_HOUR, 0-23) at which daily and weekly digests go out. */
  readonly digestHour: number;
}

export type Env = NodeJS.ProcessEnv | Record<string, string | undefined>;

/** Every problem found in the environment; `problems` are complete sentences for a human. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const DEFAULTS = {
  PORT: '8080',
  HOST: '127.0.0.1',
  DATABASE_URL: 'sqlite:./data/cifras.db',
  CIFRAS_SEED: 'true',
  DEFAULT_LOCALE: 'es',
  TELEGRAM_API_ROOT: 'https://api.telegram.org',
  DISCORD_API_BASE: 'https://discord.com/api',
  LOG_LEVEL: 'info',
  // The platforms' documented limits: Telegram about 30 messages a second overall, 1 a second per
  // chat, 20 a minute per group or channel; Discord 50 requests a second.
  TELEGRAM_RATE_PER_SECOND: '30',
  TELEGRAM_RATE_PER_CHAT_PER_SECOND: '1',
  TELEGRAM_RATE_PER_GROUP_PER_MINUTE: '20',
  DISCORD_RATE_PER_SECOND: '50',
  // Telegram lets a bot post about 20 messages a minute in a group: 15 commands leave room for the
  // notice and for subscription messages. 20 a minute for one person reads page after page of a
  // history without waiting, and stops one member from flooding several chats at once.
  COMMANDS_PER_USER_PER_MINUTE: '20',
  COMMANDS_PER_CHAT_PER_MINUTE: '15',
  // A crashed worker's deliveries wait about this long; a live worker renews its claims.
  DELIVERY_LEASE_SECONDS: '15',
  // Most readers follow Venezuelan figures: recorded times read in Caracas time unless set.
  CIFRAS_TIMEZONE: 'America/Caracas',
  DIGEST_HOUR: '8',
} as const;

const SECRET_CHARS = /^[A-Za-z0-9_-]{1,256}$/;
const SECRET_HINT = 'a random string of 1-256 characters A-Z a-z 0-9 _ -';
const TELEGRAM_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const SNOWFLAKE = /^\d{1,20}$/;
const ED25519_HEX = /^[0-9a-fA-F]{64}$/;
const seedSchema = z.stringbool();
const localeSchema = z.enum(['es', 'en']);
const logLevelSchema = z.enum(LOG_LEVELS);
const httpUrlSchema = z.url({ protocol: /^https?$/ });

/** Reads and checks the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  // An empty variable counts as unset: `FOO=` in an .env file or compose file means "not given".
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const withDefault = (name: keyof typeof DEFAULTS): string => get(name) ?? DEFAULTS[name];

  const publicUrl = checkPublicUrl(get('PUBLIC_URL'), problems);
  const config: Config = {
    port: checkPort(withDefault('PORT'), problems),
    host: withDefault('HOST'),
    databaseUrl: checkDatabaseUrl(withDefault('DATABASE_URL'), problems),
    seed: checkSeed(withDefault('CIFRAS_SEED'), problems),
    defaultLocale: checkLocale(withDefault('DEFAULT_LOCALE'), problems),
    owners: parseOwners(get('CIFRAS_OWNERS') ?? '', problems),
    adminApiToken: checkAdminToken(get('ADMIN_API_TOKEN'), problems),
    metricsToken: checkMetricsToken(get('METRICS_TOKEN'), problems),
    publicUrl,
    telegram: checkTelegram(get, publicUrl, withDefault('TELEGRAM_API_ROOT'), problems),
    discord: checkDiscord(get, withDefault('DISCORD_API_BASE'), problems),
    discordInviteUrl: checkInviteUrl(get('DISCORD_INVITE_URL'), problems),
    logLevel: checkLogLevel(withDefault('LOG_LEVEL'), problems),
    deliveryRates: {
      telegramPerSecond: checkRate('TELEGRAM_RATE_PER_SECOND', withDefault('TELEGRAM_RATE_PER_SECOND'), problems),
      telegramPerChatPerSecond: checkRate('TELEGRAM_RATE_PER_CHAT_PER_SECOND', withDefault('TELEGRAM_RATE_PER_CHAT_PER_SECOND'), problems),
      telegramPerGroupPerMinute: checkRate('TELEGRAM_RATE_PER_GROUP_PER_MINUTE', withDefault('TELEGRAM_RATE_PER_GROUP_PER_MINUTE'), problems),
      discordPerSecond: checkRate('DISCORD_RATE_PER_SECOND', withDefault('DISCORD_RATE_PER_SECOND'), problems),
    },
    commandLimits: {
      perUserPerMinute: checkCommandLimit('COMMANDS_PER_USER_PER_MINUTE', withDefault('COMMANDS_PER_USER_PER_MINUTE'), problems),
      perChatPerMinute: checkCommandLimit('COMMANDS_PER_CHAT_PER_MINUTE', withDefault('COMMANDS_PER_CHAT_PER_MINUTE'), problems),
    },
    deliveryLeaseMs: checkLeaseSeconds(withDefault('DELIVERY_LEASE_SECONDS'), problems) * 1000,
    timezone: checkTimezone(withDefault('CIFRAS_TIMEZONE'), problems),
    digestHour: checkDigestHour(withDefault('DIGEST_HOUR'), problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** One block for the terminal: what is wrong, one line per problem, and where the variables are described. */
export function formatConfigError(error: ConfigError): string {
  const count = error.problems.length;
  return [
    `cifras cannot start: ${count} configuration problem${count === 1 ? '' : 's'} in the environment:`,
    ...error.problems.map((p) => `  - ${p}`),
    'Every variable is optional; see "Interfaces" in DESIGN.md or the README for what each one does.',
  ].join('\n');
}

function checkDigestHour(text: string, problems: string[]): number {
  const hour = Number(text);
  if (/^\d{1,2}$/.test(text) && hour <= 23) return hour;
  problems.push(`DIGEST_HOUR is "${text}", which is not an hour: set it to a whole number from 0 to 23 (default 8).`);
  return 8;
}

/**
 * At least 5 s (a send must end in half of it, and the platforms' timeouts are a few seconds); at
 * most 10 minutes (longer only delays a crashed worker's deliveries).
 */
function checkLeaseSeconds(text: string, problems: string[]): number {
  const seconds = Number(text);
  if (/^\d{1,3}$/.test(text) && seconds >= 5 && seconds <= 600) return seconds;
  problems.push(`DELIVERY_LEASE_SECONDS is "${text}": set it to a whole number of seconds from 5 to 600 (default 15).`);
  return 15;
}

function checkPort(text: string, problems: string[]): number {
  const port = Number(text);
  if (/^\d+$/.test(text) && port <= 65535) return port;
  problems.push(`PORT is "${text}", which is not a port number: set PORT to a whole number from 0 to 65535 (default 8080).`);
  return 0;
}

function checkDatabaseUrl(url: string, problems: string[]): string {
  if (url === 'sqlite::memory:' || /^sqlite:.+/.test(url)) return url;
  if (/^postgres(ql)?:\/\/.+/.test(url)) return url;
  // Only the scheme is echoed: the rest may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  problems.push(
    `DATABASE_URL ${scheme === undefined ? 'has no scheme' : `has the scheme "${scheme}:"`}, which is not supported: ` +
      'use sqlite:<path> (e.g. sqlite:./data/cifras.db), sqlite::memory: or postgres://user:password@host:5432/database.',
  );
  return url;
}

function checkSeed(text: string, problems: string[]): boolean {
  const result = seedSchema.safeParse(text);
  if (result.success) return result.data;
  problems.push(`CIFRAS_SEED is "${text}": set it to true or false (default true).`);
  return false;
}

function checkLocale(text: string, problems: string[]): 'es' | 'en' {
  const result = localeSchema.safeParse(text);
  if (result.success) return result.data;
  problems.push(`DEFAULT_LOCALE is "${text}", which is not a supported language: set it to es or en (default es).`);
  return 'es';
}

function checkLogLevel(text: string, problems: string[]): string {
  const result = logLevelSchema.safeParse(text);
  if (result.success) return result.data;
  problems.push(`LOG_LEVEL is "${text}", which is not a log level: set it to one of ${LOG_LEVELS.join(', ')} (default info).`);
  return DEFAULTS.LOG_LEVEL;
}

/**
 * An IANA zone Intl knows (`America/Caracas`, `Europe/Madrid`, `UTC`). Its case is corrected
 * (`america/caracas`), but a name is otherwise kept as given: ICU would turn `Asia/Kolkata` into
 * the old `Asia/Calcutta`, and the zone is named to readers.
 */
function checkTimezone(text: string, problems: string[]): string {
  try {
    const canonical = new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
    return canonical.toLowerCase() === text.toLowerCase() ? canonical : text;
  } catch {
    problems.push(
      `CIFRAS_TIMEZONE is "${text}", which is not a time zone this system knows: set it to an IANA zone name such as ` +
        `America/Caracas (the default), America/Bogota, Europe/Madrid or UTC.`,
    );
    return DEFAULTS.CIFRAS_TIMEZONE;
  }
}

type RateName = 'TELEGRAM_RATE_PER_SECOND' | 'TELEGRAM_RATE_PER_CHAT_PER_SECOND' | 'TELEGRAM_RATE_PER_GROUP_PER_MINUTE' | 'DISCORD_RATE_PER_SECOND';

/** A send rate: a number above 0 (decimals allowed, e.g. 0.5 a second), at most 10,000. */
function checkRate(name: RateName, text: string, problems: string[]): number {
  const rate = Number(text);
  if (/^\d+(\.\d+)?$/.test(text) && rate > 0 && rate <= 10_000) return rate;
  problems.push(
    `${name} is "${text}", which is not a send rate: set it to a number above 0 (e.g. ${DEFAULTS[name]}, the platform's documented limit and the default), ` +
      'or unset it. Above the platform\'s limit the bot gets 429 answers and is slowed down anyway.',
  );
  return Number(DEFAULTS[name]);
}

/** The most commands a minute a limit may allow: more is no flood control at all (0 turns it off). */
const MAX_COMMANDS_PER_MINUTE = 1000;

/** A flood-control limit: a whole number of commands a minute, 0 (no limit) to MAX_COMMANDS_PER_MINUTE. */
function checkCommandLimit(name: 'COMMANDS_PER_USER_PER_MINUTE' | 'COMMANDS_PER_CHAT_PER_MINUTE', text: string, problems: string[]): number {
  const limit = Number(text);
  if (/^\d{1,4}$/.test(text) && limit <= MAX_COMMANDS_PER_MINUTE) return limit;
  const who = name === 'COMMANDS_PER_USER_PER_MINUTE' ? 'one user' : 'one group, channel or server channel';
  problems.push(
    `${name} is "${text}", which is not a number of commands: set it to how many commands ${who} may have answered in a minute, ` +
      `a whole number from 1 to ${MAX_COMMANDS_PER_MINUTE} (default ${DEFAULTS[name]}), or 0 to turn this limit off.`,
  );
  return Number(DEFAULTS[name]);
}

/** `telegram:123456,discord:80351110224678912`; ids stay strings (Discord's exceed 2^53). */
export function parseOwners(text: string, problems: string[]): Owner[] {
  const owners = new Map<string, Owner>();
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const match = /^(telegram|discord):(\d{1,20})$/.exec(entry);
    const platform = match?.[1];
    const userId = match?.[2] ?? '';
    if ((platform === 'telegram' || platform === 'discord') && isCanonicalUserId(platform, userId)) {
      owners.set(entry, { platform, userId });
      continue;
    }
    if (platform === 'telegram' || platform === 'discord') {
      problems.push(
        `CIFRAS_OWNERS has the entry "${entry}", whose id is not written as ${platform} writes it: a user id has no leading zero ` +
          `and is at most ${platform === 'telegram' ? '9007199254740991' : '18446744073709551615'} (e.g. ${platform}:${userId.replace(/^0+(?=\d)/, '') || '123456'}); ` +
          'as written it would never match anyone.',
      );
      continue;
    }
    problems.push(
      `CIFRAS_OWNERS has the malformed entry "${entry}": write each owner as platform:user-id, where platform is ` +
        'telegram or discord and the id is digits only, separated by commas (e.g. telegram:123456,discord:80351110224678912).',
    );
  }
  return [...owners.values()];
}

function checkAdminToken(token: string | undefined, problems: string[]): string | null {
  if (token === undefined) return null;
  if (/\s/.test(token)) {
    problems.push('ADMIN_API_TOKEN contains whitespace: set it to a random string without spaces (e.g. the output of `openssl rand -hex 32`).');
  }
  return token;
}

function checkMetricsToken(token: string | undefined, problems: string[]): string | null {
  if (token === undefined) return null;
  if (!/^[\x21-\x7e]+$/.test(token)) {
    problems.push('METRICS_TOKEN must be printable ASCII without spaces: set it to a random string (e.g. the output of `openssl rand -hex 32`), or unset it to leave /metrics open.');
  }
  return token;
}

function checkPublicUrl(text: string | undefined, problems: string[]): string | null {
  if (text === undefined) return null;
  const result = httpUrlSchema.safeParse(text);
  if (result.success && text.startsWith('https://') && !/[?#]/.test(text)) return text.replace(/\/+$/, '');
  problems.push(
    `PUBLIC_URL is "${text}", which is not an https URL: set it to the server's public address, e.g. https://cifras.example.org ` +
      '(Telegram and Discord only call https endpoints), or unset it to use long polling.',
  );
  return null;
}

/** A link readers follow from the web pages: https only, so no page ever points to plain http. */
function checkInviteUrl(text: string | undefined, problems: string[]): string | null {
  if (text === undefined) return null;
  if (httpUrlSchema.safeParse(text).success && text.startsWith('https://')) return text;
  problems.push(
    `DISCORD_INVITE_URL is "${text}", which is not an https URL: set it to the bot's install link from the Discord developer portal ` +
      '(Installation, e.g. https://discord.com/oauth2/authorize?client_id=…), or unset it to leave the Discord link off the web pages.',
  );
  return null;
}

function checkApiUrl(name: 'TELEGRAM_API_ROOT' | 'DISCORD_API_BASE', text: string, problems: string[]): string {
  if (httpUrlSchema.safeParse(text).success) return text.replace(/\/+$/, '');
  problems.push(`${name} is "${text}", which is not an http(s) URL: set it to an address such as ${DEFAULTS[name]}, or unset it for the default.`);
  return text;
}

type Getter = (name: string) => string | undefined;

function checkTelegram(get: Getter, publicUrl: string | null, apiRootText: string, problems: string[]): TelegramConfig | null {
  const token = get('TELEGRAM_BOT_TOKEN');
  const webhookSecret = get('TELEGRAM_WEBHOOK_SECRET') ?? null;
  const apiRoot = checkApiUrl('TELEGRAM_API_ROOT', apiRootText, problems);
  if (webhookSecret !== null && !SECRET_CHARS.test(webhookSecret)) {
    problems.push(`TELEGRAM_WEBHOOK_SECRET has characters Telegram does not allow or is too long: set it to ${SECRET_HINT}.`);
  }
  if (token === undefined) {
    if (webhookSecret !== null) {
      problems.push('TELEGRAM_WEBHOOK_SECRET is set but TELEGRAM_BOT_TOKEN is not: set TELEGRAM_BOT_TOKEN (from @BotFather) to turn Telegram on, or unset TELEGRAM_WEBHOOK_SECRET.');
    }
    return null;
  }
  if (!TELEGRAM_TOKEN.test(token)) {
    problems.push('TELEGRAM_BOT_TOKEN does not look like a bot token: copy it from @BotFather; it has the form 123456789:AAE… (digits, a colon, then letters, digits, _ and -).');
  }
  if (publicUrl !== null && webhookSecret === null) {
    problems.push(`TELEGRAM_BOT_TOKEN is set and PUBLIC_URL is set but TELEGRAM_WEBHOOK_SECRET is not: set TELEGRAM_WEBHOOK_SECRET to ${SECRET_HINT}.`);
  }
  return { token, webhookSecret, apiRoot };
}

function checkDiscord(get: Getter, apiBaseText: string, problems: string[]): DiscordConfig | null {
  const apiBase = checkApiUrl('DISCORD_API_BASE', apiBaseText, problems);
  const names = ['DISCORD_APPLICATION_ID', 'DISCORD_PUBLIC_KEY', 'DISCORD_BOT_TOKEN'] as const;
  const [applicationId, publicKey, botToken] = names.map((name) => get(name));
  const missing = names.filter((name) => get(name) === undefined);
  if (missing.length === names.length) return null;
  if (missing.length > 0) {
    const present = names.filter((name) => !missing.includes(name));
    problems.push(
      `Discord is partly configured: ${present.join(' and ')} ${present.length === 1 ? 'is' : 'are'} set but ${missing.join(' and ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} not: set all three (from the Discord developer portal) to turn Discord on, or none to leave it off.`,
    );
  }
  if (applicationId !== undefined && !SNOWFLAKE.test(applicationId)) {
    problems.push('DISCORD_APPLICATION_ID is not a Discord id: copy the Application ID (digits only) from the developer portal\'s General Information page.');
  }
  if (publicKey !== undefined && !ED25519_HEX.test(publicKey)) {
    problems.push('DISCORD_PUBLIC_KEY is not a public key: copy the Public Key (64 hexadecimal characters) from the developer portal\'s General Information page.');
  }
  if (botToken !== undefined && /\s/.test(botToken)) {
    problems.push('DISCORD_BOT_TOKEN contains whitespace: copy the token from the developer portal\'s Bot page.');
  }
  if (applicationId === undefined || publicKey === undefined || botToken === undefined) return null;
  return { applicationId, publicKey, botToken, apiBase };
}
