// What a Spanish-speaking editor sees on Discord, through signed interactions on SQLite and
// PostgreSQL: accented option and command names in the registered JSON, /audit's count bounded
// (min 1, max 50), a figure typed "#17", /audit in words with times in CIFRAS_TIMEZONE, and
// "all indicators" offered by /subscribe's autocomplete.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { createCommandRegistry } from '../../../commands/index.js';
import { grantEditor } from '../../../src/domain/editors.js';
import { commandJson } from '../../../src/platforms/discord/command-json.js';
import { dialects } from '../../support/databases.js';
import { autocomplete, slashCommand, startDiscordHarness, USER_ID, type DiscordHarness } from './interaction-harness.js';

// Every command is a slash command (chat input), the only kind with options.
const registered = commandJson(createCommandRegistry()) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
const options = (name: string) => registered.find((c) => c.name === name)?.options ?? [];

describe('registered command JSON', () => {
  it('spells Spanish names with their accents, as Discord allows in localized names', () => {
    const spanishNames = registered.flatMap((c) => [c.name_localizations?.['es-ES'], ...(c.options ?? []).map((o) => o.name_localizations?.['es-ES'])]);
    expect(registered.find((c) => c.name === 'audit')?.name_localizations).toEqual({ 'es-ES': 'auditoría', 'es-419': 'auditoría' });
    expect(options('deliveries').map((o) => o.name_localizations?.['es-ES'])).toEqual(['acción', 'número']);
    expect(options('admins')[0]?.name_localizations?.['es-ES']).toBe('acción');
    for (const name of spanishNames) expect(name).toMatch(/^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}]{1,32}$/u);
    expect(spanishNames).not.toContain('accion');
    expect(spanishNames).not.toContain('numero');
  });

  it("bounds /audit's count: 1 to 50", () => {
    expect(options('audit')).toEqual([expect.objectContaining({ name: 'count', type: 4, min_value: 1, max_value: 50 })]);
  });

  it('takes figure ids as text, so "#17" can be typed', () => {
    for (const command of ['correct', 'retract']) {
      expect(options(command)[0]).toMatchObject({ name: 'figure', type: 3, autocomplete: true });
    }
  });
});

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Discord in natural Spanish (${dialect.name})`, () => {
    let h: DiscordHarness;
    beforeEach(async () => {
      h = await startDiscordHarness(await dialect.open());
      await grantEditor(h.handle.db, { platform: 'discord', userId: USER_ID }, { actor: 'discord:1', now: new Date('2026-02-01T15:30:00Z') });
    });
    afterEach(async () => {
      await h.close();
    });

    const embedsOf = (body: unknown) => JSON.stringify((body as { data?: { embeds?: unknown } }).data?.embeds ?? []);

    it('corrects a figure typed "#1"', async () => {
      const { body } = await h.send(slashCommand('correct', { figure: '#1', value: '905', reason: 'recuento revisado' }, { locale: 'es-ES' }));
      expect(embedsOf(body)).toContain('Cifra #1 corregida');
    });

    it('shows /audit actions in words and times in Caracas time, the zone named', async () => {
      const { body } = await h.send(slashCommand('audit', { count: 3 }, { locale: 'es-ES' }));
      const text = embedsOf(body);
      // 15:30 UTC is 11:30 in Caracas (UTC-4).
      expect(text).toContain('1 feb 2026, 11:30 (hora de Caracas) · discord:1 · **editor autorizado**');
      expect(text).toContain('**cifra registrada** · #4');
      expect(text).not.toMatch(/figure\.report|editor\.grant|T15:30/);
    });

    it('offers "all indicators" first in /subscribe and /unsubscribe autocomplete, sent as all', async () => {
      const empty = await h.send(autocomplete('subscribe', 'indicator', '', { locale: 'es-ES' }));
      expect(empty.body.data?.choices?.[0]).toEqual({ name: 'Todos los indicadores', value: 'all' });
      const typed = await h.send(autocomplete('unsubscribe', 'indicator', 'tod', { locale: 'es-ES' }));
      expect(typed.body.data?.choices?.[0]).toEqual({ name: 'Todos los indicadores', value: 'all' });
      const english = await h.send(autocomplete('subscribe', 'indicator', 'al', { locale: 'en-US' }));
      expect(english.body.data?.choices?.[0]).toEqual({ name: 'All indicators', value: 'all' });
      const presos = await h.send(autocomplete('subscribe', 'indicator', 'presos', { locale: 'es-ES' }));
      expect(presos.body.data?.choices?.map((c) => c.value)).toEqual(['political-prisoners']);
      const count = await h.send(autocomplete('count', 'indicator', '', { locale: 'es-ES' }));
      expect(count.body.data?.choices?.map((c) => c.value)).not.toContain('all');
    });
  });
}
