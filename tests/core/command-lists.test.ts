// What the platforms register and show, derived from the command declarations alone.
import { describe, expect, it } from 'vitest';
import { commands, createCommandRegistry } from '../../commands/index.js';
import { helpText, usageLine } from '../../src/core/help-text.js';
import { commandSchemas } from '../../src/platforms/discord/command-schema.js';
import { telegramCommandLists } from '../../src/platforms/telegram/command-lists.js';
import { createRegistry } from '../../src/core/registry.js';

const registry = createCommandRegistry();

describe('help text', () => {
  it('lists every command with its alias, Spanish names first in Spanish', () => {
    const es = helpText(registry, 'es').split('\n');
    const en = helpText(registry, 'en').split('\n');
    expect(es).toHaveLength(commands.length);
    for (const command of commands) {
      expect(en.some((line) => line.startsWith(`/${command.name}`) && (command.alias === null || line.includes(`(/${command.alias})`)))).toBe(true);
      if (command.alias !== null) expect(es.some((line) => line.startsWith(`/${command.alias} (/${command.name})`))).toBe(true);
    }
    expect(es).toContain('/cifras (/count) [indicador] — Las últimas cifras de cada fuente para un indicador');
    expect(en).toContain('/history (/historial) <indicator> [source] [page] — Every figure for an indicator, with corrections and retractions');
  });

  it('shows choices in usage lines', () => {
    const lang = registry.find('idioma');
    expect(lang && usageLine(lang, 'es')).toBe('/idioma <es|en>');
  });
});

describe('registry', () => {
  it('finds commands by name, alias or synonym, ignoring case, slash and bot mention', () => {
    expect(registry.find('/Cifras@cifras_bot')?.name).toBe('count');
    expect(registry.find('start')?.name).toBe('help');
    expect(registry.find('nope')).toBeUndefined();
  });

  it('refuses two commands claiming one name', () => {
    const help = registry.find('help');
    expect(help).toBeDefined();
    if (help) expect(() => createRegistry([help, { ...help, name: 'other' }])).toThrow(/ayuda/);
  });
});

describe('telegramCommandLists', () => {
  it('gives the English menu by default and the Spanish one for es, within Telegram limits', () => {
    const lists = telegramCommandLists(registry);
    expect(lists.default.map((c) => c.command)).toEqual(commands.map((c) => c.name));
    expect(lists.es.map((c) => c.command)).toEqual(commands.map((c) => c.alias ?? c.name));
    expect(lists.es.find((c) => c.command === 'cifras')?.description).toBe('Las últimas cifras de cada fuente para un indicador');
    for (const entry of [...lists.default, ...lists.es]) {
      expect(entry.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(entry.description.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeLessThanOrEqual(256);
    }
  });
});

describe('commandSchemas', () => {
  it('carries localized names, value types, autocomplete and choices for Discord', () => {
    const schemas = commandSchemas(registry);
    const history = schemas.find((s) => s.name === 'history');
    expect(history?.alias).toBe('historial');
    expect(history?.options.map((o) => [o.name, o.names.es, o.valueType, o.required, o.autocomplete])).toEqual([
      ['indicator', 'indicador', 'string', true, true],
      ['source', 'fuente', 'string', false, true],
      ['page', 'página', 'integer', false, false],
    ]);
    expect(schemas.find((s) => s.name === 'lang')?.options[0]?.choices).toEqual(['es', 'en']);
    expect(schemas.find((s) => s.name === 'lang')?.access).toBe('private-or-chat-admin');
    // Discord: names 1-32 lower-case, descriptions 1-100 characters.
    for (const schema of schemas) {
      for (const name of [schema.name, schema.alias ?? schema.name, ...schema.options.flatMap((o) => [o.name, o.names.es])]) {
        expect(name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      }
      for (const d of [schema.description, ...schema.options.map((o) => o.description)]) {
        expect(d.es.length).toBeLessThanOrEqual(100);
        expect(d.en.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
