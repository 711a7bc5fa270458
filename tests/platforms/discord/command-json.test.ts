// Slash-command JSON from the command declarations, and its registration with Discord.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REST } from '@discordjs/rest';
import { createCommandRegistry } from '../../../commands/index.js';
import { loadConfig } from '../../../src/config.js';
import { defineCommand } from '../../../src/core/command.js';
import { createRegistry } from '../../../src/core/registry.js';
import { reply } from '../../../src/core/reply.js';
import { commandJson } from '../../../src/platforms/discord/command-json.js';
import { registerDiscord } from '../../../src/platforms/discord/register.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/fake-discord-api.js';
import { publicKeyHex } from '../../support/discord-signing.js';

/** A chat-input command's options (the JSON union also holds menu commands, which have none). */
const optionsOf = (command: object): unknown => ('options' in command ? command.options : undefined);

const byName = (name: string) => {
  const command = commandJson(createCommandRegistry()).find((c) => c.name === name);
  if (command === undefined) throw new Error(`no /${name}`);
  return command;
};

describe('commandJson', () => {
  it('localizes every command name and description for es-ES and es-419', () => {
    const all = commandJson(createCommandRegistry());
    expect(all.map((c) => c.name)).toEqual(createCommandRegistry().commands.map((c) => c.name));
    expect(all.map((c) => c.name)).toEqual(expect.arrayContaining(['help', 'count', 'indicators', 'sources', 'history', 'lang']));
    for (const command of all) {
      expect(Object.keys(command.name_localizations ?? {}).sort()).toEqual(['es-419', 'es-ES']);
      expect(Object.keys(command.description_localizations ?? {}).sort()).toEqual(['es-419', 'es-ES']);
    }
    expect(byName('count').name_localizations).toEqual({ 'es-ES': 'cifras', 'es-419': 'cifras' });
    expect(byName('count').description_localizations?.['es-419']).toBe('Las últimas cifras de cada fuente para un indicador');
  });

  it('types the options: autocompleted text for indicators and sources, fixed choices for the language', () => {
    expect(optionsOf(byName('history'))).toEqual([
      expect.objectContaining({ name: 'indicator', type: 3, required: true, autocomplete: true, name_localizations: { 'es-ES': 'indicador', 'es-419': 'indicador' } }),
      expect.objectContaining({ name: 'source', type: 3, required: false, autocomplete: true }),
      expect.objectContaining({ name: 'page', type: 4, required: false, min_value: 1, name_localizations: { 'es-ES': 'página', 'es-419': 'página' } }),
    ]);
    expect(optionsOf(byName('lang'))).toEqual([
      expect.objectContaining({ name: 'language', type: 3, required: true, choices: [{ name: 'es', value: 'es' }, { name: 'en', value: 'en' }] }),
    ]);
    expect(byName('lang').default_member_permissions).toBe(String(1 << 4));
    expect(byName('count').default_member_permissions).toBeUndefined();
  });

  it('lets a user install the commands that only read, and keeps the ones that write to servers', () => {
    const registry = createCommandRegistry();
    const all = commandJson(registry);
    const reach = (name: string) => {
      const command = all.find((c) => c.name === name);
      return { integration_types: command?.integration_types, contexts: command?.contexts };
    };
    const anywhere = { integration_types: [0, 1], contexts: [0, 1, 2] };
    const guildOnly = { integration_types: [0], contexts: [0] };
    for (const name of ['help', 'count', 'indicators', 'sources', 'history', 'subscriptions']) expect(reach(name)).toEqual(anywhere);
    for (const name of ['subscribe', 'unsubscribe', 'lang', 'report', 'correct', 'retract', 'audit', 'admins', 'deliveries']) {
      expect(reach(name)).toEqual(guildOnly);
    }
    // Every command is one or the other, by whether anyone may run it.
    for (const command of registry.commands) expect(reach(command.name)).toEqual(command.access === 'anyone' ? anywhere : guildOnly);
  });

  it('makes figure ids text with autocomplete, so #17 can be typed', () => {
    const correct = defineCommand({
      name: 'correct',
      alias: 'corregir',
      description: { es: 'Corrige una cifra', en: 'Corrects a figure' },
      options: [
        { name: 'figure', kind: 'figure-id', names: { es: 'cifra', en: 'figure' }, description: { es: 'La cifra', en: 'The figure' }, required: true, autocomplete: true },
        { name: 'reason', kind: 'text', names: { es: 'motivo', en: 'reason' }, description: { es: 'Por qué', en: 'Why' }, required: true },
      ],
      access: 'editor',
      handler: async (ctx) => reply(ctx.locale),
    });
    const [json] = commandJson(createRegistry([correct]));
    expect(optionsOf(json ?? {})).toEqual([
      expect.objectContaining({ name: 'figure', type: 3, autocomplete: true, required: true }),
      expect.objectContaining({ name: 'reason', type: 3, required: true }),
    ]);
  });

  it('refuses a declaration Discord would reject', () => {
    const tooLong = defineCommand({
      name: 'long',
      alias: null,
      description: { es: 'x'.repeat(101), en: 'fine' },
      options: [],
      access: 'anyone',
      handler: async (ctx) => reply(ctx.locale),
    });
    expect(() => commandJson(createRegistry([tooLong]))).toThrow();
    const badName = defineCommand({ ...tooLong, name: 'Bad Name', description: { es: 'bien', en: 'fine' } });
    expect(() => commandJson(createRegistry([badName]))).toThrow();
  });
});

describe('registerDiscord', () => {
  let api: FakeDiscordApi;
  beforeEach(async () => {
    api = await startFakeDiscordApi();
  });
  afterEach(async () => {
    await api.close();
  });

  it('replaces the global commands with the declared ones, with the bot token', async () => {
    const config = loadConfig({ DISCORD_APPLICATION_ID: '1234567890123456789', DISCORD_PUBLIC_KEY: publicKeyHex, DISCORD_BOT_TOKEN: 'bot-token', DISCORD_API_BASE: api.url });
    const rest = new REST({ version: '10', api: api.url, retries: 0 }).setToken('bot-token');
    const registry = createCommandRegistry();
    const count = await registerDiscord({ config, registry, rest });
    expect(count).toBe(registry.commands.length);
    const [call] = api.calls;
    expect(call?.route).toBe('PUT /applications/:app/commands');
    expect(call?.path).toBe('/v10/applications/1234567890123456789/commands');
    expect(call?.authorization).toBe('Bot bot-token');
    expect(api.commands.get('global')).toEqual(commandJson(registry));
    const registered = api.commands.get('global') as { name: string; integration_types?: number[]; contexts?: number[] }[];
    expect(registered.find((c) => c.name === 'count')).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    expect(registered.find((c) => c.name === 'report')).toMatchObject({ integration_types: [0], contexts: [0] });
  });
});
