// A burst of concurrent API calls against a running server: several clients, each sending one
// request after another (reads and figure writes with Idempotency-Keys), and a hook that fires
// once a number of answers has come back — the moment a test signals the server. A client stops
// at its first request that gets no answer (the server is gone) or after `perClient` requests.
import { getIndicator, postFigure, type Outcome } from './api-client.js';

export interface Sent {
  readonly kind: 'read' | 'write';
  /** For writes: the exact value posted, unique in the burst. */
  readonly value: number;
  readonly outcome: Outcome;
}

export interface BurstOptions {
  readonly base: string;
  readonly token: string;
  readonly clients: number;
  readonly perClient: number;
  /** Every `writeEvery`-th request of a client is a write; 1 means writes only. */
  readonly writeEvery: number;
  /** Called once, when this many requests have been answered. */
  readonly after: number;
  readonly then: () => void;
  /** Values are `firstValue + n`; pick a range the database has not seen. */
  readonly firstValue: number;
}

export async function runBurst(options: BurstOptions): Promise<Sent[]> {
  const sent: Sent[] = [];
  let answered = 0;
  let fired = false;
  let next = options.firstValue;
  const client = async (): Promise<void> => {
    for (let i = 0; i < options.perClient; i++) {
      const write = i % options.writeEvery === options.writeEvery - 1;
      const value = next++;
      const outcome = write
        ? await postFigure(options.base, options.token, value, `burst-${value}`)
        : await getIndicator(options.base);
      sent.push({ kind: write ? 'write' : 'read', value, outcome });
      if (outcome.kind === 'no-answer') return;
      if (++answered >= options.after && !fired) {
        fired = true;
        options.then();
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return sent;
}

/** The writes answered 201, by the figure id the server gave. */
export function createdFigures(sent: readonly Sent[]): { id: number; value: number }[] {
  return sent.flatMap((s) => {
    if (s.kind !== 'write' || s.outcome.kind !== 'answered' || s.outcome.status !== 201) return [];
    const id = (s.outcome.body as { id?: unknown }).id;
    if (typeof id !== 'number') throw new Error(`201 without a figure id: ${JSON.stringify(s.outcome.body)}`);
    return [{ id, value: s.value }];
  });
}
