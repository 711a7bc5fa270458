// loadConfig: defaults, parsing, and one clear message per problem — all problems at once.
import { describe, expect, it } from 'vitest';
import { ConfigError, formatConfigError, loadConfig, type Env } from '../src/config.js';

const PUBLIC_KEY = 'a'.repeat(64);

function problemsOf(env: Env): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('runs the embedded setup with an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/cifras.db',
      seed: true,
      defaultLocale: 'es',
      owners: [],
      adminApiToken: null,
      metricsToken: null,
      publicUrl: null,
      telegram: null,
      discord: null,
      discordInviteUrl: null,
      logLevel: 'info',
      deliveryRates: { telegramPerSecond: 30, telegramPerChatPerSecond: 1, telegramPerGroupPerMinute: 20, discordPerSecond: 50 },
      commandLimits: { perUserPerMinute: 20, perChatPerMinute: 15 },
      deliveryLeaseMs: 15_000,
      timezone: 'America/Caracas',
      digestHour: 8,
    });
  });

  it('reads CIFRAS_TIMEZONE and DIGEST_HOUR, and names a wrong zone or hour', () => {
    expect(loadConfig({ CIFRAS_TIMEZONE: 'Europe/Madrid', DIGEST_HOUR: '0' })).toMatchObject({ timezone: 'Europe/Madrid', digestHour: 0 });
    expect(() => loadConfig({ CIFRAS_TIMEZONE: 'Mars/Olympus', DIGEST_HOUR: '24' })).toThrow(/CIFRAS_TIMEZONE is "Mars\/Olympus"[\s\S]*DIGEST_HOUR is "24"/);
  });

  it('reads DELIVERY_LEASE_SECONDS (default 15), and names one too short to send in', () => {
    expect(loadConfig({ DELIVERY_LEASE_SECONDS: '30' }).deliveryLeaseMs).toBe(30_000);
    expect(() => loadConfig({ DELIVERY_LEASE_SECONDS: '2' })).toThrow(/DELIVERY_LEASE_SECONDS is "2": set it to a whole number of seconds from 5 to 600 \(default 15\)/);
    expect(() => loadConfig({ DELIVERY_LEASE_SECONDS: '1.5' })).toThrow(/DELIVERY_LEASE_SECONDS is "1.5"/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ', TELEGRAM_BOT_TOKEN: '' })).toMatchObject({
      port: 8080,
      databaseUrl: 'sqlite:./data/cifras.db',
      telegram: null,
    });
  });

  it('reads every variable when all are valid', () => {
    const config = loadConfig({
      PORT: '3000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://cifras:pw@db:5432/cifras',
      CIFRAS_SEED: 'false',
      DEFAULT_LOCALE: 'en',
      CIFRAS_OWNERS: 'telegram:123456, discord:80351110224678912',
      ADMIN_API_TOKEN: 'tok_123',
      METRICS_TOKEN: 'metrics-tok',
      PUBLIC_URL: 'https://cifras.example.org/',
      TELEGRAM_BOT_TOKEN: '123456:AAE-x_y',
      TELEGRAM_WEBHOOK_SECRET: 'sec_ret-1',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/',
      DISCORD_APPLICATION_ID: '1234567890123456789',
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_BOT_TOKEN: 'bot.token.x',
      DISCORD_API_BASE: 'http://127.0.0.1:9001/api',
      DISCORD_INVITE_URL: 'https://discord.com/oauth2/authorize?client_id=1234567890123456789',
      LOG_LEVEL: 'debug',
      TELEGRAM_RATE_PER_SECOND: '1000',
      TELEGRAM_RATE_PER_CHAT_PER_SECOND: '0.5',
      TELEGRAM_RATE_PER_GROUP_PER_MINUTE: '10',
      DISCORD_RATE_PER_SECOND: '40',
      COMMANDS_PER_USER_PER_MINUTE: '6',
      COMMANDS_PER_CHAT_PER_MINUTE: '1000',
      CIFRAS_TIMEZONE: 'Europe/Madrid',
    });
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://cifras:pw@db:5432/cifras',
      seed: false,
      defaultLocale: 'en',
      owners: [
        { platform: 'telegram', userId: '123456' },
        { platform: 'discord', userId: '80351110224678912' },
      ],
      adminApiToken: 'tok_123',
      metricsToken: 'metrics-tok',
      publicUrl: 'https://cifras.example.org',
      telegram: { token: '123456:AAE-x_y', webhookSecret: 'sec_ret-1', apiRoot: 'http://127.0.0.1:9000' },
      discord: {
        applicationId: '1234567890123456789',
        publicKey: PUBLIC_KEY,
        botToken: 'bot.token.x',
        apiBase: 'http://127.0.0.1:9001/api',
      },
      discordInviteUrl: 'https://discord.com/oauth2/authorize?client_id=1234567890123456789',
      logLevel: 'debug',
      deliveryRates: { telegramPerSecond: 1000, telegramPerChatPerSecond: 0.5, telegramPerGroupPerMinute: 10, discordPerSecond: 40 },
      commandLimits: { perUserPerMinute: 6, perChatPerMinute: 1000 },
      deliveryLeaseMs: 15_000,
      timezone: 'Europe/Madrid',
      digestHour: 8,
    });
  });

  it('turns a flood-control limit off with 0, each on its own', () => {
    expect(loadConfig({ COMMANDS_PER_USER_PER_MINUTE: '0' }).commandLimits).toEqual({ perUserPerMinute: 0, perChatPerMinute: 15 });
    expect(loadConfig({ COMMANDS_PER_CHAT_PER_MINUTE: '0' }).commandLimits).toEqual({ perUserPerMinute: 20, perChatPerMinute: 0 });
  });

  it('takes CIFRAS_TIMEZONE as an IANA zone, its case corrected but its name kept (ICU would rename Asia/Kolkata)', () => {
    expect(loadConfig({ CIFRAS_TIMEZONE: 'america/bogota' }).timezone).toBe('America/Bogota');
    expect(loadConfig({ CIFRAS_TIMEZONE: 'Asia/Kolkata' }).timezone).toBe('Asia/Kolkata');
    expect(loadConfig({ CIFRAS_TIMEZONE: 'UTC' }).timezone).toBe('UTC');
  });

  it('keeps Discord owner ids beyond 2^53 exact and drops duplicate owners', () => {
    const { owners } = loadConfig({ CIFRAS_OWNERS: 'discord:18446744073709551615,discord:18446744073709551615,' });
    expect(owners).toEqual([{ platform: 'discord', userId: '18446744073709551615' }]);
  });

  it('accepts sqlite::memory: and a Telegram token without PUBLIC_URL (long polling, no secret needed)', () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', TELEGRAM_BOT_TOKEN: '1:a' });
    expect(config.databaseUrl).toBe('sqlite::memory:');
    expect(config.telegram).toEqual({ token: '1:a', webhookSecret: null, apiRoot: 'https://api.telegram.org' });
  });
});

describe('loadConfig problems', () => {
  const cases: [string, Env, RegExp][] = [
    ['webhook secret missing', { TELEGRAM_BOT_TOKEN: '1:a', PUBLIC_URL: 'https://x.org' },
      /^TELEGRAM_BOT_TOKEN is set and PUBLIC_URL is set but TELEGRAM_WEBHOOK_SECRET is not: set TELEGRAM_WEBHOOK_SECRET to a random string of 1-256 characters A-Z a-z 0-9 _ -/],
    ['webhook secret with bad characters', { TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_SECRET: 'a b!' }, /TELEGRAM_WEBHOOK_SECRET has characters/],
    ['webhook secret without a token', { TELEGRAM_WEBHOOK_SECRET: 'abc' }, /TELEGRAM_WEBHOOK_SECRET is set but TELEGRAM_BOT_TOKEN is not/],
    ['malformed Telegram token', { TELEGRAM_BOT_TOKEN: 'not-a-token' }, /TELEGRAM_BOT_TOKEN does not look like a bot token/],
    ['owner id not digits', { CIFRAS_OWNERS: 'telegram:abc' }, /CIFRAS_OWNERS has the malformed entry "telegram:abc".*digits only/],
    ['owner platform unknown', { CIFRAS_OWNERS: 'slack:1' }, /malformed entry "slack:1".*telegram or discord/],
    ['owner id with a leading zero', { CIFRAS_OWNERS: 'telegram:0123' }, /"telegram:0123".*no leading zero.*telegram:123\b.*never match/],
    ['owner id in exponent form', { CIFRAS_OWNERS: 'discord:1e3' }, /malformed entry "discord:1e3".*digits only/],
    ['owner id zero', { CIFRAS_OWNERS: 'discord:0' }, /"discord:0".*no leading zero/],
    ['Telegram owner id beyond 2^53', { CIFRAS_OWNERS: 'telegram:9007199254740992' }, /"telegram:9007199254740992".*at most 9007199254740991/],
    ['Discord owner id beyond 2^64', { CIFRAS_OWNERS: 'discord:18446744073709551616' }, /"discord:18446744073709551616".*at most 18446744073709551615/],
    ['port not a number', { PORT: 'eighty' }, /PORT is "eighty", which is not a port number/],
    ['port out of range', { PORT: '70000' }, /PORT is "70000"/],
    ['locale', { DEFAULT_LOCALE: 'fr' }, /DEFAULT_LOCALE is "fr".*set it to es or en/],
    ['public url not https', { PUBLIC_URL: 'http://x.org' }, /PUBLIC_URL is "http:\/\/x.org", which is not an https URL/],
    ['public url not a url', { PUBLIC_URL: 'cifras.org' }, /PUBLIC_URL is "cifras.org"/],
    ['discord invite not https', { DISCORD_INVITE_URL: 'http://discord.com/oauth2/authorize' }, /^DISCORD_INVITE_URL is "http:\/\/discord.com\/oauth2\/authorize", which is not an https URL/],
    ['partial Discord', { DISCORD_APPLICATION_ID: '123' },
      /Discord is partly configured: DISCORD_APPLICATION_ID is set but DISCORD_PUBLIC_KEY and DISCORD_BOT_TOKEN are not/],
    ['Discord public key', { DISCORD_APPLICATION_ID: '1', DISCORD_PUBLIC_KEY: 'xyz', DISCORD_BOT_TOKEN: 't' }, /DISCORD_PUBLIC_KEY is not a public key/],
    ['Discord application id', { DISCORD_APPLICATION_ID: 'app', DISCORD_PUBLIC_KEY: PUBLIC_KEY, DISCORD_BOT_TOKEN: 't' }, /DISCORD_APPLICATION_ID is not a Discord id/],
    ['database scheme', { DATABASE_URL: 'mysql://u:secret@h/db' }, /DATABASE_URL has the scheme "mysql:", which is not supported: use sqlite:<path>/],
    ['database without scheme', { DATABASE_URL: './data/cifras.db' }, /DATABASE_URL has no scheme/],
    ['log level', { LOG_LEVEL: 'verbose' }, /LOG_LEVEL is "verbose", which is not a log level: set it to one of fatal, error, warn, info/],
    ['seed flag', { CIFRAS_SEED: 'maybe' }, /CIFRAS_SEED is "maybe": set it to true or false/],
    ['api root', { TELEGRAM_API_ROOT: 'ftp://x' }, /TELEGRAM_API_ROOT is "ftp:\/\/x", which is not an http\(s\) URL/],
    ['api base', { DISCORD_API_BASE: 'nope' }, /DISCORD_API_BASE is "nope"/],
    ['admin token whitespace', { ADMIN_API_TOKEN: 'a b' }, /ADMIN_API_TOKEN contains whitespace/],
    ['metrics token whitespace', { METRICS_TOKEN: 'a b' }, /METRICS_TOKEN must be printable ASCII without spaces/],
    ['zero rate', { TELEGRAM_RATE_PER_SECOND: '0' }, /TELEGRAM_RATE_PER_SECOND is "0", which is not a send rate: set it to a number above 0 \(e.g. 30/],
    ['rate not a number', { DISCORD_RATE_PER_SECOND: 'fast' }, /DISCORD_RATE_PER_SECOND is "fast", which is not a send rate/],
    ['negative rate', { TELEGRAM_RATE_PER_CHAT_PER_SECOND: '-1' }, /TELEGRAM_RATE_PER_CHAT_PER_SECOND is "-1"/],
    ['time zone unknown', { CIFRAS_TIMEZONE: 'Caracas' }, /^CIFRAS_TIMEZONE is "Caracas", which is not a time zone this system knows: set it to an IANA zone name such as America\/Caracas \(the default\)/],
    ['time zone as an offset', { CIFRAS_TIMEZONE: '-04:00' }, /CIFRAS_TIMEZONE is "-04:00"/],
    ['absurd rate', { TELEGRAM_RATE_PER_GROUP_PER_MINUTE: '1e9' }, /TELEGRAM_RATE_PER_GROUP_PER_MINUTE is "1e9"/],
    ['command limit not a number', { COMMANDS_PER_USER_PER_MINUTE: 'many' },
      /^COMMANDS_PER_USER_PER_MINUTE is "many", which is not a number of commands: set it to how many commands one user may have answered in a minute, a whole number from 1 to 1000 \(default 20\), or 0 to turn this limit off\.$/],
    ['negative command limit', { COMMANDS_PER_CHAT_PER_MINUTE: '-1' }, /^COMMANDS_PER_CHAT_PER_MINUTE is "-1", which is not a number of commands: set it to how many commands one group, channel or server channel .*\(default 15\)/],
    ['fractional command limit', { COMMANDS_PER_CHAT_PER_MINUTE: '2.5' }, /^COMMANDS_PER_CHAT_PER_MINUTE is "2.5"/],
    ['command limit too high to limit anything', { COMMANDS_PER_USER_PER_MINUTE: '1001' }, /^COMMANDS_PER_USER_PER_MINUTE is "1001".*from 1 to 1000/],
  ];

  it.each(cases)('%s', (_name, env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('collects every problem at once', () => {
    const problems = problemsOf({ PORT: 'x', DEFAULT_LOCALE: 'fr', LOG_LEVEL: 'loud', CIFRAS_OWNERS: 'telegram:1,discord:x,foo' });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT[\s\S]*DEFAULT_LOCALE[\s\S]*discord:x[\s\S]*"foo"[\s\S]*LOG_LEVEL/);
  });

  it('never echoes a database password', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://u:hunter2@h/db' }).join()).not.toContain('hunter2');
  });

  it('formats the problems as one block', () => {
    const error = new ConfigError(['PORT is wrong.', 'LOG_LEVEL is wrong.']);
    const text = formatConfigError(error);
    expect(text.split('\n')).toEqual([
      'cifras cannot start: 2 configuration problems in the environment:',
      '  - PORT is wrong.',
      '  - LOG_LEVEL is wrong.',
      expect.stringContaining('DESIGN.md'),
    ]);
  });
});
