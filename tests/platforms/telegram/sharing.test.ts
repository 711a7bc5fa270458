// Sharing from the chat on Telegram, through the real webhook: inline queries answered in the
// webhook response, the Share button under /count answers, and questions in plain words (private
// chats only). Every test runs on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertIndicator } from '../../../src/domain/indicators.js';
import { dialects } from '../../support/databases.js';
import { NOW, groupChat, messageUpdate, privateChat, startTelegramHarness, user, webhookReply, type TelegramHarness } from './telegram-harness.js';

let nextInline = 5000;
/** An inline_query update as the Bot API sends it when someone types `@cifras_bot <query>`. */
function inlineQueryUpdate(query: string, options: { languageCode?: string; offset?: string } = {}) {
  const id = nextInline++;
  return {
    update_id: id,
    inline_query: {
      id: `iq${id}`,
      from: user(7101, options.languageCode ?? 'es'),
      query,
      offset: options.offset ?? '',
      chat_type: 'supergroup',
    },
  };
}

interface Article {
  type: string;
  id: string;
  title: string;
  description: string;
  input_message_content: { message_text: string; parse_mode: string; link_preview_options: { is_disabled: boolean } };
  reply_markup?: { inline_keyboard: { text: string; url: string }[][] };
}

async function inlineAnswer(h: TelegramHarness, update: object) {
  const response = await h.post(update);
  expect(response.status).toBe(200);
  const body = await webhookReply(response);
  expect(body).toMatchObject({ method: 'answerInlineQuery', is_personal: false });
  expect(Number(body?.cache_time)).toBeLessThanOrEqual(60);
  return { body, results: body?.results as Article[] };
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Telegram sharing (${dialect.name})`, () => {
    let h: TelegramHarness;
    beforeEach(async () => {
      h = await startTelegramHarness(dialect);
    });
    afterEach(async () => {
      await h.close();
    });

    it('answers an inline query in the webhook response with the /count answer as the message', async () => {
      const update = inlineQueryUpdate('presos');
      const { body, results } = await inlineAnswer(h, update);
      expect(body?.inline_query_id).toBe(update.inline_query.id);
      expect(results).toHaveLength(1);
      const [article] = results;
      expect(article).toMatchObject({ type: 'article', id: 'political-prisoners', title: 'Presos políticos' });
      expect(article?.description).toContain('902 (Foro Penal)');
      const message = article?.input_message_content;
      expect(message?.parse_mode).toBe('HTML');
      expect(message?.link_preview_options).toEqual({ is_disabled: true });
      expect(message?.message_text).toContain('<b>Presos políticos</b>');
      expect(message?.message_text).toMatch(/<b>Foro Penal<\/b>: 902 — al 20 dic 2025/);
      expect(article?.reply_markup).toEqual({
        inline_keyboard: [[{ text: 'Ver la página', url: 'https://cifras.example.org/indicators/political-prisoners' }]],
      });
      // Nothing went to the Bot API: the answer rode in the response.
      expect(h.api.calls).toEqual([]);
    });

    it('titles the results in the asker\'s language', async () => {
      const { results } = await inlineAnswer(h, inlineQueryUpdate('releases', { languageCode: 'en' }));
      expect(results.map((r) => [r.id, r.title])).toEqual([['post-election-releases', 'Releases of post-election detainees']]);
      expect(results[0]?.input_message_content.message_text).toContain('<b>Releases of post-election detainees</b>');
      expect(results[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('Open the page');
    });

    it('lists every indicator by name for an empty query, ten at a time with next_offset', async () => {
      const { body, results } = await inlineAnswer(h, inlineQueryUpdate(''));
      expect(results.map((r) => r.title)).toEqual(['Desapariciones forzadas', 'Excarcelaciones de detenidos postelectorales', 'Presos políticos']);
      expect(body?.next_offset).toBeUndefined();
      for (let i = 1; i <= 9; i++) {
        await upsertIndicator(h.handle.db, { slug: `extra-${i}`, kind: 'stock', name: { es: `Zona ${i}`, en: `Zone ${i}` } }, { actor: 'test', now: NOW });
      }
      const first = await inlineAnswer(h, inlineQueryUpdate(''));
      expect(first.results).toHaveLength(10);
      expect(first.body?.next_offset).toBe('10');
      const second = await inlineAnswer(h, inlineQueryUpdate('', { offset: '10' }));
      expect(first.results.map((r) => r.title).slice(0, 4)).toEqual(['Desapariciones forzadas', 'Excarcelaciones de detenidos postelectorales', 'Presos políticos', 'Zona 1']);
      expect(second.results.map((r) => r.title)).toEqual(['Zona 8', 'Zona 9']);
      expect(second.body?.next_offset).toBeUndefined();
      const ids = [...first.results, ...second.results].map((r) => r.id);
      expect(new Set(ids).size).toBe(12);
      // An indicator without figures still has a message: its name and that there are none yet.
      expect(second.results[1]?.input_message_content.message_text).toContain('<b>Zona 9</b>');
    });

    it('answers an inline query that names nothing with no results', async () => {
      const { results } = await inlineAnswer(h, inlineQueryUpdate('zzzz qqqq'));
      expect(results).toEqual([]);
    });

    it('puts a Share button under a /count answer that opens inline mode with the indicator\'s name', async () => {
      const body = await webhookReply(await h.post(messageUpdate('/cifras presos políticos')));
      expect(body?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Compartir', switch_inline_query: 'Presos políticos' }]] });
      const en = await webhookReply(await h.post(messageUpdate('/count releases', { from: user(7001, 'en') })));
      expect(en?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Share', switch_inline_query: 'Releases of post-election detainees' }]] });
      // The list of every indicator is not one figure to share.
      const all = await webhookReply(await h.post(messageUpdate('/count')));
      expect(all?.reply_markup).toBeUndefined();
    });

    it('reads a question in plain words in a private chat, in Spanish and in English', async () => {
      const es = await webhookReply(await h.post(messageUpdate('¿Cuántos presos políticos hay?')));
      expect(es).toMatchObject({ method: 'sendMessage', chat_id: privateChat().id, parse_mode: 'HTML' });
      expect(String(es?.text)).toMatch(/<b>Foro Penal<\/b>: 902 — al 20 dic 2025/);
      const releases = await webhookReply(await h.post(messageUpdate('excarcelaciones')));
      expect(String(releases?.text)).toContain('<b>Excarcelaciones de detenidos postelectorales</b>');
      const en = await webhookReply(await h.post(messageUpdate('how many releases are there?', { from: user(7001, 'en') })));
      expect(String(en?.text)).toContain('<b>Releases of post-election detainees</b>');
      expect(String(en?.text)).toMatch(/ — as of /);
    });

    it('offers a choice when the words name several indicators', async () => {
      const body = await webhookReply(await h.post(messageUpdate('¿cuántos desaparecidos y presos hay?')));
      const buttons = (body?.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
      expect(buttons.map((b) => b.callback_data).sort()).toEqual(['/cifras forced-disappearances', '/cifras political-prisoners']);
    });

    it('answers words that name no indicator with a short help with examples, in both languages', async () => {
      const es = await webhookReply(await h.post(messageUpdate('¿cuántos hay?')));
      expect(String(es?.text)).toContain('No encontré de qué cifra me hablas. Pregúntame, por ejemplo: «');
      expect(String(es?.text)).toContain('/cifras');
      const en = await webhookReply(await h.post(messageUpdate('what is the weather like', { from: user(7001, 'en') })));
      expect(String(en?.text)).toContain('I could not tell which figure you mean. Ask me, for example: “');
      expect(String(en?.text)).toContain('/count');
    });

    it('ignores plain words in a group, in both languages, but still answers commands there', async () => {
      for (const [text, lang] of [['¿cuántos presos políticos hay?', 'es'], ['how many releases', 'en']] as const) {
        const response = await h.post(messageUpdate(text, { chat: groupChat, from: user(501, lang) }));
        expect(response.status).toBe(200);
        expect(await webhookReply(response)).toBeNull();
      }
      expect(h.api.calls).toEqual([]);
      const command = await webhookReply(await h.post(messageUpdate('/cifras presos', { chat: groupChat, from: user(501) })));
      expect(String(command?.text)).toMatch(/<b>Foro Penal<\/b>: 902/);
    });
  });
}
