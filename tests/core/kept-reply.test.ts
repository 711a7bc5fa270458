// Kept answers are not a second path: runCommand answers a cacheable command from the read cache
// under one key — the same reply object while nothing is written, per arguments, language and
// day — after the same access check and argument parsing as every other answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { setChatLocale } from '../../src/core/chat-locale.js';
import { defineCommand } from '../../src/core/command.js';
import type { Invocation } from '../../src/core/invocation.js';
import { createRegistry } from '../../src/core/registry.js';
import { reply, text } from '../../src/core/reply.js';
import { presentCommand, runCommand, type CommandDeps, type Presenter } from '../../src/core/run-command.js';
import { DomainError } from '../../src/domain/errors.js';
import { createReadCache } from '../../src/domain/read-cache.js';
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
    if (n === 13) throw new DomainError('figure_not_found', { id: n });
    return reply(ctx.locale, text(`${ctx.locale}:${n * 2}`));
  },
});
const fresh = defineCommand({ name: 'fresh', alias: null, description: t, access: 'anyone', options: [], handler: async (ctx) => reply(ctx.locale, text(`fresh ${++loads}`)) });
const adminsOnly = defineCommand({
  name: 'settings',
  alias: null,
  description: t,
  access: 'private-or-chat-admin',
  cacheable: true,
  options: [],
  handler: async (ctx) => reply(ctx.locale, text('settings')),
});
const registry = createRegistry([double, fresh, adminsOnly]);

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
  describe.skipIf(!dialect.available)(`kept answers through runCommand (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let deps: CommandDeps;
    const run = (inv: Invocation, more: Partial<CommandDeps> = {}) => runCommand(registry, inv, { ...deps, ...more });
    beforeEach(async () => {
      handle = await dialect.open();
      deps = { db: handle.db, cache: createReadCache(handle.capabilities.dataVersion), config: { owners: [], defaultLocale: 'es' }, now: () => new Date('2026-02-01T12:00:00Z') };
      loads = 0;
    });
    afterEach(async () => handle.close());

    it('gives the very reply it kept, by name or alias, however the arguments were typed', async () => {
      const answer = await run(invocation());
      expect(await run(invocation())).toBe(answer);
      expect(await run(invocation({ commandName: '/doble', rawArgs: ' 21 ' }))).toBe(answer);
      expect(await run(invocation({ rawArgs: undefined, options: { n: 21 } }))).toBe(answer);
      expect(loads).toBe(1);
    });

    it('keeps per arguments, language and day', async () => {
      const answer = await run(invocation());
      expect(await run(invocation({ rawArgs: '22' }))).not.toBe(answer);
      const english = await run(invocation({}, 'en-GB'));
      expect(english.locale).toBe('en');
      expect(english).not.toBe(answer);
      expect(await run(invocation(), { now: () => new Date('2026-02-02T00:00:01Z') })).not.toBe(answer);
      expect(loads).toBe(4);
      expect(await run(invocation({}, 'en'))).toBe(english);
    });

    it('follows the chat setting and every write: a new answer after each', async () => {
      const before = await run(invocation({}, 'es'));
      await setChatLocale(handle.db, { platform: 'telegram', chatId: '42' }, 'en', { actor: 'telegram:42', now: new Date() });
      const after = await run(invocation({}, 'es'));
      expect(after.locale).toBe('en');
      expect(after).not.toBe(before);
      expect(await run(invocation({}, 'es'))).toBe(after);
      expect(loads).toBe(2);
    });

    it('checks access before anything kept: a reply kept for an admin is refused to a member', async () => {
      const group = { chat: { id: '-100', type: 'group' as const }, commandName: 'settings', rawArgs: '' };
      const forAdmin = await run(invocation(group));
      expect(forAdmin.blocks[0]).toMatchObject({ kind: 'text' });
      const member = invocation(group);
      const refused = await run({ ...member, user: { ...member.user, isChatAdmin: false } });
      expect(refused.blocks[0]?.kind).toBe('error');
    });

    it('keeps nothing of a command that is not cacheable, nor of an error reply', async () => {
      const first = await run(invocation({ commandName: 'fresh', rawArgs: '' }));
      expect(await run(invocation({ commandName: 'fresh', rawArgs: '' }))).not.toEqual(first);
      expect((await run(invocation({ rawArgs: 'many' }))).blocks[0]?.kind).toBe('error');
      expect(loads).toBe(2);
      // A handler's domain error is answered every time, never kept.
      expect((await run(invocation({ rawArgs: '13' }))).blocks[0]?.kind).toBe('error');
      expect((await run(invocation({ rawArgs: '13' }))).blocks[0]?.kind).toBe('error');
      expect(loads).toBe(4);
    });

    it('keeps the answer as the caller presents it: rendered once per presenter, errors presented every time', async () => {
      let rendered = 0;
      const shout: Presenter<string> = { name: 'shout', present: (answer) => `${++rendered}:${JSON.stringify(answer.blocks)}` };
      const whisper: Presenter<string> = { name: 'whisper', present: () => `w${++rendered}` };
      const first = await presentCommand(registry, invocation(), deps, shout);
      expect(await presentCommand(registry, invocation({ commandName: 'doble' }), deps, shout)).toBe(first);
      expect(rendered).toBe(1);
      expect(loads).toBe(1);
      // Another presenter renders the same question for itself, and the handler runs for it.
      expect(await presentCommand(registry, invocation(), deps, whisper)).toBe('w2');
      expect(await runCommand(registry, invocation(), deps)).toMatchObject({ locale: 'es' });
      // Refusals and errors go through the presenter too, and are never kept.
      const member = invocation({ chat: { id: '-100', type: 'group' }, commandName: 'settings', rawArgs: '' });
      const refusal = await presentCommand(registry, { ...member, user: { ...member.user, isChatAdmin: false } }, deps, shout);
      expect(refusal).toContain('"kind":"error"');
      const bad = await presentCommand(registry, invocation({ rawArgs: '13' }), deps, shout);
      expect(bad).toContain('"kind":"error"');
      expect(await presentCommand(registry, invocation({ rawArgs: '13' }), deps, shout)).not.toBe(bad);
    });

    it('without a cache, answers the same and keeps nothing', async () => {
      const { cache: _cache, ...uncached } = deps;
      const first = await runCommand(registry, invocation(), uncached);
      const second = await runCommand(registry, invocation(), uncached);
      expect(second).toEqual(first);
      expect(second).not.toBe(first);
    });
  });
}
