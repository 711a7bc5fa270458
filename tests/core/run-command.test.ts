// The dispatcher on both databases: language resolution, access, argument errors and domain
// errors turned into translated replies in one place, other errors left to the platform.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { setChatLocale } from '../../src/core/chat-locale.js';
import { defineCommand } from '../../src/core/command.js';
import type { Invocation } from '../../src/core/invocation.js';
import { createRegistry } from '../../src/core/registry.js';
import { reply, text, type Reply } from '../../src/core/reply.js';
import { runCommand, type CommandDeps } from '../../src/core/run-command.js';
import { DomainError } from '../../src/domain/errors.js';
import { dialects } from '../support/databases.js';

const t = { es: 'x', en: 'x' };
const echo = defineCommand({
  name: 'echo',
  alias: 'eco',
  description: t,
  access: 'anyone',
  options: [{ name: 'n', kind: 'integer', names: { es: 'número', en: 'number' }, description: t, required: true }],
  handler: async (ctx, { n }) => reply(ctx.locale, text(`${ctx.locale}:${n * 2}:${ctx.actor}`)),
});
const fail = defineCommand({
  name: 'fail',
  alias: null,
  description: t,
  access: 'anyone',
  options: [{ name: 'how', kind: 'choice', names: t, description: t, required: true, choices: ['domain', 'bug'] }],
  handler: async (_ctx, { how }) => {
    if (how === 'domain') throw new DomainError('figure_not_found', { id: 17 });
    throw new Error('a bug');
  },
});
const groupAdmin = defineCommand({
  name: 'settings',
  alias: 'ajustes',
  description: t,
  access: 'private-or-chat-admin',
  options: [],
  handler: async (ctx) => reply(ctx.locale, text('ok')),
});
const editorOnly = defineCommand({
  name: 'edit',
  alias: 'editar',
  description: t,
  access: 'editor',
  options: [],
  handler: async (ctx) => reply(ctx.locale, text('edited')),
});
const registry = createRegistry([echo, fail, groupAdmin, editorOnly]);

function invocation(overrides: Partial<Invocation> = {}, user: Partial<Invocation['user']> = {}): Invocation {
  return {
    platform: 'telegram',
    commandName: 'echo',
    rawArgs: '21',
    user: { platform: 'telegram', id: '42', isChatAdmin: false, ...user },
    chat: { id: '-100', type: 'group' },
    ...overrides,
  };
}

function plain(value: Reply): string {
  return value.blocks
    .map((b) => (b.kind === 'text' ? b.parts.map((p) => p.text).join('') : b.kind === 'error' ? `error:${b.message}|${b.hint ?? ''}` : b.kind))
    .join('\n');
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`runCommand (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let deps: CommandDeps;
    beforeEach(async () => {
      handle = await dialect.open();
      deps = {
        db: handle.db,
        config: { owners: [{ platform: 'telegram', userId: '1' }], defaultLocale: 'es' },
        now: () => new Date('2026-02-01T12:00:00Z'),
      };
    });
    afterEach(async () => handle.close());

    it('runs a command by name or alias with typed arguments', async () => {
      expect(plain(await runCommand(registry, invocation(), deps))).toBe('es:42:telegram:42');
      expect(plain(await runCommand(registry, invocation({ commandName: '/eco', rawArgs: '2' }), deps))).toBe('es:4:telegram:42');
      const discord = invocation({ platform: 'discord', rawArgs: undefined, options: { n: 5 } }, { platform: 'discord', id: '8035' });
      expect(plain(await runCommand(registry, discord, deps))).toBe('es:10:discord:8035');
    });

    it('answers in the chat setting, else the user language, else the default', async () => {
      expect((await runCommand(registry, invocation({}, { languageCode: 'en-GB' }), deps)).locale).toBe('en');
      expect((await runCommand(registry, invocation({}, { languageCode: 'pt-BR' }), deps)).locale).toBe('es');
      await setChatLocale(handle.db, { platform: 'telegram', chatId: '-100' }, 'en', { actor: 'telegram:1', now: new Date() });
      expect((await runCommand(registry, invocation({}, { languageCode: 'es' }), deps)).locale).toBe('en');
      // Another platform's chat with the same id is another chat.
      expect((await runCommand(registry, invocation({ platform: 'discord' }), deps)).locale).toBe('es');
      expect((await runCommand(registry, invocation({ locale: 'es' }), deps)).locale).toBe('es');
    });

    it('turns argument errors into a translated message with the usage line', async () => {
      expect(plain(await runCommand(registry, invocation({ rawArgs: 'muchos' }), deps))).toBe(
        'error:«número» se escribe con cifras, sin signo ni decimales (por ejemplo, 10); has escrito «muchos».|Uso: /eco <número>',
      );
      const en = await runCommand(registry, invocation({ rawArgs: '' }, { languageCode: 'en' }), deps);
      expect(plain(en)).toBe('error:"number" is missing.|Usage: /echo <number>');
    });

    it('turns domain errors into a translated message and rethrows anything else', async () => {
      expect(plain(await runCommand(registry, invocation({ commandName: 'fail', rawArgs: 'domain' }), deps))).toBe(
        'error:No existe la cifra #17.|',
      );
      await expect(runCommand(registry, invocation({ commandName: 'fail', rawArgs: 'bug' }), deps)).rejects.toThrow('a bug');
    });

    it('says so for an unknown command', async () => {
      expect(plain(await runCommand(registry, invocation({ commandName: 'nope' }), deps))).toMatch(/^error:No conozco el comando \/nope/);
    });

    it('lets only chat admins and owners use private-or-chat-admin commands in a group', async () => {
      const settings = { commandName: 'ajustes', rawArgs: '' };
      expect(plain(await runCommand(registry, invocation(settings), deps))).toBe(
        'error:En este chat solo sus administradores pueden usar /ajustes.|',
      );
      expect(plain(await runCommand(registry, invocation(settings, { isChatAdmin: true }), deps))).toBe('ok');
      expect(plain(await runCommand(registry, invocation(settings, { id: '1' }), deps))).toBe('ok');
      const privateChat = invocation({ ...settings, chat: { id: '42', type: 'private' } });
      expect(plain(await runCommand(registry, privateChat, deps))).toBe('ok');
    });

    it('lets owners and whoever isEditor names use editor commands', async () => {
      const edit = { commandName: 'edit', rawArgs: '' };
      expect(plain(await runCommand(registry, invocation(edit, { isChatAdmin: true }), deps))).toMatch(/^error:Solo los editores/);
      expect(plain(await runCommand(registry, invocation(edit, { id: '1' }), deps))).toBe('edited');
      // An owner id on another platform is another person.
      expect(plain(await runCommand(registry, invocation(edit, { platform: 'discord', id: '1' }), deps))).toMatch(/^error:/);
      const withEditors: CommandDeps = { ...deps, isEditor: async (_db, platform, id) => platform === 'telegram' && id === '42' };
      expect(plain(await runCommand(registry, invocation(edit), withEditors))).toBe('edited');
    });
  });
}
