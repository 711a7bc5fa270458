// Every reader command at realistic scale (tests/support/realistic-fixture.ts: 30 indicators, 15
// sources, 5,014 figures), through the real entry points — Telegram updates posted to the webhook,
// Discord interactions signed and posted — on SQLite and PostgreSQL. Each answer must fit the
// platform (Telegram: one message of at most 4,096 characters, callback data of 64 bytes; Discord:
// 10 embeds, 6,000 characters in all, 4,096 a description, 256 a title or field name, 25 fields of
// at most 1,024) without the platform having to cut it, and whatever a page leaves out must be
// reachable: following the buttons shows every indicator and every figure exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { dialects } from '../support/databases.js';
import { loadRealisticFixture, PRISONERS_FIGURES, type RealisticFixture } from '../support/realistic-fixture.js';
import { startTelegramHarness, messageUpdate, callbackQueryUpdate, webhookReply, privateChat, BOT_INFO, type TelegramHarness } from './telegram/telegram-harness.js';
import { startDiscordHarness, slashCommand, buttonPress, type Answer, type DiscordHarness } from './discord/interaction-harness.js';

const PUBLIC_URL = 'https://cifras.example.org';

interface TelegramAnswer {
  readonly text: string;
  readonly buttons: readonly { readonly text: string; readonly callback_data: string }[];
}

/** Checks Telegram's limits on every message of an answer, and that the answer is one message. */
function checkTelegram(messages: readonly TelegramAnswer[], what: string): TelegramAnswer {
  expect(messages, what).toHaveLength(1);
  const [message] = messages;
  expect(message!.text.length, what).toBeLessThanOrEqual(4096);
  // Nothing cut by the renderer: its cut marks are the reply-cut note and a bare ellipsis line end.
  expect(message!.text, what).not.toMatch(/respuesta recortada|reply cut short/);
  // The Share button opens inline mode (switch_inline_query) and carries no callback_data.
  for (const button of message!.buttons) if ('callback_data' in button) expect(Buffer.byteLength(button.callback_data), what).toBeLessThanOrEqual(64);
  return message!;
}

/** Discord's limits on one message's embeds. */
function checkDiscord(answer: Answer, what: string): { text: string; buttons: { custom_id: string; label: string }[] } {
  const embeds: readonly APIEmbed[] = answer.data?.embeds ?? [];
  expect(embeds.length, what).toBeGreaterThan(0);
  expect(embeds.length, what).toBeLessThanOrEqual(10);
  let total = 0;
  for (const embed of embeds) {
    expect((embed.title ?? '').length, what).toBeLessThanOrEqual(256);
    expect((embed.description ?? '').length, what).toBeLessThanOrEqual(4096);
    expect((embed.fields ?? []).length, what).toBeLessThanOrEqual(25);
    total += (embed.title ?? '').length + (embed.description ?? '').length;
    for (const field of embed.fields ?? []) {
      expect(field.name.length, what).toBeLessThanOrEqual(256);
      expect(field.value.length, what).toBeLessThanOrEqual(1024);
      total += field.name.length + field.value.length;
    }
    // fitEmbeds clips with a trailing ellipsis: a reply that fits is never clipped.
    expect(embed.description ?? '', what).not.toMatch(/…$/);
  }
  expect(total, what).toBeLessThanOrEqual(6000);
  const buttons = (answer.data?.components ?? []).flatMap((row) => row.components.map((c) => ({ custom_id: c.custom_id, label: c.label })));
  for (const button of buttons) expect(button.custom_id.length, what).toBeLessThanOrEqual(100);
  const text = embeds.map((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n')).join('\n');
  return { text, buttons };
}

/** Markup and escapes removed, so names can be looked for in either platform's text. */
function plain(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\(https?:[^)\s]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\\([\\*_~`|>#()[\]-])/g, '$1')
    .replace(/\*\*/g, '');
}

function figureIdsIn(text: string): number[] {
  // History entries start a line with the figure id (`#17 · …`, bold on both platforms).
  return [...plain(text).matchAll(/^#(\d+) · /gm)].map((m) => Number(m[1]));
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`realistic fixture on Telegram (${dialect.name})`, () => {
    let h: TelegramHarness;
    let fixture: RealisticFixture;

    beforeAll(async () => {
      h = await startTelegramHarness(dialect, undefined, {
        seed: false,
        prepare: async (handle) => {
          fixture = await loadRealisticFixture(handle);
        },
      });
    }, 120_000);
    afterAll(async () => h?.close());

    /** Posts a command and collects every message of its answer (the last rides in the response). */
    async function ask(text: string, from = { id: 7001, is_bot: false, first_name: 'Ana', language_code: 'es' }): Promise<TelegramAnswer[]> {
      const before = h.api.calls.length;
      const reply = await webhookReply(await h.post(messageUpdate(text, { from, chat: privateChat(from.id) })));
      return collect(before, reply);
    }

    async function press(data: string): Promise<TelegramAnswer[]> {
      const message = { message_id: 900, date: 1, chat: privateChat(), from: BOT_INFO, text: '…' };
      const before = h.api.calls.length;
      await webhookReply(await h.post(callbackQueryUpdate(data, message)));
      return collect(before, null);
    }

    function collect(before: number, reply: Record<string, unknown> | null): TelegramAnswer[] {
      const sent = h.api.calls.slice(before).filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText').map((c) => c.params);
      const all = reply !== null && (reply['method'] === 'sendMessage' || reply['method'] === 'editMessageText') ? [...sent, reply] : sent;
      return all.map((m) => ({
        text: String(m['text']),
        buttons: ((m['reply_markup'] as { inline_keyboard?: TelegramAnswer['buttons'][] } | undefined)?.inline_keyboard ?? []).flat(),
      }));
    }

    it('/cifras with no indicator fits one message, and its pages show every indicator once', async () => {
      const first = checkTelegram(await ask('/cifras'), '/cifras');
      expect(first.text).toMatch(/^<b>Últimas cifras<\/b>/);
      const seen: string[] = [];
      const pages: string[] = [];
      let page = first;
      for (let n = 1; n <= 10; n++) {
        pages.push(plain(page.text));
        for (const indicator of fixture.indicators) if (plain(page.text).includes(`• ${indicator.name.es}: `)) seen.push(indicator.slug);
        const next = page.buttons.find((b) => b.text.endsWith('▸'));
        if (next === undefined) break;
        // What is left out is said, with how to see it.
        expect(plain(page.text)).toMatch(/Faltan \d+ indicadores en las páginas siguientes\./);
        expect(plain(page.text)).toContain('escribe /cifras seguido de su número o usa los botones');
        page = checkTelegram(await press(next.callback_data), next.callback_data);
      }
      expect(seen.sort()).toEqual(fixture.indicators.map((i) => i.slug).sort());
      // Several sources: the lowest and highest with their sources.
      expect(pages.join('\n')).toMatch(/• Presos políticos: [\d.~≥≤–]+.* \(.+\) – .* \(.+\) · 15 fuentes/);
      expect(first.text).toContain(`<a href="${PUBLIC_URL}/">Todas las cifras en la web</a>`);
    });

    it('/cifras for each of the 30 indicators fits, with every source that has a figure and the web page', async () => {
      for (const indicator of fixture.indicators) {
        const message = checkTelegram(await ask(`/cifras ${indicator.slug}`), indicator.slug);
        expect(message.text).toContain(`<a href="${PUBLIC_URL}/indicators/${indicator.slug}">Historial completo y gráfico</a>`);
      }
      const prisoners = checkTelegram(await ask('/cifras presos políticos'), 'presos políticos');
      expect(prisoners.text.match(/^• <b>/gm)).toHaveLength(15);
      expect(prisoners.text).toContain('<i>Rango entre fuentes</i>');
    });

    it('/indicadores, /fuentes and /suscripciones fit, listing everything or saying where the rest is', async () => {
      let list = checkTelegram(await ask('/indicadores'), '/indicadores');
      const listed: string[] = [];
      for (let n = 0; n < 10; n++) {
        listed.push(...[...plain(list.text).matchAll(/^• .* \(([a-z-]+), recuento/gm)].map((m) => m[1]!));
        const next = list.buttons.find((b) => b.text.endsWith('▸'));
        if (next === undefined) break;
        expect(plain(list.text)).toMatch(/Faltan \d+ indicadores/);
        list = checkTelegram(await press(next.callback_data), next.callback_data);
      }
      expect(listed.sort()).toEqual(fixture.indicators.map((i) => i.slug).sort());
      const sources = checkTelegram(await ask('/fuentes'), '/fuentes');
      for (const source of fixture.sources) expect(plain(sources.text)).toContain(source.name);
      for (const indicator of fixture.indicators) await ask(`/suscribir ${indicator.slug}`, { id: 7002, is_bot: false, first_name: 'Eva', language_code: 'es' });
      const subscriptions = checkTelegram(await ask('/suscripciones', { id: 7002, is_bot: false, first_name: 'Eva', language_code: 'es' }), '/suscripciones');
      for (const indicator of fixture.indicators) expect(plain(subscriptions.text)).toContain(indicator.name.es);
    });

    it('/historial presos políticos: pages that fit, every figure once in history order, through the buttons', async () => {
      const expected = await historyIds(h, 'political-prisoners');
      expect(expected).toHaveLength(PRISONERS_FIGURES);
      let page = checkTelegram(await ask('/historial presos políticos'), '/historial');
      expect(plain(page.text)).toMatch(/^Historial: Presos políticos \(página 1 de \d+\)/);
      const seen: number[] = [];
      for (let n = 0; n < 200; n++) {
        seen.push(...figureIdsIn(page.text));
        expect(plain(page.text)).not.toContain('publicada');
        const next = page.buttons.find((b) => b.text.endsWith('▸'));
        if (next === undefined) break;
        page = checkTelegram(await press(next.callback_data), next.callback_data);
      }
      expect(seen).toEqual(expected);
      // An explicit page number, and one source.
      const third = checkTelegram(await ask('/historial presos políticos 3'), 'page 3');
      expect(plain(third.text)).toMatch(/\(página 3 de \d+\)/);
      const fp = checkTelegram(await ask('/historial presos políticos foro penal 2'), 'foro penal 2');
      expect(plain(fp.text)).toMatch(/^Historial: Presos políticos — Foro Penal \(página 2 de \d+\)/);
      expect(plain((await ask('/historial presos políticos 999'))[0]!.text)).toMatch(/^Historial: Presos políticos\n+No hay página 999: son \d+ en total\./);
    }, 120_000);

    it('/cifra shows a much-corrected figure whole, every revision with its recorded time', async () => {
      const id = mostRevised(fixture);
      const message = checkTelegram(await ask(`/cifra #${id}`), `/cifra ${id}`);
      const revisions = fixture.revisions.filter((r) => r.figure_id === id);
      expect(plain(message.text).match(/^• (registrada|corregida|retirada) \d+ \w+ \d{4}, \d\d:\d\d \(hora de Caracas\)/gm)).toHaveLength(revisions.length);
      expect(message.text).toContain(`<a href="${PUBLIC_URL}/figures/${id}">En la web</a>`);
    });
  });

  describe.skipIf(!dialect.available)(`realistic fixture on Discord (${dialect.name})`, () => {
    let h: DiscordHarness;
    let fixture: RealisticFixture;

    beforeAll(async () => {
      const handle = await dialect.open();
      fixture = await loadRealisticFixture(handle);
      h = await startDiscordHarness(handle, { seed: false, env: { PUBLIC_URL } });
    }, 120_000);
    afterAll(async () => h?.close());

    async function ask(name: string, options: Record<string, string | number> = {}, locale = 'es-ES') {
      const { status, body } = await h.send(slashCommand(name, options, { locale, dm: true }));
      expect(status).toBe(200);
      return body;
    }

    async function press(customId: string) {
      const { status, body } = await h.send(buttonPress(customId, { dm: true }));
      expect(status).toBe(200);
      return body;
    }

    it('/count with no indicator fits one message, and its pages show every indicator once', async () => {
      let answer = checkDiscord(await ask('count'), '/count');
      const seen: string[] = [];
      for (let n = 1; n <= 10; n++) {
        for (const indicator of fixture.indicators) if (plain(answer.text).includes(`• ${indicator.name.es}: `)) seen.push(indicator.slug);
        const next = answer.buttons.find((b) => b.label.endsWith('▸'));
        if (next === undefined) break;
        expect(plain(answer.text)).toMatch(/Faltan \d+ indicadores en las páginas siguientes\./);
        answer = checkDiscord(await press(next.custom_id), next.custom_id);
      }
      expect(seen.sort()).toEqual(fixture.indicators.map((i) => i.slug).sort());
    });

    it('/count for each of the 30 indicators fits, in both languages', async () => {
      for (const indicator of fixture.indicators) {
        for (const locale of ['es-ES', 'en-US']) {
          const answer = checkDiscord(await ask('count', { indicator: indicator.slug }, locale), `${indicator.slug} ${locale}`);
          expect(answer.text).toContain(`${PUBLIC_URL}/indicators/${indicator.slug}`);
        }
      }
    });

    it('/indicators, /sources and /subscriptions fit', async () => {
      let list = checkDiscord(await ask('indicators'), '/indicators');
      const listed: string[] = [];
      for (let n = 0; n < 10; n++) {
        listed.push(...[...plain(list.text).matchAll(/^• .* \(([a-z-]+), recuento/gm)].map((m) => m[1]!));
        const next = list.buttons.find((b) => b.label.endsWith('▸'));
        if (next === undefined) break;
        list = checkDiscord(await press(next.custom_id), next.custom_id);
      }
      expect(listed.sort()).toEqual(fixture.indicators.map((i) => i.slug).sort());
      const sources = checkDiscord(await ask('sources'), '/sources');
      for (const source of fixture.sources) expect(plain(sources.text)).toContain(source.name);
      checkDiscord(await ask('subscriptions'), '/subscriptions');
    });

    it('/history political prisoners: pages that fit, every figure once, through the buttons and the page option', async () => {
      const expected = await historyIds(h, 'political-prisoners');
      let answer = checkDiscord(await ask('history', { indicator: 'political-prisoners' }), '/history');
      const seen: number[] = [];
      for (let n = 0; n < 200; n++) {
        seen.push(...figureIdsIn(answer.text));
        const next = answer.buttons.find((b) => b.label.endsWith('▸'));
        if (next === undefined) break;
        answer = checkDiscord(await press(next.custom_id), next.custom_id);
      }
      expect(seen).toEqual(expected);
      const fourth = checkDiscord(await ask('history', { indicator: 'political-prisoners', source: 'foro-penal', page: 4 }), 'page 4');
      expect(plain(fourth.text)).toMatch(/Historial: Presos políticos — Foro Penal \(página 4 de \d+\)/);
    }, 120_000);

    it('/figure shows a much-corrected figure whole', async () => {
      const id = mostRevised(fixture);
      const answer = checkDiscord(await ask('figure', { figure: String(id) }), `/figure ${id}`);
      expect(plain(answer.text).match(/^• (registrada|corregida|retirada) /gm)).toHaveLength(fixture.revisions.filter((r) => r.figure_id === id).length);
    });
  });
}

/** The ids of an indicator's whole history in its order, from the database. */
async function historyIds(h: { handle: { db: TelegramHarness['handle']['db'] } }, slug: string): Promise<number[]> {
  const rows = await h.handle.db
    .selectFrom('figures as f')
    .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
    .select('f.id')
    .where('i.slug', '=', slug)
    .orderBy('f.as_of_start', 'desc')
    .orderBy('f.recorded_at', 'desc')
    .orderBy('f.id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

/** The figure with the most revisions (the fixture has a few with six corrections). */
function mostRevised(fixture: RealisticFixture): number {
  const counts = new Map<number, number>();
  for (const r of fixture.revisions) counts.set(r.figure_id, (counts.get(r.figure_id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}


