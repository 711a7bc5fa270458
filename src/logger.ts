// The process logger (pino): JSON lines for machines, pretty lines in a terminal. Secrets — tokens,
// the webhook secret, authorization headers, database passwords — are redacted by path, so a
// careless `logger.info({ config })` or a logged request still leaks nothing.
//
// JSON lines reach stdout in batches: one write of up to 4 KiB of lines under load instead of one
// write per line (every request logs its access line, and on these virtual machines a write
// costs as much as a fifth of the bot's own answer), and at most LOG_FLUSH_MS after they were
// logged when traffic is low. Whatever is still held is written when the process exits, however
// it exits short of SIGKILL.
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactUrl } from '../db/connect.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** A pino level: fatal, error, warn, info, debug, trace or silent. */
  readonly level: string;
  /** `auto` (the default): pretty only when stdout is a terminal and NODE_ENV is not production. */
  readonly pretty?: boolean | 'auto';
  /** Where the lines go (tests pass a stream); default stdout. */
  readonly destination?: DestinationStream;
}

const SECRET_KEYS = ['token', 'botToken', 'webhookSecret', 'adminApiToken', 'password', 'secret', 'authorization'];
const SECRET_HEADERS = ['authorization', 'cookie', 'x-telegram-bot-api-secret-token'];

/** Paths redacted at the top level and up to three levels down (e.g. `config.telegram.token`). */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`, `*.*.headers["${h}"]`]),
  'databaseUrl',
  '*.databaseUrl',
];

/** Keeps a database URL readable (scheme, host, database) with its password hidden. */
function censor(value: unknown, path: string[]): unknown {
  if (path.at(-1) === 'databaseUrl' && typeof value === 'string') return redactUrl(value);
  return '[redacted]';
}

export function createLogger(options: LoggerOptions): Logger {
  const settings = { level: options.level, redact: { paths: [...REDACT_PATHS], censor } };
  if (options.destination !== undefined) return pino(settings, options.destination);
  const pretty = options.pretty ?? 'auto';
  const wantPretty = pretty === 'auto' ? process.stdout.isTTY === true && process.env.NODE_ENV !== 'production' : pretty;
  const prettyStream = wantPretty ? loadPrettyStream() : undefined;
  return pino(settings, prettyStream ?? batchedStdout());
}

/** The longest a logged line waits in memory before it is written. */
export const LOG_FLUSH_MS = 100;
const BATCH_BYTES = 4096;

let stdout: ReturnType<typeof pino.destination> | undefined;

/** One batching stdout stream for the whole process, shared by every logger made here. */
function batchedStdout(): DestinationStream {
  if (stdout === undefined) {
    const stream = pino.destination({ dest: 1, sync: true, minLength: BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
    // pino flushes its own asynchronous streams at exit, not a synchronous one holding lines back.
    process.once('exit', () => stream.flushSync());
    stdout = stream;
  }
  return stdout;
}

/**
 * pino-pretty is a devDependency: absent from a production install. Loaded synchronously (it is
 * CommonJS) so createLogger stays synchronous; when it cannot be found, JSON it is.
 */
function loadPrettyStream(): DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pinoPretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}
