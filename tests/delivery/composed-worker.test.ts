// The worker as the composition root (src/main.ts) wires it for `cifras serve` and `cifras worker` — the production senders, the real
// notification and renderers — on the demo data, on SQLite and PostgreSQL, against the fake
// platforms: each subscribed chat gets exactly one message per event, with the facts in its own
// language; a chat the bot was kicked from is paused and the owners are told in a direct message,
// a notice queued in the outbox with the pause (retried, its 429 waited out).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Config } from '../../src/config.js';
import type { Service } from '../../src/core/service.js';
import { startWorker, workerOptions } from '../../src/main.js';
import { correctFigure, reportFigure } from '../../src/domain/figures.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { getSubscription, subscribe } from '../../src/domain/subscriptions.js';
import { parseValue } from '../../src/domain/value.js';
import { reply, text } from '../../src/core/reply.js';
import { createMetrics } from '../../src/metrics.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startServer } from '../fakes/fake-server-kit.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects, openPostgresTestDatabase, openSqliteTestDatabase, POSTGRES_URL, uniqueSchema } from '../support/databases.js';
import { waitForQuiet } from './support/harness.js';

const NOW = new Date('2026-01-05T12:00:00Z');
const write = { actor: 'api', now: NOW };
const fast = { pollMs: 30, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 }, timeoutMs: 2000 };

type Config3 = Pick<Config, 'telegram' | 'discord' | 'owners'> & Partial<Pick<Config, 'defaultLocale'>>;

function configFor(telegramUrl: string | null, discordUrl: string | null, owners: Config['owners'] = []): Config3 {
  return {
    telegram: telegramUrl === null ? null : { token: '1:tok', webhookSecret: null, apiRoot: telegramUrl },
    discord: discordUrl === null ? null : { applicationId: '1', publicKey: '0'.repeat(64), botToken: 'bot', apiBase: discordUrl },
    owners,
  };
}

/** A logger that keeps what it is told, to check what was logged. */
function captureLogger() {
  const lines: { level: string; fields: unknown; message: unknown }[] = [];
  const at = (level: string) => (fields: unknown, message?: unknown) => void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Waits until `check` holds (the owners are told just after the delivery is recorded). */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

const description = (body: Record<string, unknown>) => (body.embeds as { description?: string }[]).map((e) => e.description ?? '').join('\n');

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`composed delivery worker on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let telegram: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let service: Service | undefined;
    const start = (config: Config3, logger = captureLogger(), metrics = createMetrics()) =>
      (service = startWorker({ handle, config, logger, metrics, now: () => NOW }, fast));

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
      telegram = await startFakeTelegramApi({ limits: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
      discord = await startFakeDiscordApi({ perSecond: 50 });
    });
    afterEach(async () => {
      await service?.stop();
      service = undefined;
      await Promise.all([telegram.close(), discord.close(), handle.close()]);
    });

    it('a new figure and its correction reach a Telegram group (es) and a Discord thread (en) exactly once each', async () => {
      await subscribe(handle.db, { platform: 'telegram', chatId: '-100123', scope: 'political-prisoners', locale: 'es' }, write);
      await subscribe(handle.db, { platform: 'discord', chatId: '111', threadId: '222', scope: '*', locale: 'en' }, write);
      const metrics = createMetrics();
      start(configFor(telegram.url, discord.url), captureLogger(), metrics);
      const figure = await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-04', url: 'https://example.org/910' }, write);
      await waitForQuiet(handle);

      expect(telegram.messages).toHaveLength(1);
      const [toGroup] = telegram.messages;
      expect(toGroup?.chatId).toBe('-100123');
      expect(toGroup?.params).toMatchObject({ parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
      expect(toGroup?.text).toContain('<b>Nueva cifra · Presos políticos</b>');
      expect(toGroup?.text).toContain(`<b>Foro Penal</b>: <b>910</b> — al 4 ene 2026 · <a href="https://example.org/910">example.org</a> · #${figure.id}`);
      expect(toGroup?.text).toContain('Cifra anterior de Foro Penal: <b>902</b> — al 20 dic 2025');

      expect(discord.messages).toHaveLength(1);
      const [toThread] = discord.messages;
      expect(toThread?.channelId).toBe('222');
      expect(toThread?.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: expect.stringMatching(/^cifras-\d+$/) });
      expect(description(toThread!.body)).toContain('**New figure · Political prisoners**');
      expect(description(toThread!.body)).toContain(`**Foro Penal**: **910** — as of 4 Jan 2026 · [example.org](https://example.org/910) · #${figure.id}`);
      expect(description(toThread!.body)).toContain("Foro Penal's previous figure: **902** — as of 20 Dec 2025");

      await correctFigure(handle.db, figure.id, parseValue('915'), 'recount <b>', write);
      await waitForQuiet(handle);
      expect(telegram.messages.map((m) => m.text.split('\n')[0])).toEqual(['<b>Nueva cifra · Presos políticos</b>', '<b>Cifra corregida · Presos políticos</b>']);
      expect(telegram.messages[1]?.text).toContain('<b>910 → 915</b>');
      expect(telegram.messages[1]?.text).toContain('Motivo: recount &lt;b&gt;');
      expect(discord.messages).toHaveLength(2);
      expect(description(discord.messages[1]!.body)).toContain('**910 → 915**');
      expect(description(discord.messages[1]!.body)).toContain('Reason: recount \\<b>');
      // The notice answers the original, which now shows the old value struck through.
      expect(telegram.messages[1]?.replyTo).toBe(telegram.messages[0]?.messageId);
      expect(telegram.edits.map((e) => [e.chatId, e.messageId])).toEqual([['-100123', telegram.messages[0]?.messageId]]);
      expect(telegram.messages[0]?.text).toContain('<b>Foro Penal</b>: <s>910</s> <b>915</b> — al 4 ene 2026');
      expect(telegram.messages[0]?.text).toContain('Corregida el 5 ene 2026: recount &lt;b&gt;');
      expect(discord.messages[1]?.replyTo).toBe(discord.messages[0]?.id);
      expect(discord.edits.map((e) => [e.channelId, e.messageId])).toEqual([['222', discord.messages[0]?.id]]);
      expect(description(discord.messages[0]!.body)).toContain('**Foro Penal**: ~~910~~ **915** — as of 4 Jan 2026');
      expect(description(discord.messages[0]!.body)).toContain('Corrected on 5 Jan 2026: recount \\<b>');

      // Counted just after each outcome is written: the last count may trail the quiet queue.
      let counted = '';
      for (let tries = 0; tries < 100; tries++) {
        counted = await metrics.registry.getSingleMetricAsString('deliveries_total');
        if (counted.includes('platform="telegram",outcome="edited"} 1') && counted.includes('platform="discord",outcome="edited"} 1')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(counted).toContain('deliveries_total{platform="telegram",outcome="sent"} 2');
      expect(counted).toContain('deliveries_total{platform="discord",outcome="sent"} 2');
      expect(counted).toContain('deliveries_total{platform="telegram",outcome="edited"} 1');
      expect(counted).toContain('deliveries_total{platform="discord",outcome="edited"} 1');
      const rows = await handle.db.selectFrom('deliveries').select(['status', 'kind']).orderBy('id').execute();
      expect(rows.map((r) => `${r.kind} ${r.status}`).sort()).toEqual(['edit sent', 'edit sent', 'send sent', 'send sent', 'send sent', 'send sent']);
    });

    it('a chat the bot was kicked from is paused with the reason, and each owner is told through the outbox; an unreachable owner ends dead', async () => {
      const { subscription } = await subscribe(handle.db, { platform: 'telegram', chatId: '-100123', scope: '*', locale: 'es' }, write);
      await subscribe(handle.db, { platform: 'discord', chatId: '111', scope: '*', locale: 'es' }, write);
      telegram.setFault({ type: 'kicked' }, { chatId: '-100123' });
      // The Discord owner's DM channel cannot be opened on this fake: that notice is retried, then
      // dead (listed by /deliveries), and nobody else misses out.
      start(configFor(telegram.url, discord.url, [{ platform: 'telegram', userId: '7' }, { platform: 'discord', userId: '99' }]));
      await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-04', url: 'https://example.org/910' }, write);
      await eventually(() => telegram.messages.some((m) => m.chatId === '7'));
      await waitForQuiet(handle);

      const paused = await getSubscription(handle.db, subscription.id);
      expect([paused?.status, paused?.pausedReason]).toEqual(['paused', 'Forbidden: bot was kicked from the group chat']);
      expect(discord.messages.map((m) => m.channelId)).toEqual(['111']);
      const toOwner = telegram.messages.filter((m) => m.chatId === '7');
      expect(toOwner.map((m) => m.text)).toEqual([
        `La suscripción ${subscription.id} del chat -100123 de telegram a todos los indicadores quedó en pausa: Forbidden: bot was kicked from the group chat. ` +
          `Cuando el bot pueda volver a publicar allí, reanúdala con /entregas resume ${subscription.id}.`,
      ]);
      const notices = await handle.db.selectFrom('deliveries').select(['to_platform', 'to_user_id', 'status', 'attempts']).where('kind', '=', 'owner_notice').orderBy('id').execute();
      expect(notices).toEqual([
        { to_platform: 'telegram', to_user_id: '7', status: 'sent', attempts: 0 },
        { to_platform: 'discord', to_user_id: '99', status: 'dead', attempts: 3 },
      ]);
    });

    it("an owner's notice refused for a rate limit waits out its retry_after and is sent", async () => {
      const { subscription } = await subscribe(handle.db, { platform: 'telegram', chatId: '-100124', scope: '*', locale: 'es' }, write);
      telegram.setFault({ type: 'kicked' }, { chatId: '-100124' });
      telegram.setFault({ type: 'too_many', retryAfter: 1 }, { chatId: '7', times: 1 });
      start({ ...configFor(telegram.url, null, [{ platform: 'telegram', userId: '7' }]), defaultLocale: 'en' });
      await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-04', url: 'https://example.org/910' }, write);
      await eventually(() => telegram.messages.some((m) => m.chatId === '7'), 10_000);
      await waitForQuiet(handle);
      const toOwner = telegram.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === '7');
      expect(toOwner.map((c) => c.status)).toEqual([429, 200]);
      expect(toOwner[1]!.at - toOwner[0]!.at).toBeGreaterThanOrEqual(1000);
      expect(telegram.messages.filter((m) => m.chatId === '7').map((m) => m.text)).toEqual([
        `Subscription ${subscription.id} of telegram chat -100124 to every indicator was paused: Forbidden: bot was kicked from the group chat. ` +
          `Once the bot can post there again, resume it with /deliveries resume ${subscription.id}.`,
      ]);
    });

    it('a migrated Telegram group: the subscription moves and the message is resent to the new id', async () => {
      await subscribe(handle.db, { platform: 'telegram', chatId: '-555', scope: '*', locale: 'en' }, write);
      telegram.setFault({ type: 'migrate', toChatId: '-1005550000' }, { chatId: '-555' });
      start(configFor(telegram.url, null));
      await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-04', url: 'https://example.org/910' }, write);
      await waitForQuiet(handle);
      expect(telegram.messages.map((m) => [m.chatId, m.text.split('\n')[0]])).toEqual([['-1005550000', '<b>New figure · Political prisoners</b>']]);
      // Only Telegram is configured: the worker claims nothing for Discord.
      expect(Object.keys(workerOptions({ handle, config: configFor(telegram.url, null), logger: captureLogger() }).senders)).toEqual(['telegram']);
    });

    it('sends at the configured rates (TELEGRAM_RATE_*, DISCORD_RATE_PER_SECOND)', () => {
      const deliveryRates = { telegramPerSecond: 1000, telegramPerChatPerSecond: 0.5, telegramPerGroupPerMinute: 10, discordPerSecond: 40 };
      const options = workerOptions({ handle, config: { ...configFor(telegram.url, discord.url), deliveryRates }, logger: captureLogger() });
      expect(options.limits).toEqual({
        telegram: { perSecond: 1000, perChatPerSecond: 0.5, perGroupPerMinute: 10 },
        discord: { perSecond: 40 },
      });
    });
  });
}

describe('owners on Discord', () => {
  it('get the notice in a DM channel opened once and reused, with no pings', async () => {
    const opened: unknown[] = [];
    const posted: { channel: string; body: Record<string, unknown> }[] = [];
    const api = await startServer(({ method, path, body }) => {
      if (method === 'POST' && path === '/v10/users/@me/channels') {
        opened.push(body.recipient_id);
        return { status: 200, body: { id: `9${String(body.recipient_id)}`, type: 1 } };
      }
      const post = /^\/v10\/channels\/(\d+)\/messages$/.exec(path);
      if (method === 'POST' && post) {
        posted.push({ channel: post[1]!, body });
        return { status: 200, body: { id: '1', channel_id: post[1] } };
      }
      return { status: 404, body: { message: '404: Not Found', code: 0 } };
    });
    const [sqlite] = dialects;
    const handle = await sqlite!.open();
    try {
      const owner = '80351110224678912';
      const options = workerOptions({ handle, config: configFor(null, api.url, [{ platform: 'discord', userId: owner }]), logger: captureLogger() });
      const sender = options.senders.discord!;
      const to = { platform: 'discord', chatId: owner, threadId: null, direct: true };
      expect(await sender.send(to, reply('en', text('Subscription #3 @everyone **paused**')), 'cifras-3')).toMatchObject({ kind: 'sent' });
      expect(await sender.send(to, reply('en', text('Subscription #4 paused')), 'cifras-4')).toMatchObject({ kind: 'sent' });
      expect(opened).toEqual([owner]);
      expect(posted.map((p) => p.channel)).toEqual([`9${owner}`, `9${owner}`]);
      expect(posted[0]?.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
      expect(description(posted[0]!.body)).toBe('Subscription #3 @everyone \\*\\*paused\\*\\*');
      expect(options.owners).toEqual([{ platform: 'discord', userId: owner }]);
    } finally {
      await handle.close();
      await api.close();
    }
  });
});

/** `cifras worker`'s loop as its own process: JSON log lines on stdout, the database from the environment. */
const WORKER_PROCESS = `
const { openDatabase } = await import('./db/connect.ts');
const { runWorker } = await import('./src/main.ts');
const env = process.env;
const handle = await openDatabase(env.DATABASE_URL, env.PG_SCHEMA ? { pgSchema: env.PG_SCHEMA } : {});
const log = (level) => (fields, message) => console.log(JSON.stringify({ level, message: typeof fields === 'string' ? fields : message }));
await runWorker({ handle, config: JSON.parse(env.WORKER_CONFIG), logger: { info: log('info'), warn: log('warn'), error: log('error') } }, { pollMs: 30 });
await handle.close();
console.log(JSON.stringify({ level: 'info', message: 'database closed' }));
`;

const processSetups = [
  { name: 'sqlite', available: true, open: async (dir: string) => ({ url: `sqlite:${join(dir, 'worker.db')}`, schema: '', handle: await openSqliteTestDatabase(`sqlite:${join(dir, 'worker.db')}`) }) },
  {
    name: 'postgres',
    available: dialects[1]?.available ?? false,
    open: async () => {
      const schema = uniqueSchema('w');
      return { url: POSTGRES_URL, schema, handle: await openPostgresTestDatabase(schema) };
    },
  },
];

for (const setup of processSetups) {
  describe.skipIf(!setup.available)(`cifras worker as a process on ${setup.name}`, () => {
    it('delivers, then stops cleanly on SIGTERM and exits 0', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cifras-worker-'));
      const telegram = await startFakeTelegramApi();
      const { url, schema, handle } = await setup.open(dir);
      let child: ChildProcess | undefined;
      try {
        await seedIfEmpty(handle.db, { actor: 'seed', now: NOW });
        await subscribe(handle.db, { platform: 'telegram', chatId: '-100123', scope: '*', locale: 'en' }, write);
        const env = { ...process.env, DATABASE_URL: url, PG_SCHEMA: schema, WORKER_CONFIG: JSON.stringify(configFor(telegram.url, null)) };
        // node itself (not npx) so the signal reaches the worker, not a wrapper.
        child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', WORKER_PROCESS], { env, stdio: ['ignore', 'pipe', 'inherit'] });
        let stdout = '';
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
        await eventually(() => stdout.includes('delivery worker started'), 20_000);
        await reportFigure(handle.db, { indicator: 'political-prisoners', source: 'foro-penal', value: parseValue('910'), asOf: '2026-01-04', url: 'https://example.org/910' }, write);
        await eventually(() => telegram.messages.length > 0);
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        const messages = stdout.trim().split('\n').map((line) => (JSON.parse(line) as { message: string }).message);
        expect(messages.slice(-3)).toEqual(['signal received: stopping the delivery worker', 'delivery worker stopped', 'database closed']);
        expect(telegram.messages.map((m) => m.text.split('\n')[0])).toEqual(['<b>New figure · Political prisoners</b>']);
        expect((await handle.db.selectFrom('deliveries').select('status').execute()).map((r) => r.status)).toEqual(['sent']);
      } finally {
        if (child?.exitCode === null) child.kill('SIGKILL');
        await telegram.close();
        await handle.close();
        await rm(dir, { recursive: true, force: true });
      }
    }, 40_000);
  });
}
