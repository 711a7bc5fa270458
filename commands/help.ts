// /help (/ayuda), also /start: what the bot is for and every command with its alias.
import { helpLines } from '../src/core/help-text.js';
import { defineCommand } from '../src/core/command.js';
import { reply, text, type Span } from '../src/core/reply.js';

export const help = defineCommand({
  name: 'help',
  alias: 'ayuda',
  synonyms: ['start'],
  description: {
    es: 'Qué hace el bot y la lista de comandos',
    en: 'What the bot does and the list of commands',
  },
  options: [],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx) => {
    const items = helpLines(ctx.registry, ctx.locale).map((line): Span[] => [
      { text: line.name, style: 'strong' },
      ...(line.otherName === null ? [] : [{ text: ` (${line.otherName})` }]),
      ...(line.args === '' ? [] : [{ text: ` ${line.args}` }]),
      { text: ` — ${line.description}` },
    ]);
    return reply(
      ctx.locale,
      text(ctx.t.help.intro),
      { kind: 'list', title: [{ text: ctx.t.help.commandsTitle, style: 'strong' }], items },
      text(ctx.t.help.tryThis),
    );
  },
});
