// One verified interaction to its answer: PING → PONG, a slash command or a button → the command
// layer (answer-invocation), autocomplete → suggestions. Anything else (context menus, modals) is
// not something this bot offers: undefined, and the route answers 400.
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { answerAutocomplete } from './autocomplete.js';
import { answerInvocation } from './answer-invocation.js';
import type { BackgroundTasks } from './background-tasks.js';
import { parseComponentId } from './component-id.js';
import type { DiscordInteractionDeps } from './discord-deps.js';
import { commandInvocation, textInvocation } from './invocation-from-interaction.js';

/** The answer; undefined for an interaction this bot does not offer. */
export async function dispatchInteraction(
  interaction: APIInteraction,
  deps: DiscordInteractionDeps & { readonly tasks: BackgroundTasks },
): Promise<APIInteractionResponse | undefined> {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { type: InteractionResponseType.Pong };
    case InteractionType.ApplicationCommand:
      if (!isChatInput(interaction)) return undefined;
      return answerInvocation('command', interaction, commandInvocation(interaction), deps);
    case InteractionType.ApplicationCommandAutocomplete:
      return answerAutocomplete(interaction, { db: deps.db, cache: deps.cache, registry: deps.registry, defaultLocale: deps.config.defaultLocale });
    case InteractionType.MessageComponent: {
      const target = parseComponentId(interaction.data.custom_id);
      if (target === undefined) return undefined;
      return answerInvocation('component', interaction, textInvocation(interaction, target.commandName, target.rawArgs), deps);
    }
    default:
      return undefined;
  }
}

function isChatInput(interaction: APIInteraction): interaction is APIChatInputApplicationCommandInteraction {
  return interaction.type === InteractionType.ApplicationCommand && interaction.data.type === ApplicationCommandType.ChatInput;
}
