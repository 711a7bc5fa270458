// Digests (DESIGN.md "Delivery"): daily and weekly subscriptions get one message per period at
// DIGEST_HOUR in CIFRAS_TIMEZONE with that period's events, none on a quiet one. Workers run on an
// injected clock (real speed, moved forward by the test) against the fake platforms, on SQLite and
// PostgreSQL: a period that ends at midnight, a day 25 hours long (Europe/Madrid, end of summer
// time), a weekly digest on Monday, two workers side by side sending each digest once, and a quiet
// import (`cifras import --quiet`, a back-fill) that makes no digest and no line in one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Frequency } from '../../db/schema.js';
import { buildDeliveryReply } from '../../src/delivery/delivery-reply.js';
import type { DigestClock } from '../../src/delivery/digest-period.js';
import type { Worker } from '../../src/delivery/worker.js';
import { correctFigure, retractFigure } from '../../src/domain/figures.js';
import { subscribe } from '../../src/domain/subscriptions.js';
import { importFile } from '../../src/import/import-file.js';
import { parseValue } from '../../src/domain/value.js';
import { renderPlainText } from '../../src/platforms/console/render-plain-text.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../fakes/fake-telegram-api.js';
import { dialects } from '../support/databases.js';
import { startWorker, waitForQuiet } from './support/harness.js';
import { createWorld, ctx, publish } from './support/world.js';

/** A clock at real speed from a chosen instant, moved forward with `set` (never back). */
function testClock(start: string) {
  let offset = Date.parse(start) - Date.now();
  return { now: () => new Date(Date.now() + offset), set: (at: string) => void (offset = Date.parse(at) - Date.now()) };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Long enough for a few digest checks (every 20 ms) and sends: a digest due would have gone. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`digests on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    let telegram: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let workers: Worker[] = [];

    beforeEach(async () => {
      handle = await dialect.open();
      await createWorld(handle.db);
      telegram = await startFakeTelegramApi({ limits: { perSecond: 30, perChatPerSecond: 1 } });
      discord = await startFakeDiscordApi({ perSecond: 50 });
    });
    afterEach(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      await Promise.all([telegram.close(), discord.close(), handle.close()]);
    });

    const subscribeAt = (platform: string, chatId: string, frequency: Frequency, scope = '*') =>
      subscribe(handle.db, { platform, chatId, scope, locale: 'es', frequency }, ctx(new Date('2026-01-01T00:00:00Z')));

    function run(clock: ReturnType<typeof testClock>, digests: DigestClock, workerId?: string): Worker {
      const worker = startWorker(
        handle,
        { telegram: telegram.url, discord: discord.url },
        {
          now: clock.now,
          digests,
          digestCheckMs: 20,
          ...(workerId ? { workerId } : {}),
          render: async (job) => renderPlainText(await buildDeliveryReply(handle.db, job, digests, clock.now())),
        },
      );
      workers.push(worker);
      return worker;
    }

    it('a period ending at midnight: each event in its own day, none on the quiet day after', { timeout: 60_000 }, async () => {
      const caracas = { timeZone: 'America/Caracas', hour: 0 };
      await subscribeAt('telegram', '501', 'daily');
      // 23:50 and 00:10 in Caracas (UTC-4): either side of the midnight digest.
      const late = await publish(handle.db, 'prisoners', new Date('2026-12-04T03:50:00Z'));
      const early = await publish(handle.db, 'released', new Date('2026-12-04T04:10:00Z'));
      const clock = testClock('2026-12-04T03:59:59Z');
      run(clock, caracas);
      await settle();
      expect(telegram.messages).toEqual([]);

      clock.set('2026-12-04T04:00:01Z');
      await until(() => telegram.messages.length === 1);
      expect(telegram.messages[0]?.text).toContain('Resumen del día · 4 dic 2026');
      expect(telegram.messages[0]?.text).toContain(`#${late.id}`);
      expect(telegram.messages[0]?.text).not.toContain(`#${early.id}`);

      clock.set('2026-12-05T04:00:01Z');
      await until(() => telegram.messages.length === 2);
      expect(telegram.messages[1]?.text).toContain('Resumen del día · 5 dic 2026');
      expect(telegram.messages[1]?.text).toContain(`#${early.id}`);
      expect(telegram.messages[1]?.text).not.toContain(`#${late.id}`);

      clock.set('2026-12-06T04:00:01Z');
      await settle();
      await waitForQuiet(handle);
      expect(telegram.messages).toHaveLength(2);
      const digests = await handle.db.selectFrom('deliveries').select(['digest_period', 'status']).where('kind', '=', 'digest').orderBy('id').execute();
      expect(digests).toEqual([
        { digest_period: 'daily:2026-12-04', status: 'sent' },
        { digest_period: 'daily:2026-12-05', status: 'sent' },
      ]);
    });

    it('Europe/Madrid, end of summer time: the 25-hour day is one digest at 08:00 CET, with its last hour in it', { timeout: 60_000 }, async () => {
      const madrid = { timeZone: 'Europe/Madrid', hour: 8 };
      await subscribeAt('discord', '777', 'daily');
      // Clocks go back at 03:00 CEST on Sunday 25 October 2026; 08:00 that day is 07:00 UTC, not 06:00.
      const before = await publish(handle.db, 'prisoners', new Date('2026-10-24T05:30:00Z'));
      const lastHour = await publish(handle.db, 'prisoners', new Date('2026-10-25T06:30:00Z'));
      const next = await publish(handle.db, 'prisoners', new Date('2026-10-25T07:30:00Z'));
      await correctFigure(handle.db, before.id, parseValue('1200'), 'recuento', ctx(new Date('2026-10-25T01:00:00Z')));
      const clock = testClock('2026-10-25T06:00:01Z');
      run(clock, madrid);
      await until(() => discord.messages.length >= 1);
      await settle();
      // 07:00 CET would be 06:00 UTC: nothing more yet than the day before's digest.
      expect(discord.messages.map((m) => m.content.split('\n')[0])).toEqual(['Resumen del día · 24 oct 2026']);

      clock.set('2026-10-25T07:00:01Z');
      await until(() => discord.messages.length === 2);
      const digest = discord.messages[1]!.content;
      expect(digest).toContain('Resumen del día · 25 oct 2026');
      expect(digest).toContain(`#${lastHour.id}`);
      expect(digest).toContain(`Cifra corregida · NGO: ${before.value.kind === 'exact' ? before.value.value : ''} → 1.200`);
      expect(digest).not.toContain(`#${next.id}`);
      // The day before's digest had the first figure alone.
      expect(discord.messages[0]!.content).toContain(`#${before.id}`);
      expect(discord.messages[0]!.content).not.toContain(`#${lastHour.id}`);
    });

    it('weekly goes out on Monday with the week; a subscription to one indicator gets only its events', { timeout: 60_000 }, async () => {
      const caracas = { timeZone: 'America/Caracas', hour: 8 };
      await subscribeAt('telegram', '601', 'weekly');
      await subscribeAt('telegram', '602', 'weekly', 'released');
      // Tuesday 1 to Sunday 6 December 2026, then Monday 7 at 08:00 Caracas = 12:00 UTC.
      const tuesday = await publish(handle.db, 'prisoners', new Date('2026-12-01T15:00:00Z'));
      const friday = await publish(handle.db, 'released', new Date('2026-12-04T15:00:00Z'));
      await retractFigure(handle.db, tuesday.id, 'duplicada', ctx(new Date('2026-12-06T15:00:00Z')));
      const clock = testClock('2026-12-07T11:59:00Z');
      run(clock, caracas);
      await settle();
      expect(telegram.messages).toEqual([]);

      clock.set('2026-12-07T12:00:01Z');
      await until(() => telegram.messages.length === 2);
      const all = telegram.messages.find((m) => m.chatId === '601')!.text;
      expect(all).toContain('Resumen de la semana · 30 nov 2026 – 6 dic 2026');
      expect(all).toContain(`Cifra retirada · NGO`);
      expect(all).toContain('Motivo: duplicada');
      expect(all).toContain(`#${friday.id}`);
      const released = telegram.messages.find((m) => m.chatId === '602')!.text;
      expect(released).toContain(`#${friday.id}`);
      expect(released).not.toContain(`#${tuesday.id}`);
    });

    it('a quiet import makes no digest; with one figure reported the same day, the digest has that figure alone', { timeout: 60_000 }, async () => {
      const caracas = { timeZone: 'America/Caracas', hour: 8 };
      await subscribeAt('telegram', '801', 'daily');
      await subscribeAt('discord', '802', 'daily');
      const dir = await mkdtemp(join(tmpdir(), 'cifras-quiet-digest-'));
      const backfill = (n: number) =>
        ['indicator,source,value,as_of,url', ...Array.from({ length: n }, (_, i) => `prisoners,ngo,${100 + i},2019-01-${String(1 + (i % 28)).padStart(2, '0')},https://ngo.example/archivo/${i}`)].join('\n');
      try {
        // Thursday 3 December, then Friday 4: one back-fill each day, 08:00 Caracas = 12:00 UTC.
        await writeFile(join(dir, 'a.csv'), backfill(40));
        const first = await importFile(handle.db, join(dir, 'a.csv'), { actor: 'cli:import', now: new Date('2026-12-03T15:00:00Z'), quiet: true });
        expect(first).toMatchObject({ ok: true, counts: { figures: 40 } });
        const clock = testClock('2026-12-04T12:00:01Z');
        run(clock, caracas);
        await settle();
        await waitForQuiet(handle);
        expect([telegram.messages, discord.messages]).toEqual([[], []]);
        expect(await handle.db.selectFrom('deliveries').select('id').execute()).toEqual([]);

        await writeFile(join(dir, 'b.csv'), backfill(41));
        // The 40 rows already recorded are skipped; the 41st is new, and quiet too.
        expect(await importFile(handle.db, join(dir, 'b.csv'), { actor: 'cli:import', now: new Date('2026-12-04T14:00:00Z'), quiet: true })).toMatchObject({ ok: true, counts: { figures: 1 } });
        const told = await publish(handle.db, 'released', new Date('2026-12-04T16:00:00Z'));
        clock.set('2026-12-05T12:00:01Z');
        await until(() => telegram.messages.length === 1 && discord.messages.length === 1);
        await settle();
        await waitForQuiet(handle);
        for (const digest of [telegram.messages[0]!.text, discord.messages[0]!.content]) {
          expect(digest).toContain('Resumen del día · 5 dic 2026');
          expect(digest).toContain(`#${told.id}`);
          expect(digest).not.toContain('prisoners');
          expect(digest.match(/#\d+/g)).toEqual([`#${told.id}`]);
        }
        expect([telegram.messages, discord.messages].map((m) => m.length)).toEqual([1, 1]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('two workers on one clock: exactly one digest per subscription and period', { timeout: 60_000 }, async () => {
      const caracas = { timeZone: 'America/Caracas', hour: 8 };
      const chats = Array.from({ length: 12 }, (_, i) => String(700 + i));
      for (const [i, chat] of chats.entries()) await subscribeAt(i % 2 === 0 ? 'telegram' : 'discord', chat, 'daily');
      for (let i = 0; i < 3; i++) await publish(handle.db, 'prisoners', new Date(`2026-12-03T1${3 + i}:00:00Z`));
      const clock = testClock('2026-12-04T12:00:01Z');
      run(clock, caracas, 'worker-a');
      run(clock, caracas, 'worker-b');
      await until(async () => telegram.messages.length + discord.messages.length >= chats.length);
      await settle();
      await waitForQuiet(handle);
      const received = [...telegram.messages.map((m) => m.chatId), ...discord.messages.map((m) => m.channelId)].sort();
      expect(received).toEqual([...chats].sort());
      const rows = await handle.db.selectFrom('deliveries').select(['digest_period', 'status']).execute();
      expect(rows).toHaveLength(chats.length);
      expect(rows.every((r) => r.digest_period === 'daily:2026-12-04' && r.status === 'sent')).toBe(true);
    });
  });
}
