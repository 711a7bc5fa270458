// /subscribe, /unsubscribe and /subscriptions through the real dispatcher, with invocations shaped
// as the Telegram adapter (raw text, `@bot` suffix, forum topics) and the Discord adapter (typed
// options, threads) build them, on the demo data, on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { commands } from '../../commands/index.js';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Invocation, InvocationChat } from '../../src/core/invocation.js';
import { createRegistry } from '../../src/core/registry.js';
import type { Reply } from '../../src/core/reply.js';
import { runCommand } from '../../src/core/run-command.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { renderPlainText } from '../../src/platforms/console/render-plain-text.js';
import { dialects } from '../support/databases.js';

const NOW = new Date('2026-01-05T12:00:00Z');
const OWNER = '1';
const config = { owners: [{ platform: 'telegram' as const, userId: OWNER }], defaultLocale: 'es' as const };

interface Caller {
  readonly userId: string;
  readonly isChatAdmin?: boolean;
  readonly languageCode?: string;
  readonly chat: InvocationChat;
}

const privateChat = (id: string): Caller => ({ userId: id, isChatAdmin: true, chat: { id, type: 'private' } });

/** As the Telegram adapter builds it: `/suscribir@cifras_bot presos politicos`. */
function telegram(caller: Caller, commandName: string, rawArgs = ''): Invocation {
  return {
    platform: 'telegram',
    commandName: `${commandName}@cifras_bot`,
    rawArgs,
    user: { platform: 'telegram', id: caller.userId, isChatAdmin: caller.isChatAdmin ?? false, languageCode: caller.languageCode ?? 'es' },
    chat: caller.chat,
  };
}

/** As the Discord adapter builds it: the English name and typed options. */
function discord(caller: Caller, commandName: string, options: Record<string, string> = {}): Invocation {
  return {
    platform: 'discord',
    commandName,
    options,
    user: { platform: 'discord', id: caller.userId, isChatAdmin: caller.isChatAdmin ?? false, languageCode: caller.languageCode ?? 'en-US' },
    chat: caller.chat,
  };
}

function subscriptionRows(db: Kysely<Database>) {
  return db.selectFrom('subscriptions').select(['platform', 'chat_id', 'thread_id', 'scope', 'locale', 'status', 'created_by']).orderBy('id').execute();
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`subscription commands (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    const run = async (invocation: Invocation): Promise<string> => renderPlainText(await runReply(invocation));
    const runReply = (invocation: Invocation): Promise<Reply> =>
      runCommand(createRegistry(commands), invocation, { db: handle.db, config, now: () => NOW });

    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
    });
    afterEach(async () => handle.close());

    it('/suscribir presos diario and /subscribe all weekly set the frequency, shown by /subscriptions; Discord types it', async () => {
      const me = privateChat('5002');
      expect(await run(telegram(me, 'suscribir', 'presos politicos diario'))).toBe(
        'Listo: este chat recibirá un resumen cada día de Presos políticos (cifras nuevas, correcciones y retiradas), en español.',
      );
      expect(await run(telegram(me, 'suscripciones'))).toBe('Suscripciones de este chat\n  • Presos políticos · español · resumen diario');
      // The same again changes nothing; another frequency is brought up to date.
      expect(await run(telegram(me, 'suscribir', 'presos politicos diario'))).toBe('Este chat ya está suscrito a Presos políticos: no cambia nada.');
      expect(await run(telegram(me, 'suscribir', 'presos politicos semanal'))).toContain('un resumen cada lunes de Presos políticos');
      // No frequency given: the one it has is kept.
      expect(await run(telegram(me, 'suscribir', 'presos politicos'))).toBe('Este chat ya está suscrito a Presos políticos: no cambia nada.');
      const english = { ...privateChat('5003'), languageCode: 'en' };
      expect(await run(telegram(english, 'subscribe', 'all weekly'))).toBe(
        'Done: this chat will get one digest every Monday of all indicators (new figures, corrections and retractions), in English.',
      );
      expect(await run(telegram(english, 'subscriptions'))).toBe("This chat's subscriptions\n  • all indicators · English · weekly digest, on Mondays");
      const channel = { userId: '77', isChatAdmin: true, chat: { id: '4242', type: 'channel' as const } };
      expect(await run(discord(channel, 'subscribe', { indicator: 'released', frequency: 'daily' }))).toContain('one digest a day of');
      const rows = await handle.db.selectFrom('subscriptions').select(['chat_id', 'scope', 'frequency']).orderBy('id').execute();
      expect(rows).toEqual([
        { chat_id: '5002', scope: 'political-prisoners', frequency: 'weekly' },
        { chat_id: '5003', scope: '*', frequency: 'weekly' },
        { chat_id: '4242', scope: expect.any(String), frequency: 'daily' },
      ]);
    });

    it('a private chat subscribes, lists, and unsubscribes, in Spanish', async () => {
      const me = privateChat('5001');
      expect(await run(telegram(me, 'suscribir', 'presos politicos'))).toBe(
        'Listo: este chat recibirá cada cifra nueva, corrección y retirada de Presos políticos, en español.',
      );
      expect(await subscriptionRows(handle.db)).toEqual([
        { platform: 'telegram', chat_id: '5001', thread_id: '', scope: 'political-prisoners', locale: 'es', status: 'active', created_by: 'telegram:5001' },
      ]);
      expect(await run(telegram(me, 'subscribe', 'political-prisoners'))).toBe('Este chat ya está suscrito a Presos políticos: no cambia nada.');
      expect(await subscriptionRows(handle.db)).toHaveLength(1);
      expect(await run(telegram(me, 'suscripciones'))).toBe('Suscripciones de este chat\n  • Presos políticos · español · al instante');

      expect(await run(telegram(me, 'desuscribir', 'presos políticos'))).toBe('Listo: este chat ya no recibirá las novedades de Presos políticos.');
      expect(await run(telegram(me, 'desuscribir', 'presos políticos'))).toBe('Este chat no está suscrito a Presos políticos: no cambia nada.');
      expect(await run(telegram(me, 'suscripciones'))).toBe('Este chat no tiene suscripciones. Escribe /suscribir para recibir cada cifra nueva.');
      expect(await subscriptionRows(handle.db)).toEqual([]);
      const audit = await handle.db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'like', 'subscription.%').orderBy('id').execute();
      expect(audit).toEqual([
        { actor: 'telegram:5001', action: 'subscription.subscribe' },
        { actor: 'telegram:5001', action: 'subscription.unsubscribe' },
      ]);
    });

    it('no argument and todo/todas/all mean every indicator; all replaces single ones and covers them', async () => {
      const me = privateChat('5002');
      await run(telegram(me, 'suscribir', 'desaparecidos'));
      await run(telegram(me, 'suscribir', 'presos politicos'));
      expect(await run(telegram(me, 'suscribir'))).toBe(
        'Listo: este chat recibirá cada cifra nueva, corrección y retirada de todos los indicadores, en español.\n\n' +
          'Reemplaza las 2 suscripciones a indicadores que tenía este chat.',
      );
      expect((await subscriptionRows(handle.db)).map((r) => r.scope)).toEqual(['*']);
      for (const word of ['todas', 'Todos', 'all']) {
        expect(await run(telegram(me, 'suscribir', word))).toBe('Este chat ya está suscrito a todos los indicadores: no cambia nada.');
      }
      expect(await run(telegram(me, 'suscribir', 'presos politicos'))).toBe(
        'Este chat ya está suscrito a todos los indicadores, Presos políticos incluido: no cambia nada.',
      );
      expect(await run(telegram(me, 'desuscribir', 'presos politicos'))).toBe(
        'Este chat no está suscrito a Presos políticos: no cambia nada.\n\n' +
          'Este chat está suscrito a todos los indicadores; para dejar de recibirlos escribe /desuscribir todo.',
      );
      expect(await run(telegram(me, 'desuscribir', 'todo'))).toBe('Listo: se canceló la suscripción de este chat.');
      expect(await subscriptionRows(handle.db)).toEqual([]);
      expect(await run(telegram(me, 'desuscribir', 'todo'))).toBe('Este chat no está suscrito a todos los indicadores: no cambia nada.');
    });

    it('an ambiguous indicator offers a choice that runs /subscribe; an unknown one lists them', async () => {
      const me = privateChat('5003');
      const reply = await runReply(telegram(me, 'suscribir', 'detenidos'));
      expect(reply.blocks[0]).toMatchObject({
        kind: 'choice',
        options: [
          { label: 'Excarcelaciones de detenidos postelectorales', command: '/suscribir post-election-releases' },
          { label: 'Presos políticos', command: '/suscribir political-prisoners' },
        ],
      });
      expect(await run(telegram(me, 'suscribir', 'inflación'))).toMatch(/^No encuentro ningún indicador que corresponda a «inflación»/);
      expect(await subscriptionRows(handle.db)).toEqual([]);
    });

    it('in a Telegram group only its admins subscribe; an ordinary member is refused and nothing is written', async () => {
      const group: InvocationChat = { id: '-1001234', type: 'group' };
      const member: Caller = { userId: '3003', isChatAdmin: false, chat: group };
      const admin: Caller = { userId: '4004', isChatAdmin: true, chat: group };
      expect(await run(telegram(member, 'suscribir', 'presos politicos'))).toBe('⚠ En este chat solo sus administradores pueden usar /suscribir.');
      expect(await run(telegram(member, 'desuscribir', 'todo'))).toBe('⚠ En este chat solo sus administradores pueden usar /desuscribir.');
      expect(await subscriptionRows(handle.db)).toEqual([]);
      expect(await handle.db.selectFrom('audit_log').select('id').where('action', 'like', 'subscription.%').execute()).toEqual([]);

      expect(await run(telegram(admin, 'suscribir', 'presos politicos'))).toMatch(/^Listo: este chat recibirá/);
      // Anyone may look at what the chat follows, and nobody but an admin may change it.
      expect(await run(telegram(member, 'suscripciones'))).toBe('Suscripciones de este chat\n  • Presos políticos · español · al instante');
      expect(await run(telegram(member, 'desuscribir', 'presos politicos'))).toMatch(/^⚠ En este chat solo sus administradores/);
      expect(await subscriptionRows(handle.db)).toEqual([
        { platform: 'telegram', chat_id: '-1001234', thread_id: '', scope: 'political-prisoners', locale: 'es', status: 'active', created_by: 'telegram:4004' },
      ]);
    });

    it('in a Discord server only members with Manage Channels/Server subscribe a channel, in their language', async () => {
      const channel: InvocationChat = { id: '1234567890123456789', type: 'guild' };
      const member: Caller = { userId: '80351110224678914', isChatAdmin: false, chat: channel };
      const admin: Caller = { userId: '80351110224678915', isChatAdmin: true, chat: channel };
      expect(await run(discord(member, 'subscribe'))).toBe('⚠ In this chat only its admins can use /subscribe.');
      expect(await subscriptionRows(handle.db)).toEqual([]);
      expect(await run(discord(admin, 'subscribe'))).toBe(
        'Done: this chat will get every new figure, correction and retraction of all indicators, in English.',
      );
      expect(await run(discord(admin, 'subscribe', { indicator: 'all' }))).toBe('This chat is already subscribed to all indicators: nothing changes.');
      expect(await subscriptionRows(handle.db)).toEqual([
        { platform: 'discord', chat_id: '1234567890123456789', thread_id: '', scope: '*', locale: 'en', status: 'active', created_by: 'discord:80351110224678915' },
      ]);
      expect(await run(discord(admin, 'unsubscribe', { indicator: 'all' }))).toBe("Done: this chat's subscription is cancelled.");
      expect(await subscriptionRows(handle.db)).toEqual([]);
    });

    it('a Telegram forum topic and a Discord thread are subscribed on their own', async () => {
      const topic: Caller = { userId: '4004', isChatAdmin: true, chat: { id: '-1005555', type: 'group', threadId: '42' } };
      const general: Caller = { userId: '4004', isChatAdmin: true, chat: { id: '-1005555', type: 'group' } };
      await run(telegram(topic, 'suscribir', 'presos politicos'));
      await run(telegram(general, 'suscribir', 'presos politicos'));
      const thread: Caller = { userId: '80351110224678915', isChatAdmin: true, chat: { id: '1234567890123456789', type: 'guild', threadId: '1234567890123456790' } };
      await run(discord(thread, 'subscribe', { indicator: 'releases' }));
      expect((await subscriptionRows(handle.db)).map((r) => [r.platform, r.chat_id, r.thread_id, r.scope])).toEqual([
        ['telegram', '-1005555', '42', 'political-prisoners'],
        ['telegram', '-1005555', '', 'political-prisoners'],
        ['discord', '1234567890123456789', '1234567890123456790', 'post-election-releases'],
      ]);
      // Unsubscribing everything in the topic leaves the general chat's subscription alone.
      expect(await run(telegram(topic, 'desuscribir', 'todos'))).toBe('Listo: se canceló la suscripción de este chat.');
      expect(await run(telegram(topic, 'suscripciones'))).toMatch(/^Este chat no tiene suscripciones/);
      expect(await run(telegram(general, 'suscripciones'))).toBe('Suscripciones de este chat\n  • Presos políticos · español · al instante');
      expect((await subscriptionRows(handle.db)).map((r) => [r.chat_id, r.thread_id])).toEqual([
        ['-1005555', ''],
        ['1234567890123456789', '1234567890123456790'],
      ]);
    });

    it("the subscription's language is the chat's, and /lang moves the chat's subscriptions with it", async () => {
      const group: InvocationChat = { id: '-1007777', type: 'group' };
      const admin: Caller = { userId: '4004', isChatAdmin: true, languageCode: 'es', chat: group };
      await run(telegram(admin, 'idioma', 'en'));
      expect(await run(telegram(admin, 'suscribir', 'presos politicos'))).toBe(
        'Done: this chat will get every new figure, correction and retraction of Political prisoners, in English.',
      );
      expect((await subscriptionRows(handle.db)).map((r) => r.locale)).toEqual(['en']);
      expect(await run(telegram(admin, 'subscriptions'))).toBe("This chat's subscriptions\n  • Political prisoners · English · immediately");

      await run(telegram(admin, 'lang', 'es'));
      expect((await subscriptionRows(handle.db)).map((r) => r.locale)).toEqual(['es']);
      expect(await run(telegram(admin, 'suscribir', 'presos politicos'))).toMatch(/^Este chat ya está suscrito a Presos políticos/);
    });

    it('a figure reported after subscribing makes exactly one pending delivery per subscribed chat, none elsewhere', async () => {
      const followsIt = privateChat('6001');
      const followsAll = privateChat('6002');
      const left = privateChat('6003');
      const other = privateChat('6004');
      await run(telegram(followsIt, 'suscribir', 'presos politicos'));
      await run(telegram(followsAll, 'suscribir'));
      await run(telegram(left, 'suscribir', 'presos politicos'));
      await run(telegram(left, 'desuscribir', 'presos politicos'));
      await run(telegram(other, 'suscribir', 'desaparecidos'));
      // Subscribing sends nothing about figures that were already there.
      expect(await handle.db.selectFrom('deliveries').select('id').execute()).toEqual([]);

      const owner = privateChat(OWNER);
      expect(await run(telegram(owner, 'reportar', 'political-prisoners foro-penal 910 2026-01-04 https://example.org/910'))).toMatch(/^Cifra #5 registrada/);

      const deliveries = await handle.db
        .selectFrom('deliveries as d')
        .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
        .innerJoin('events as e', 'e.id', 'd.event_id')
        .select(['s.chat_id', 'd.status', 'e.kind', 'e.figure_id', 'e.revision'])
        .orderBy('s.chat_id')
        .execute();
      expect(deliveries).toEqual([
        { chat_id: '6001', status: 'pending', kind: 'published', figure_id: 5, revision: 1 },
        { chat_id: '6002', status: 'pending', kind: 'published', figure_id: 5, revision: 1 },
      ]);
    });
  });
}
