// /help (/ayuda) [command], also /start: what the bot is for and every command with its alias;
// with a command's name (`/ayuda reportar`, `/help /report`), that command's usage and what each of
// its arguments means.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { commandLabel, displayName, helpLines, usageLine } from '../src/core/help-text.js';
import { errorBlock, reply, strong, text, type Reply, type Span } from '../src/core/reply.js';
import { normalizeCommandName } from '../src/core/registry.js';

export const help = defineCommand({
  name: 'help',
  alias: 'ayuda',
  synonyms: ['start'],
  description: {
    es: 'Qué hace el bot y la lista de comandos',
    en: 'What the bot does and the list of commands',
  },
  options: [
    {
      name: 'command',
      kind: 'string',
      names: { es: 'comando', en: 'command' },
      description: { es: 'Un comando, p. ej. reportar', en: 'A command, e.g. report' },
      required: false,
    },
  ],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx, { command }) => (command === undefined ? everyCommand(ctx) : oneCommand(ctx, command)),
});

function everyCommand(ctx: CommandContext): Reply {
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
}

/** One command: its usage line, what it does, each argument with its description. */
function oneCommand(ctx: CommandContext, name: string): Reply {
  const command = ctx.registry.find(name);
  if (command === undefined) {
    return reply(ctx.locale, errorBlock(ctx.t.unknownCommand(normalizeCommandName(name), commandLabel(ctx.registry, 'help', ctx.locale))));
  }
  const shown = displayName(command, ctx.locale);
  const other = shown === command.name ? command.alias : command.name;
  const title: Span[] = [strong(usageLine(command, ctx.locale)), ...(other === null ? [] : [{ text: ` (/${other})` }])];
  const items = command.options.map((option): Span[] => [
    strong(option.names[ctx.locale]),
    { text: ` — ${option.description[ctx.locale]}${option.required ? '' : ` (${ctx.t.help.optional})`}` },
  ]);
  return reply(
    ctx.locale,
    text(...title),
    text(command.description[ctx.locale]),
    ...(items.length === 0 ? [] : [{ kind: 'list' as const, title: [strong(ctx.t.help.argumentsTitle)], items }]),
  );
}
