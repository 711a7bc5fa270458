// What the benchmark asks a server child process to run, and the messages they exchange over the
// IPC channel: the child says where it listens; the parent brackets the measured window (the
// child reports the CPU time it spent in it, and profiles it on request); at the end the child
// reports what it sent out (a webhook reply must need no Bot API call) and exits.

import { APPLICATION_ID } from '../../tests/support/discord-interactions.js';

export const TELEGRAM_TOKEN = '123456:BENCH-token_abc';
export const TELEGRAM_SECRET = 'bench-webhook-secret';
/** The application the signed interactions are addressed to (tests/support/discord-interactions.ts). */
export const DISCORD_APPLICATION_ID = APPLICATION_ID;

export type ServerSpec =
  | {
      readonly kind: 'cifras';
      /** DATABASE_URL: the SQLite file, or the PostgreSQL copy (case h). */
      readonly databaseUrl: string;
      readonly discordPublicKey: string;
      readonly logLevel: string;
    }
  /** `answerHtml`: answer this HTML text (a real /count answer) instead of the short fixed text. */
  | { readonly kind: 'grammy-floor'; readonly answerHtml?: string }
  /** `answerData`: answer this message (a real /count embed) instead of the short fixed content. */
  | { readonly kind: 'ed25519-floor'; readonly discordPublicKey: string; readonly answerData?: object }
  | { readonly kind: 'hono-ceiling' };

/** Calls the server made to the (fake) platform APIs while it ran. */
export interface OutgoingCalls {
  readonly telegram: readonly string[];
  readonly discord: number;
}

/** The server process's own account of the measured window. */
export interface Measured {
  /** CPU time (user + system) the server process used, in microseconds. */
  readonly cpuMicros: number;
  readonly wallMs: number;
  /** Where the window's V8 CPU profile was written, when one was asked for. */
  readonly profilePath: string | null;
}

export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'measured'; readonly measured: Measured }
  | { readonly type: 'stopped'; readonly outgoing: OutgoingCalls };

export type ParentMessage =
  | { readonly type: 'measure-start'; readonly profilePath: string | null }
  | { readonly type: 'measure-end' }
  | { readonly type: 'stop' };

/** What a server module returns once it listens. */
export interface RunningServer {
  readonly port: number;
  /** Stops listening and closes what it opened; resolves with the calls it made outward. */
  stop(): Promise<OutgoingCalls>;
}
