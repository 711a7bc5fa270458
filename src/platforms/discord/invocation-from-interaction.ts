// A Discord interaction as the platform-neutral Invocation: who (member.user in a server, user in
// a DM), whether they administer the channel (Manage Channels, Manage Server or Administrator),
// where (a server channel or a DM; a thread keeps its parent as the chat), their locale, and the
// typed options by name.
import {
  ApplicationCommandOptionType,
  ChannelType,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
} from 'discord-api-types/v10';
import type { Invocation, InvocationChat, InvocationUser } from '../../core/invocation.js';

const ADMIN_BITS = PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ManageGuild;
const THREAD_TYPES: ReadonlySet<ChannelType> = new Set([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/** Who sent an interaction; in a DM everyone administers their own chat. */
export function invocationUser(interaction: APIInteraction): InvocationUser {
  const member = interaction.member;
  const id = member?.user.id ?? interaction.user?.id ?? '';
  const isChatAdmin = member === undefined ? true : hasAdminBits(member.permissions);
  const languageCode = 'locale' in interaction ? interaction.locale : undefined;
  return { platform: 'discord', id, isChatAdmin, ...(languageCode === undefined ? {} : { languageCode }) };
}

function hasAdminBits(permissions: string): boolean {
  try {
    return (BigInt(permissions) & ADMIN_BITS) !== 0n;
  } catch {
    return false;
  }
}

/** Where it was sent: a server channel (`guild`) or a DM (`private`); a thread is its parent plus threadId. */
export function invocationChat(interaction: APIInteraction): InvocationChat {
  const channel = interaction.channel;
  const channelId = channel?.id ?? interaction.channel_id ?? interaction.user?.id ?? '';
  const type = interaction.guild_id === undefined ? 'private' : 'guild';
  if (channel !== undefined && THREAD_TYPES.has(channel.type)) {
    const parent = 'parent_id' in channel && typeof channel.parent_id === 'string' ? channel.parent_id : channelId;
    return { id: parent, type, threadId: channel.id };
  }
  return { id: channelId, type };
}

/** A slash command as an invocation with typed options (subcommand-free). */
export function commandInvocation(interaction: APIChatInputApplicationCommandInteraction): Invocation {
  return {
    platform: 'discord',
    commandName: interaction.data.name,
    options: optionValues(interaction.data.options ?? []),
    user: invocationUser(interaction),
    chat: invocationChat(interaction),
  };
}

/** A button's command line as a text invocation by whoever pressed it. */
export function textInvocation(interaction: APIInteraction, commandName: string, rawArgs: string): Invocation {
  return { platform: 'discord', commandName, rawArgs, user: invocationUser(interaction), chat: invocationChat(interaction) };
}

/** Basic option values by name; booleans become `true`/`false` text, subcommands are not used. */
export function optionValues(options: readonly APIApplicationCommandInteractionDataOption[]): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const option of options) {
    if (!isBasic(option)) continue;
    const value = option.value;
    values[option.name] = typeof value === 'boolean' ? String(value) : value;
  }
  return values;
}

function isBasic(option: APIApplicationCommandInteractionDataOption): option is APIApplicationCommandInteractionDataBasicOption {
  return option.type !== ApplicationCommandOptionType.Subcommand && option.type !== ApplicationCommandOptionType.SubcommandGroup;
}
