// The authorization matrix for the chat: every admin command × {owner, editor, ordinary user, a
// chat admin who is not an editor} × {Telegram text, Discord typed options}, through the real
// dispatcher on both databases. Allowed calls write what they should; refused ones change no row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Invocation } from '../../src/core/invocation.js';
import { dialects } from '../support/databases.js';
import {
  PLATFORMS,
  ROLES,
  counts,
  discordInvocation,
  isError,
  prepare,
  replyText,
  rolledBack,
  run,
  seededFigureId,
  telegramInvocation,
  type Platform,
  type Role,
} from './chat-support.js';

interface Case {
  readonly name: string;
  readonly access: 'editor' | 'owner';
  /** The rows an allowed call adds (or removes) per table. */
  readonly delta: Record<string, number>;
  invocation(platform: Platform, role: Role, figureId: number): Invocation;
  readonly denied: string;
}

const REPORT_URL = 'https://example.org/a';

const CASES: readonly Case[] = [
  {
    name: 'report',
    access: 'editor',
    delta: { figures: 1, figure_revisions: 1, audit_log: 1, events: 1 },
    invocation: (platform, role) =>
      platform === 'telegram'
        ? telegramInvocation(role, 'reportar', `political-prisoners foro-penal 863 2025-12-29 ${REPORT_URL} a note`)
        : discordInvocation(role, 'report', {
            indicator: 'political-prisoners',
            source: 'foro-penal',
            value: '863',
            'as-of': '2025-12-29',
            url: REPORT_URL,
            note: 'a note',
          }),
    denied: 'Only editors can use',
  },
  {
    name: 'correct',
    access: 'editor',
    delta: { figure_revisions: 1, audit_log: 1, events: 1 },
    invocation: (platform, role, id) =>
      platform === 'telegram'
        ? telegramInvocation(role, 'correct', `#${id} 870 the source fixed a typo`)
        : discordInvocation(role, 'correct', { figure: id, value: '870', reason: 'the source fixed a typo' }),
    denied: 'Only editors can use',
  },
  {
    name: 'retract',
    access: 'editor',
    delta: { figure_revisions: 1, audit_log: 1, events: 1 },
    invocation: (platform, role, id) =>
      platform === 'telegram'
        ? telegramInvocation(role, 'retirar', `${id} published by mistake`)
        : discordInvocation(role, 'retract', { figure: id, reason: 'published by mistake' }),
    denied: 'Only editors can use',
  },
  {
    name: 'audit',
    access: 'editor',
    delta: {},
    invocation: (platform, role) =>
      platform === 'telegram' ? telegramInvocation(role, 'audit', '5') : discordInvocation(role, 'audit', { count: 5 }),
    denied: 'Only editors can use',
  },
  {
    name: 'admins grant',
    access: 'owner',
    delta: { editors: 1, audit_log: 1 },
    invocation: (platform, role) =>
      platform === 'telegram'
        ? telegramInvocation(role, 'admins', 'grant telegram:5005')
        : discordInvocation(role, 'admins', { action: 'grant', user: 'discord:80351110224678999' }),
    denied: "Only the bot's owners can use",
  },
  {
    name: 'admins revoke',
    access: 'owner',
    delta: { editors: -1, audit_log: 1 },
    invocation: (platform, role) =>
      platform === 'telegram'
        ? telegramInvocation(role, 'admins', 'revoke telegram:2002')
        : discordInvocation(role, 'admins', { action: 'revoke', user: 'discord:80351110224678913' }),
    denied: "Only the bot's owners can use",
  },
  {
    name: 'admins list',
    access: 'owner',
    delta: {},
    invocation: (platform, role) =>
      platform === 'telegram' ? telegramInvocation(role, 'admins', 'list') : discordInvocation(role, 'admins', { action: 'list' }),
    denied: "Only the bot's owners can use",
  },
];

function allowed(access: Case['access'], role: Role): boolean {
  return role === 'owner' || (access === 'editor' && role === 'editor');
}

function applied(before: Record<string, number>, delta: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(before).map(([table, n]) => [table, n + (delta[table] ?? 0)]));
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`chat authorization (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    // One prepared database; each case runs in a transaction rolled back afterwards.
    beforeAll(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
    });
    afterAll(async () => {
      await handle.close();
    });

    for (const c of CASES) {
      for (const platform of PLATFORMS) {
        for (const role of ROLES) {
          const verdict = allowed(c.access, role) ? 'allowed' : 'refused';
          it(`/${c.name} on ${platform} by ${role}: ${verdict}`, async () => {
            await rolledBack(handle.db, async (db) => {
              const before = await counts(db);
              const reply = await run(db, c.invocation(platform, role, await seededFigureId(db)));
              if (verdict === 'allowed') {
                expect(isError(reply), replyText(reply)).toBe(false);
                expect(await counts(db)).toEqual(applied(before, c.delta));
              } else {
                expect(isError(reply)).toBe(true);
                expect(replyText(reply)).toContain(c.denied);
                expect(await counts(db)).toEqual(before);
              }
            });
          });
        }
      }
    }
  });
}
