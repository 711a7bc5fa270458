// Chat writes survive a crash: 1,500 owner /report updates posted to the Telegram webhook 12 at a
// time, the server SIGKILLed mid-way, restarted, and every update_id sent again as Telegram
// re-sends what it saw no answer to. Afterwards each update's figure exists exactly once: none
// lost (a claim of the update_id committed without its write would answer the re-sent copy
// "already handled"), none doubled. On SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { POSTGRES_URL, dialects } from '../support/databases.js';
import { processDatabase } from '../support/process-database.js';
import { call, type Outcome } from './support/api-client.js';
import { killAllServers, spawnServer, waitReady, type ServerProcess } from './support/server-process.js';

const UPDATES = 1_500;
const AT_ONCE = 12;
/** Answers before the kill: well into the run, with a dozen writes in flight. */
const KILL_AFTER = 400;
const OWNER = 900;
const SECRET = 'sigkill-chat-secret';
const URL_PREFIX = 'https://example.org/sigkill/';

/** The owner's /report as Telegram sends it, in the owner's private chat. */
function reportUpdate(n: number) {
  const text = `/report political-prisoners foro-penal ${300_000 + n} 2025-12-29 ${URL_PREFIX}${n}`;
  const from = { id: OWNER, is_bot: false, first_name: 'Dueña', language_code: 'es' };
  return {
    update_id: 7_000_000 + n,
    message: { message_id: n + 1, date: 1_767_000_000, chat: { id: OWNER, type: 'private', first_name: 'Dueña' }, from, text, entities: [{ type: 'bot_command', offset: 0, length: 7 }] },
  };
}

function post(server: ServerProcess, n: number): Promise<Outcome> {
  return call(`${server.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
    body: JSON.stringify(reportUpdate(n)),
  });
}

/** Posts updates `0..count-1`, AT_ONCE at a time; `onAnswered` after each answer. Stops at the first update nobody answers. */
async function postAll(server: ServerProcess, count: number, onAnswered: (answered: number) => void = () => {}): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  let next = 0;
  let answered = 0;
  let gone = false;
  const client = async (): Promise<void> => {
    while (!gone && next < count) {
      const n = next++;
      const outcome = await post(server, n);
      outcomes.set(n, outcome);
      if (outcome.kind !== 'answered') {
        gone = true;
        return;
      }
      onAnswered(++answered);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, client));
  return outcomes;
}

interface Setup {
  readonly env: Record<string, string>;
  /** The figures recorded per update, by their citation URL. */
  figureCounts(): Promise<Map<number, number>>;
  close(): Promise<void>;
}

async function countsFrom(url: string): Promise<Map<number, number>> {
  const handle = await openDatabase(url);
  try {
    const rows = await handle.db.selectFrom('figures').select('url').where('url', 'like', `${URL_PREFIX}%`).execute();
    const counts = new Map<number, number>();
    for (const { url: cited } of rows) {
      const n = Number(cited.slice(URL_PREFIX.length));
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    return counts;
  } finally {
    await handle.close();
  }
}

/** A database of the dialect's own for the server processes, and how to count what it holds. */
async function setupFor(kind: 'sqlite' | 'postgres'): Promise<Setup> {
  const db = await processDatabase(kind, POSTGRES_URL, 'cifras-sigkill');
  return { env: { DATABASE_URL: db.url }, figureCounts: () => countsFrom(db.url), close: () => db.close() };
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`chat writes through a SIGKILL on ${dialect.name}`, () => {
    let api: FakeTelegramApi;
    let setup: Setup;
    beforeEach(async () => {
      api = await startFakeTelegramApi();
      setup = await setupFor(dialect.name);
    });
    afterEach(async () => {
      await killAllServers();
      await api.close();
      await setup.close();
    });

    it('applies every re-sent update exactly once: 0 lost, 0 doubled', async () => {
      const env = {
        ...setup.env,
        LOG_LEVEL: 'warn',
        PUBLIC_URL: 'https://cifras.example.org',
        TELEGRAM_BOT_TOKEN: '123456:SIGKILL-test',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: api.url,
        CIFRAS_OWNERS: `telegram:${OWNER}`,
      };
      const first = await spawnServer(env);
      await waitReady(first);
      let killed = false;
      const before = await postAll(first, UPDATES, (answered) => {
        if (answered >= KILL_AFTER && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      });
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const answeredBefore = [...before.values()].filter((o) => o.kind === 'answered');
      expect(answeredBefore.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(answeredBefore.length).toBeLessThan(UPDATES);

      // Telegram re-sends every update it saw no answer to; send them all, as the worst case.
      const second = await spawnServer(env);
      await waitReady(second);
      const again = await postAll(second, UPDATES);
      const unanswered = [...again].filter(([, o]) => o.kind !== 'answered' || o.status !== 200).map(([n]) => n);
      expect(unanswered).toEqual([]);
      await second.kill('SIGTERM');

      const counts = await setup.figureCounts();
      const lost = Array.from({ length: UPDATES }, (_, n) => n).filter((n) => !counts.has(n));
      const doubled = [...counts].filter(([, times]) => times > 1).map(([n]) => n);
      expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
      // The re-sent copies of what was applied before the kill were told so, and wrote nothing.
      const told = [...again.values()].filter((o) => o.kind === 'answered' && JSON.stringify(o.body).includes('ya se procesó')).length;
      expect(told).toBeGreaterThanOrEqual(answeredBefore.length);
    }, 300_000);
  });
}
