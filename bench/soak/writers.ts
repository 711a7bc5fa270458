// The writes the soak drives while processes are killed under it: an admin's POST /api/v1/figures
// with an Idempotency-Key, and an owner's /report through the Telegram webhook, each a figure with
// its own citation URL (the marker that finds it in the database and in every notification). A
// request nobody answered in full is sent again as its client would: the same key, the same
// update_id (Telegram re-sends an update until it gets a 2xx).
import { call, type Outcome } from '../../tests/production/support/api-client.js';
import { randomInt as between, type Random } from '../query/random.js';

export const SOAK_URL = 'https://example.org/soak/';
export const INDICATOR = 'political-prisoners';
export const SOURCE = 'foro-penal';
export const OWNER = 9000;
export const API_TOKEN = 'soak-admin-token';
export const TELEGRAM_SECRET = 'soak-webhook-secret';

export type Channel = 'api' | 'tg';

/** What happened to one write, as its client saw it. */
export interface WriteRecord {
  readonly channel: Channel;
  readonly n: number;
  /** The marker URL of its figure. */
  readonly url: string;
  /** 2xx with a figure: the client was told it is recorded. */
  accepted: boolean;
  /** The figure id it was told (an API 201, or the Telegram reply's #id); null if not told one. */
  figureId: number | null;
  /** Sends until an answer came. */
  attempts: number;
  /** The final answer's status, when refused (a 4xx: never expected here). */
  refusedStatus: number | null;
}

export const markerUrl = (channel: Channel, n: number): string => `${SOAK_URL}${channel}/${n}`;

function apiWrite(base: string, n: number): Promise<Outcome> {
  return call(`${base}/api/v1/figures`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${API_TOKEN}`, 'Idempotency-Key': `soak-api-${n}` },
    body: JSON.stringify({ indicator: INDICATOR, source: SOURCE, value: { exact: 100_000 + n }, asOf: '2026-01-01', url: markerUrl('api', n) }),
  });
}

function telegramWrite(base: string, n: number): Promise<Outcome> {
  const text = `/report ${INDICATOR} ${SOURCE} ${200_000 + n} 2026-01-01 ${markerUrl('tg', n)}`;
  const from = { id: OWNER, is_bot: false, first_name: 'Dueña', language_code: 'es' };
  const update = {
    update_id: 5_000_000 + n,
    message: { message_id: n + 1, date: Math.floor(Date.now() / 1000), chat: { id: OWNER, type: 'private', first_name: 'Dueña' }, from, text, entities: [{ type: 'bot_command', offset: 0, length: 7 }] },
  };
  return call(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET },
    body: JSON.stringify(update),
  });
}

/** Sends write `n` until it is answered (any 2xx or 4xx); a 5xx or no answer is sent again. */
async function writeUntilAnswered(base: string, channel: Channel, n: number): Promise<WriteRecord> {
  const record: WriteRecord = { channel, n, url: markerUrl(channel, n), accepted: false, figureId: null, attempts: 0, refusedStatus: null };
  for (;;) {
    record.attempts += 1;
    const outcome = channel === 'api' ? await apiWrite(base, n) : await telegramWrite(base, n);
    if (outcome.kind === 'answered' && outcome.status < 500) {
      if (outcome.status >= 300) {
        record.refusedStatus = outcome.status;
        return record;
      }
      const told = channel === 'api' ? { accepted: true, figureId: Number((outcome.body as { id?: unknown }).id) } : telegramAnswer(outcome.body);
      record.accepted = told.accepted;
      record.figureId = told.figureId;
      if (!told.accepted) record.refusedStatus = outcome.status;
      return record;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * What the webhook reply told the owner: "Cifra #12 registrada." (accepted, with its id), or "ya se
 * procesó" for a re-sent copy of an update applied before the server died (accepted, id unknown),
 * or anything else (a refusal: never expected here).
 */
function telegramAnswer(body: unknown): { accepted: boolean; figureId: number | null } {
  const text = typeof body === 'object' && body !== null ? String((body as { text?: unknown }).text ?? '') : '';
  const id = /Cifra #(\d+) registrada/.exec(text)?.[1];
  if (id !== undefined) return { accepted: true, figureId: Number(id) };
  return { accepted: text.includes('ya se procesó'), figureId: null };
}

/** One client per channel writing one figure at a time, a random pause between, until `stop()` resolves. */
export function startWriters(base: string, random: Random): { readonly records: WriteRecord[]; stop(): Promise<void> } {
  const records: WriteRecord[] = [];
  let stopping = false;
  const client = async (channel: Channel): Promise<void> => {
    for (let n = 0; !stopping; n++) {
      records.push(await writeUntilAnswered(base, channel, n));
      await new Promise((resolve) => setTimeout(resolve, between(random, 800, 2800)));
    }
  };
  const clients = [client('api'), client('tg')];
  return {
    records,
    async stop() {
      stopping = true;
      await Promise.all(clients);
    },
  };
}
