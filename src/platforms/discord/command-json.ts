// Slash-command JSON from the same declarations every platform reads: the English name, the
// Spanish alias as the es-ES/es-419 localized name, descriptions in both languages, typed options
// (text with autocomplete for indicators, sources and figure ids — text, so `#17` can be typed —,
// integers within their declared bounds, fixed choices for es/en). discord.js's builders check every limit and throw on a bad one.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandIntegerOption,
  type SlashCommandStringOption,
} from 'discord.js';
import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Access } from '../../core/access.js';
import { commandSchemas, type CommandSchema, type OptionSchema } from './command-schema.js';
import type { Registry } from '../../core/registry.js';

/** Both Spanish locales Discord distinguishes get the Spanish text. */
function spanish(value: string): { 'es-ES': string; 'es-419': string } {
  return { 'es-ES': value, 'es-419': value };
}

/** The body of `PUT /applications/{id}/commands`: every command, in registry order. */
export function commandJson(registry: Registry): RESTPutAPIApplicationCommandsJSONBody {
  return commandSchemas(registry).map((schema) => commandBuilder(schema).toJSON());
}

function commandBuilder(schema: CommandSchema): SlashCommandBuilder {
  const builder = new SlashCommandBuilder()
    .setName(schema.name)
    .setNameLocalizations(spanish(schema.alias ?? schema.name))
    .setDescription(schema.description.en)
    .setDescriptionLocalizations(spanish(schema.description.es));
  setReach(builder, schema.access);
  const permissions = defaultPermissions(schema.access);
  if (permissions !== undefined) builder.setDefaultMemberPermissions(permissions);
  for (const option of schema.options) {
    if (option.valueType === 'integer') builder.addIntegerOption((o) => integerOption(o, option));
    else builder.addStringOption((o) => stringOption(o, option));
  }
  return builder;
}

/**
 * Commands anyone may run only read, so a user may install them for themselves and ask in any
 * server, DM or group DM; the ones that may write (settings, subscriptions, figures) stay with
 * servers that installed the bot, where the chat's admins and the bot's roles can be checked.
 */
function setReach(builder: SlashCommandBuilder, access: Access): void {
  if (access === 'anyone') {
    builder
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel);
  } else {
    builder.setIntegrationTypes(ApplicationIntegrationType.GuildInstall).setContexts(InteractionContextType.Guild);
  }
}

/**
 * Chat-admin commands are shown in servers only to members who manage channels (server admins
 * can change that per server); the command layer checks again. Editor and owner commands are
 * bot roles Discord does not know, so they stay visible and the command layer decides.
 */
function defaultPermissions(access: Access): bigint | undefined {
  return access === 'chat-admin' || access === 'private-or-chat-admin' ? PermissionFlagsBits.ManageChannels : undefined;
}

function describe<T extends SlashCommandStringOption | SlashCommandIntegerOption>(builder: T, option: OptionSchema): T {
  builder.setName(option.name);
  builder.setNameLocalizations(spanish(option.names.es));
  builder.setDescription(option.description.en);
  builder.setDescriptionLocalizations(spanish(option.description.es));
  builder.setRequired(option.required);
  return builder;
}

function stringOption(builder: SlashCommandStringOption, option: OptionSchema): SlashCommandStringOption {
  const described = describe(builder, option);
  if (option.choices !== null) return described.addChoices(...option.choices.map((value) => ({ name: value, value })));
  return described.setAutocomplete(option.autocomplete);
}

function integerOption(builder: SlashCommandIntegerOption, option: OptionSchema): SlashCommandIntegerOption {
  const described = describe(builder, option).setMinValue(option.min).setAutocomplete(option.autocomplete);
  return option.max === null ? described : described.setMaxValue(option.max);
}
