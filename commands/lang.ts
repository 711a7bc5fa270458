// /lang (/idioma) es|en: the chat's language for replies and notifications. Anyone in a private
// chat; in a group, channel or server only its admins. Audited.
import { setChatLocale } from '../src/core/chat-locale.js';
import { defineCommand } from '../src/core/command.js';
import { reply, text } from '../src/core/reply.js';
import { messagesFor } from '../src/i18n/index.js';

export const lang = defineCommand({
  name: 'lang',
  alias: 'idioma',
  description: { es: 'El idioma del bot en este chat', en: "The bot's language in this chat" },
  options: [
    {
      name: 'language',
      kind: 'choice',
      names: { es: 'idioma', en: 'language' },
      description: { es: 'es (español) o en (inglés)', en: 'es (Spanish) or en (English)' },
      required: true,
      choices: ['es', 'en'],
    },
  ],
  access: 'private-or-chat-admin',
  handler: async (ctx, { language }) => {
    await setChatLocale(
      ctx.db,
      { platform: ctx.invocation.platform, chatId: ctx.invocation.chat.id },
      language,
      { actor: ctx.actor, now: ctx.now },
    );
    // Answer in the language just chosen: it is the first reply under the new setting.
    const t = messagesFor(language);
    return reply(language, text(t.lang.set(t.languageName[language])));
  },
});
