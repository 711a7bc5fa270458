// The faults the fake platforms inject, at random from one seed: 429 with retry_after, 5xx, slow
// answers, answers later than the senders' 10 s timeout (accepted, then the client gave up:
// Telegram's timeout-after-accept), connections cut before any answer, and 403 from a moment on for
// the chats that lose the bot (kicked, missing access). Only sends and edits get faults: the
// server's getMe and the like are answered, so a restart is not held up by the fakes.
import type { DiscordFault } from '../../tests/fakes/fake-discord-api.js';
import type { TelegramFault } from '../../tests/fakes/fake-telegram-api.js';
import { randomInt as between, type Random } from '../query/random.js';

/** Per send or edit. */
export const FAULT_RATES = { tooMany: 0.05, serverError: 0.05, slow: 0.05, timeout: 0.02, disconnect: 0.02 } as const;
/** Past the senders' timeout (TELEGRAM_SEND_TIMEOUT_MS, DISCORD_SEND_TIMEOUT_MS: 10 s). */
const TIMEOUT_MS = { min: 10_500, max: 12_000 };

export type FaultKind = keyof typeof FAULT_RATES | 'forbidden';

export interface Chaos {
  readonly telegram: (method: string, chatId: string | undefined) => TelegramFault | undefined;
  readonly discord: (route: string, channelId: string | undefined) => DiscordFault | undefined;
  /** Faults injected so far, per platform and kind. */
  readonly injected: { readonly telegram: Record<FaultKind, number>; readonly discord: Record<FaultKind, number> };
  /** From this moment on (epoch ms) the chat answers 403; set by the soak once writes start. */
  breakAt(chatId: string, atMs: number): void;
}

const TELEGRAM_SENDING = new Set(['sendMessage', 'editMessageText']);

export function createChaos(random: Random): Chaos {
  const brokenFrom = new Map<string, number>();
  const zero = (): Record<FaultKind, number> => ({ tooMany: 0, serverError: 0, slow: 0, timeout: 0, disconnect: 0, forbidden: 0 });
  const injected = { telegram: zero(), discord: zero() };

  /** One draw: which fault, if any, this call gets. */
  function pick(counts: Record<FaultKind, number>, chatId: string | undefined): FaultKind | undefined {
    if (chatId !== undefined && Date.now() >= (brokenFrom.get(chatId) ?? Infinity)) return count(counts, 'forbidden');
    let roll = random();
    for (const kind of Object.keys(FAULT_RATES) as (keyof typeof FAULT_RATES)[]) {
      if (roll < FAULT_RATES[kind]) return count(counts, kind);
      roll -= FAULT_RATES[kind];
    }
    return undefined;
  }

  return {
    injected,
    breakAt: (chatId, atMs) => void brokenFrom.set(chatId, atMs),
    telegram(method, chatId) {
      if (!TELEGRAM_SENDING.has(method)) return undefined;
      switch (pick(injected.telegram, chatId)) {
        case 'forbidden':
          return { type: 'kicked' };
        case 'tooMany':
          return { type: 'too_many', retryAfter: between(random, 1, 3) };
        case 'serverError':
          return { type: 'server_error', status: [500, 502, 503][between(random, 0, 2)]! };
        case 'slow':
          return { type: 'slow', ms: between(random, 300, 2500) };
        case 'timeout':
          return { type: 'slow', ms: between(random, TIMEOUT_MS.min, TIMEOUT_MS.max) };
        case 'disconnect':
          return { type: 'disconnect' };
        case undefined:
          return undefined;
      }
    },
    discord(route, channelId) {
      if (route !== 'POST /channels/:id/messages' && route !== 'PATCH /channels/:id/messages/:message') return undefined;
      switch (pick(injected.discord, channelId)) {
        case 'forbidden':
          return { type: 'missing_access' };
        case 'tooMany':
          return { type: 'too_many', retryAfter: between(random, 1, 3) };
        case 'serverError':
          return { type: 'server_error', status: [500, 502, 503][between(random, 0, 2)]! };
        case 'slow':
          return { type: 'slow', ms: between(random, 300, 2500) };
        case 'timeout':
          return { type: 'slow', ms: between(random, TIMEOUT_MS.min, TIMEOUT_MS.max) };
        // The Discord fake cannot cut a connection; a 5xx stands in for it.
        case 'disconnect':
          return { type: 'server_error', status: 502 };
        case undefined:
          return undefined;
      }
    },
  };
}

function count(counts: Record<FaultKind, number>, kind: FaultKind): FaultKind {
  counts[kind] += 1;
  return kind;
}
