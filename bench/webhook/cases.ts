// The seven cases, each a server to start and a stream of requests to send it: cifras' /count
// through the Telegram webhook (a) and the Discord interactions endpoint (c), each beside its
// framework floor (b, d), and a bare Hono route as the ceiling (e); and each floor again
// answering a real /count answer instead of a line (f, g: the same answer's size, without
// cifras' work); and case a again with the database on PostgreSQL (h). A case also says how to tell a right answer from a wrong one, checked on every
// response.
import type { InteractionSigner } from '../../tests/support/discord-signing.js';
import { randomInt, seededRandom } from '../query/random.js';
import { signedPool } from './discord-interaction.js';
import { answersCorrectly, type ExpectedAnswers } from './expected-answers.js';
import type { CaseId } from './options.js';
import { TELEGRAM_SECRET, type ServerSpec } from './server-spec.js';
import { ED25519_FLOOR_TEXT } from './servers/ed25519-floor.js';
import { GRAMMY_FLOOR_TEXT } from './servers/grammy-floor.js';
import { CEILING_PATH } from './servers/hono-ceiling.js';
import type { RealAnswer } from './real-answer.js';
import { createUpdateStream } from './telegram-update.js';

export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** The indicator number asked about, when the answer should name it. */
  readonly asks?: number;
}

export interface BenchCase {
  readonly id: CaseId;
  readonly title: string;
  readonly server: ServerSpec;
  /** The case whose req/s this one is compared with (its framework's floor): the target's. */
  readonly floor?: CaseId;
  /** Its floor sending an answer as long as this case's: compared too, for information. */
  readonly sameAnswerFloor?: CaseId;
  /** Whether the p99 target applies (the cifras cases). */
  readonly target: boolean;
  next(): BenchRequest;
  /** Whether a 2xx body is the right answer. */
  verify(body: string): boolean;
}

export interface CaseContext {
  readonly databasePath: string;
  /** DATABASE_URL of the PostgreSQL copy, when case h runs. */
  readonly postgresUrl: string | null;
  readonly indicators: number;
  readonly seed: number;
  readonly signer: InteractionSigner;
  readonly expected: ExpectedAnswers;
  readonly logLevel: string;
  /** The real /count answer the same-answer floors send. */
  readonly realAnswer: RealAnswer;
}

const TELEGRAM_PATH = '/telegram/webhook';
const DISCORD_PATH = '/discord/interactions';
/** Distinct pre-signed interactions, cycled through: more than a run sends in a second. */
const SIGNED_POOL = 10_000;

export function buildCase(id: CaseId, ctx: CaseContext): BenchCase {
  const random = seededRandom(ctx.seed + id.charCodeAt(0));
  const pick = (): number => randomInt(random, 1, ctx.indicators);
  const cifrasOn = (databaseUrl: string): ServerSpec => ({ kind: 'cifras', databaseUrl, discordPublicKey: ctx.signer.publicKeyHex, logLevel: ctx.logLevel });
  const cifras = cifrasOn(`sqlite:${ctx.databasePath}`);
  const isWebhookReply = (body: string): boolean => body.includes('"method":"sendMessage"');
  const isType4 = (body: string): boolean => body.startsWith('{"type":4,');
  switch (id) {
    case 'a':
      return {
        id,
        title: '/count via POST /telegram/webhook (cifras)',
        server: cifras,
        floor: 'b',
        sameAnswerFloor: 'f',
        target: true,
        next: telegramRequests(pick),
        verify: (body) => isWebhookReply(body) && answersCorrectly(ctx.expected, body),
      };
    case 'h':
      if (ctx.postgresUrl === null) throw new Error('case h needs the PostgreSQL copy of the database');
      return {
        id,
        title: '/count via POST /telegram/webhook (cifras on PostgreSQL)',
        server: cifrasOn(ctx.postgresUrl),
        // Judged against the same on SQLite (case a): what the database costs.
        floor: 'a',
        target: true,
        next: telegramRequests(pick),
        verify: (body) => isWebhookReply(body) && answersCorrectly(ctx.expected, body),
      };
    case 'b':
      return {
        id,
        title: 'minimal grammY bot on Hono, fixed webhook reply',
        server: { kind: 'grammy-floor' },
        target: false,
        next: telegramRequests(pick),
        verify: (body) => isWebhookReply(body) && body.includes(GRAMMY_FLOOR_TEXT),
      };
    case 'c':
      return {
        id,
        title: '/count via signed POST /discord/interactions (cifras)',
        server: cifras,
        floor: 'd',
        sameAnswerFloor: 'g',
        target: true,
        next: discordRequests(ctx.signer, pick),
        verify: (body) => isType4(body) && answersCorrectly(ctx.expected, body),
      };
    case 'd':
      return {
        id,
        title: 'bare Hono route, Ed25519 verify + fixed type-4 response',
        server: { kind: 'ed25519-floor', discordPublicKey: ctx.signer.publicKeyHex },
        target: false,
        next: discordRequests(ctx.signer, pick),
        verify: (body) => isType4(body) && body.includes(ED25519_FLOOR_TEXT),
      };
    case 'f':
      return {
        id,
        title: 'the same grammY bot, fixed webhook reply as long as a /count answer',
        server: { kind: 'grammy-floor', answerHtml: ctx.realAnswer.telegramHtml },
        target: false,
        next: telegramRequests(pick),
        verify: (body) => isWebhookReply(body) && body.includes(`Indicador ${ctx.realAnswer.indicator}`),
      };
    case 'g':
      return {
        id,
        title: 'the same Ed25519 route, fixed response as long as a /count answer',
        server: { kind: 'ed25519-floor', discordPublicKey: ctx.signer.publicKeyHex, answerData: ctx.realAnswer.discordData },
        target: false,
        next: discordRequests(ctx.signer, pick),
        verify: (body) => isType4(body) && body.includes(`Indicador ${ctx.realAnswer.indicator}`),
      };
    case 'e':
      return {
        id,
        title: 'bare Hono route, fixed JSON (ceiling)',
        server: { kind: 'hono-ceiling' },
        target: false,
        next: () => ({ method: 'GET', path: CEILING_PATH, headers: {} }),
        verify: (body) => body === '{"ok":true}',
      };
  }
}

/** Fresh updates (update_id, message_id, reader) about a random indicator, with the secret header. */
function telegramRequests(pick: () => number): () => BenchRequest {
  const updates = createUpdateStream();
  const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET };
  return () => {
    const asks = pick();
    return { method: 'POST', path: TELEGRAM_PATH, headers, body: updates.next(`indicator-${asks}`), asks };
  };
}

/** A pool of interactions about random indicators, signed in advance, sent round-robin. */
function discordRequests(signer: InteractionSigner, pick: () => number): () => BenchRequest {
  const asked = Array.from({ length: SIGNED_POOL }, pick);
  const pool = signedPool(signer, SIGNED_POOL, (n) => `indicator-${asked[n] ?? 1}`);
  let n = 0;
  return () => {
    const i = n++ % SIGNED_POOL;
    const signed = pool[i];
    if (signed === undefined) throw new Error('bench: empty signed pool');
    return { method: 'POST', path: DISCORD_PATH, headers: signed.headers, body: signed.body, ...(asked[i] === undefined ? {} : { asks: asked[i] }) };
  };
}
