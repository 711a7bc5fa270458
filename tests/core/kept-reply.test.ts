// keptReply: the answer runCommand would give, handed over without waiting — only when it is
// exactly that answer (kept, for this language, arguments and day, as of the data now), and never
// in a case where runCommand would do anything else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { setChatLocale } from '../../src/core/chat-locale.js';
import { defineCommand } from '../../src/core/command.js';
import type { Invocation } from '../../src/core/invocation.js';
import { createRegistry } from '../../src/core/registry.js';
import { reply, text } from '../../src/core/reply.js';
import { keptReply, runCommand, type CommandDeps } from '../../src/core/run-command.js';
import { DomainError } from '../../src/domain/errors.js';
import { dialects } from '../support/databases.js';

const t = { es: 'x', en: 'x' };
let loads = 0;
const double = defineCommand({
  name: 'double',
  alias: 'doble',
  description: t,
  access: 'anyone',
  cacheable: true,
  options: [{ name: 'n', kind: 'integer', names: { es: 'número', en: 'number' }, description: t, required: true }],
  handler: async (ctx, { n }) => {
    loads++;
    if (n < 0) throw new DomainError('figure_not_found', { id: n });
    return reply(ctx.locale, text(`${ctx.locale}:${n * 2}`));
  },
});
const uncached = defineCommand({ name: 'fresh', alias: null, description: t, access: 'anyone', options: [], handler: async (ctx) => reply(ctx.locale, text('fresh')) });
const adminsOnly = defineCommand({
  name: 'settings',
  alias: null,
  description: t,
  access: 'private-or-chat-admin',
  cacheable: true,
  options: [],
  handler: async (ctx) => reply(ctx.locale, text('settings')),
});
const registry = createRegistry([double, uncached, adminsOnly]);

/** keptReply as the platforms call it: with the command the registry finds for the name. */
const kept = (inv: Invocation, deps: CommandDeps) => keptReply(registry.find(inv.commandName), inv, deps);

function invocation(overrides: Partial<Invocation> = {}, languageCode?: string): Invocation {
  return {
    platform: 'telegram',
    commandName: 'double',
    rawArgs: '21',
    user: { platform: 'telegram', id: '42', isChatAdmin: true, ...(languageCode === undefined ? {} : { languageCode }) },
    chat: { id: '42', type: 'private' },
    ...overrides,
  };
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`keptReply (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let deps: CommandDeps;
    beforeEach(async () => {
      handle = await dialect.open();
      deps = { db: handle.db, config: { owners: [], defaultLocale: 'es' }, now: () => new Date('2026-02-01T12:00:00Z') };
      loads = 0;
    });
    afterEach(async () => handle.close());

    if (dialect.name !== 'sqlite') {
      it('gives nothing on PostgreSQL, whose data version cannot be read without waiting', async () => {
        const answer = await runCommand(registry, invocation(), deps);
        expect(await runCommand(registry, invocation(), deps)).toBe(answer);
        expect(kept(invocation(), deps)).toBeUndefined();
      });
      return;
    }

    it('is the very reply runCommand kept, once it has been asked', async () => {
      expect(kept(invocation(), deps)).toBeUndefined();
      const answer = await runCommand(registry, invocation(), deps);
      expect(kept(invocation(), deps)).toBe(answer);
      // By alias, and with the arguments typed differently but read the same.
      expect(kept(invocation({ commandName: '/doble', rawArgs: ' 21 ' }), deps)).toBe(answer);
      expect(kept(invocation({ rawArgs: undefined, options: { n: 21 } }), deps)).toBe(answer);
      // The same chat id on another platform is another chat, whose setting is not kept yet.
      expect(kept(invocation({ platform: 'discord' }), deps)).toBeUndefined();
      expect(loads).toBe(1);
    });

    it('is kept per arguments, language and day', async () => {
      await runCommand(registry, invocation(), deps);
      expect(kept(invocation({ rawArgs: '22' }), deps)).toBeUndefined();
      expect(kept(invocation({}, 'en'), deps)).toBeUndefined();
      expect(kept(invocation(), { ...deps, now: () => new Date('2026-02-02T00:00:01Z') })).toBeUndefined();
      const english = await runCommand(registry, invocation({}, 'en-GB'), deps);
      expect(kept(invocation({}, 'en'), deps)).toBe(english);
      expect(english.locale).toBe('en');
    });

    it('follows the chat setting: nothing until the setting is kept, then the reply in its language', async () => {
      await setChatLocale(handle.db, { platform: 'telegram', chatId: '42' }, 'en', { actor: 'telegram:42', now: new Date() });
      // A write since: nothing is kept as of the data now.
      expect(kept(invocation({}, 'es'), deps)).toBeUndefined();
      const answer = await runCommand(registry, invocation({}, 'es'), deps);
      expect(answer.locale).toBe('en');
      expect(kept(invocation({}, 'es'), deps)).toBe(answer);
      // Another chat of the same user, whose setting has not been read yet: no guess.
      expect(kept(invocation({ chat: { id: '-100', type: 'group' } }, 'es'), deps)).toBeUndefined();
    });

    it('gives nothing after a write, until runCommand has read the data again', async () => {
      const before = await runCommand(registry, invocation(), deps);
      await setChatLocale(handle.db, { platform: 'telegram', chatId: '-7' }, 'en', { actor: 'telegram:1', now: new Date() });
      expect(kept(invocation(), deps)).toBeUndefined();
      const after = await runCommand(registry, invocation(), deps);
      expect(after).not.toBe(before);
      expect(kept(invocation(), deps)).toBe(after);
      expect(loads).toBe(2);
    });

    it('gives nothing where runCommand would do more than hand over a kept reply', async () => {
      await runCommand(registry, invocation({ commandName: 'fresh', rawArgs: '' }), deps);
      expect(kept(invocation({ commandName: 'fresh', rawArgs: '' }), deps)).toBeUndefined();
      await runCommand(registry, invocation({ commandName: 'settings', rawArgs: '' }), deps);
      expect(kept(invocation({ commandName: 'settings', rawArgs: '' }), deps)).toBeUndefined();
      expect(kept(invocation({ commandName: 'nope' }), deps)).toBeUndefined();
      // Arguments that do not parse, and a handler's domain error: runCommand's error replies.
      expect((await runCommand(registry, invocation({ rawArgs: 'many' }), deps)).blocks[0]?.kind).toBe('error');
      expect(kept(invocation({ rawArgs: 'many' }), deps)).toBeUndefined();
      expect((await runCommand(registry, invocation({ rawArgs: '-1' }), deps)).blocks[0]?.kind).toBe('error');
      expect(kept(invocation({ rawArgs: '-1' }), deps)).toBeUndefined();
    });

    it('gives nothing while a transaction is open on the connection (its data version is not committed)', async () => {
      const answer = await runCommand(registry, invocation(), deps);
      await handle.db.transaction().execute(async (trx) => {
        expect(kept(invocation(), { ...deps, db: trx })).toBeUndefined();
        expect(kept(invocation(), deps)).toBeUndefined();
      });
      expect(kept(invocation(), deps)).toBe(answer);
    });
  });
}
