// Editors in the domain and the owners' protection, on both databases: grant and revoke are
// audited with before and after, owners can never be revoked, and /admins lists the owners and
// refuses to revoke one when the command context carries them (ctx.owners).
import { createChartRenderer } from '../../src/charts/index.js';
import { UNCACHED } from '../../src/domain/read-cache.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { admins } from '../../commands/admins.js';
import { commands } from '../../commands/index.js';
import type { CommandContext } from '../../src/core/command.js';
import { createRegistry } from '../../src/core/registry.js';
import { DomainError } from '../../src/domain/errors.js';
import { grantEditor, isEditor, listEditors, parseUserRef, revokeEditor } from '../../src/domain/editors.js';
import { messagesFor } from '../../src/i18n/index.js';
import { dialects } from '../support/databases.js';
import { NOW, OWNERS, counts, replyText, telegramInvocation } from './chat-support.js';

const ctx = { actor: 'telegram:1001', now: NOW };

describe('parseUserRef', () => {
  it('reads platform:id with ids kept as strings beyond 2^53', () => {
    expect(parseUserRef('discord:80351110224678912')).toEqual({ platform: 'discord', userId: '80351110224678912' });
    expect(parseUserRef(' Telegram:123 ')).toEqual({ platform: 'telegram', userId: '123' });
  });
  it.each([['123'], ['slack:1'], ['telegram:'], ['telegram:12a'], ['telegram:1:2'], ['discord:123456789012345678901']])('refuses %s', (text) => {
    expect(() => parseUserRef(text)).toThrow(DomainError);
  });
});

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`editors (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
    });
    afterEach(async () => {
      await handle.close();
    });

    it('grants once, revokes once, and audits who, what, when, before and after', async () => {
      const user = parseUserRef('discord:80351110224678913');
      expect(await grantEditor(handle.db, user, ctx)).toEqual({ user, changed: true });
      expect(await grantEditor(handle.db, user, ctx)).toEqual({ user, changed: false });
      expect(await isEditor(handle.db, 'discord', '80351110224678913')).toBe(true);
      expect(await isEditor(handle.db, 'telegram', '80351110224678913')).toBe(false);
      expect(await listEditors(handle.db)).toEqual([{ ...user, grantedBy: 'telegram:1001', grantedAt: NOW.toISOString() }]);
      expect(await revokeEditor(handle.db, user, ctx, OWNERS)).toEqual({ user, changed: true });
      expect(await revokeEditor(handle.db, user, ctx, OWNERS)).toEqual({ user, changed: false });
      expect(await isEditor(handle.db, 'discord', '80351110224678913')).toBe(false);
      const rows = await handle.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      expect(rows.map((r) => ({ ...r, before: JSON.parse(r.before ?? 'null'), after: JSON.parse(r.after ?? 'null') }))).toMatchObject([
        { at: NOW.toISOString(), actor: 'telegram:1001', action: 'editor.grant', target: 'user:discord:80351110224678913', before: { editor: false }, after: { editor: true } },
        {
          action: 'editor.revoke',
          before: { editor: true, grantedBy: 'telegram:1001', grantedAt: NOW.toISOString() },
          after: { editor: false },
        },
      ]);
    });

    it('never revokes an owner, and writes nothing trying', async () => {
      const before = await counts(handle.db);
      await expect(revokeEditor(handle.db, parseUserRef('telegram:1001'), ctx, OWNERS)).rejects.toMatchObject({ code: 'owner_not_revocable' });
      expect(await counts(handle.db)).toEqual(before);
    });

    it('/admins lists the owners and refuses to revoke one, given them in its context', async () => {
      const registry = createRegistry(commands);
      // A context as the dispatcher builds it, plus the owners it is to carry (see admins.ts).
      const withOwners = {
        db: handle.db,
        cache: UNCACHED,
        locale: 'en' as const,
        t: messagesFor('en'),
        now: NOW,
        today: '2026-01-05',
        invocation: telegramInvocation('owner', 'admins', 'list'),
        actor: 'telegram:1001',
        registry,
        timeZone: 'America/Caracas',
        owners: OWNERS,
        charts: createChartRenderer(),
        publicUrl: null,
      };
      const context: CommandContext = withOwners;
      const list = replyText(await admins.handler(context, { action: 'list', user: undefined }));
      expect(list).toContain('Owners (CIFRAS_OWNERS)\ntelegram:1001\ndiscord:80351110224678912');
      await expect(admins.handler(context, { action: 'revoke', user: 'discord:80351110224678912' })).rejects.toMatchObject({
        code: 'owner_not_revocable',
      });
      expect(messagesFor('en').errors.owner_not_revocable({ input: 'discord:80351110224678912' })).toContain('cannot be revoked');
    });
  });
}
