// Helpers for the admin tests: callers in each role on each platform, invocations shaped as the
// Telegram adapter (raw text) and the Discord adapter (typed options) build them, and row counts
// to prove that a refused attempt changed nothing.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Owner } from '../../src/config.js';
import type { Invocation, InvocationChat, InvocationUser } from '../../src/core/invocation.js';
import { createRegistry } from '../../src/core/registry.js';
import type { Reply, Span } from '../../src/core/reply.js';
import { runCommand } from '../../src/core/run-command.js';
import { grantEditor, isEditor } from '../../src/domain/editors.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { commands } from '../../commands/index.js';

export type Platform = 'telegram' | 'discord';
export type Role = 'owner' | 'editor' | 'ordinary' | 'chatAdmin';
export const ROLES: readonly Role[] = ['owner', 'editor', 'ordinary', 'chatAdmin'];
export const PLATFORMS: readonly Platform[] = ['telegram', 'discord'];

/** 2026-01-05: after the seeded figures (Dec 2025), so 2025-12-29 is in the past and 2026-01-06 in the future. */
export const NOW = new Date('2026-01-05T12:00:00Z');

// Discord ids exceed 2^53: they must survive as strings end to end.
const IDS: Record<Platform, Record<Role, string>> = {
  telegram: { owner: '1001', editor: '2002', ordinary: '3003', chatAdmin: '4004' },
  discord: { owner: '80351110224678912', editor: '80351110224678913', ordinary: '80351110224678914', chatAdmin: '80351110224678915' },
};

export const OWNERS: readonly Owner[] = [
  { platform: 'telegram', userId: IDS.telegram.owner },
  { platform: 'discord', userId: IDS.discord.owner },
];

export function userId(platform: Platform, role: Role): string {
  return IDS[platform][role];
}

/** Seeds the demo data and makes the `editor` of each platform an editor. */
export async function prepare(db: Kysely<Database>): Promise<void> {
  await seedIfEmpty(db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
  for (const platform of PLATFORMS) {
    await grantEditor(db, { platform, userId: IDS[platform].editor }, { actor: 'telegram:1001', now: new Date('2025-12-27T00:00:00Z') });
  }
}

function caller(platform: Platform, role: Role): { user: InvocationUser; chat: InvocationChat } {
  // Everyone writes from a group/server; the chat admin is an admin of it but not an editor.
  const chat: InvocationChat = platform === 'telegram' ? { id: '-1001234', type: 'group' } : { id: '1234567890123456789', type: 'guild' };
  const user: InvocationUser = { platform, id: IDS[platform][role], isChatAdmin: role === 'chatAdmin', languageCode: 'en' };
  return { user, chat };
}

/** As the Telegram adapter builds it: `/report@cifras_bot political-prisoners …`. */
export function telegramInvocation(role: Role, commandName: string, rawArgs: string): Invocation {
  return { platform: 'telegram', commandName: `${commandName}@cifras_bot`, rawArgs, ...caller('telegram', role) };
}

/** As the Discord adapter builds it: typed options by English name. */
export function discordInvocation(role: Role, commandName: string, options: Record<string, string | number>): Invocation {
  return { platform: 'discord', commandName, options, ...caller('discord', role) };
}

/** One command through the real dispatcher with every command registered and the real isEditor. */
export async function run(db: Kysely<Database>, invocation: Invocation): Promise<Reply> {
  return runCommand(createRegistry(commands), invocation, {
    db,
    config: { owners: OWNERS, defaultLocale: 'en' },
    now: () => NOW,
    isEditor,
  });
}

/**
 * Runs `work` in a transaction that is rolled back afterwards, so many cases can share one
 * prepared database. The dispatcher and the domain join a transaction they are handed.
 */
export async function rolledBack(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const trx = await db.startTransaction().execute();
  try {
    await work(trx);
  } finally {
    await trx.rollback().execute();
  }
}

/** Rows in every table a write touches. */
export async function counts(db: Kysely<Database>): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['figures', 'figure_revisions', 'audit_log', 'editors', 'events', 'idempotency_keys'] as const) {
    const row = await db.selectFrom(table).select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

export function isError(reply: Reply): boolean {
  return reply.blocks.some((b) => b.kind === 'error');
}

/** Every string in the reply (span texts, messages, summary fields), for "shows X" checks. */
export function replyText(reply: Reply): string {
  const spans = (parts: readonly Span[]): string => parts.map((p) => p.text).join('');
  return reply.blocks
    .map((b) => {
      switch (b.kind) {
        case 'text': return spans(b.parts);
        case 'list': return [b.title === null ? '' : spans(b.title), ...b.items.map(spans)].join('\n');
        case 'summary': return [b.indicatorName, ...b.lines.map((l) => `${l.sourceName}: ${l.valueText} #${l.figureId}`)].join('\n');
        case 'choice': return [b.prompt, ...b.options.map((o) => o.label)].join('\n');
        case 'error': return [b.message, b.hint ?? ''].join('\n');
      }
    })
    .join('\n');
}

/** The seeded Foro Penal political-prisoners figure (902 as of 2025-12-20). */
export async function seededFigureId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('figures as f')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
    .select('f.id')
    .where('s.slug', '=', 'foro-penal')
    .where('i.slug', '=', 'political-prisoners')
    .executeTakeFirstOrThrow();
  return row.id;
}
