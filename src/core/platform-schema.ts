// Platform-neutral views of the declarations for the platform adapters: Telegram's command menus
// (setMyCommands) and an option schema the Discord adapter turns into slash-command JSON.
import type { Localized } from '../domain/types.js';
import type { Access } from './access.js';
import type { OptionKind } from './options.js';
import type { Registry } from './registry.js';

/** The shape of Telegram's BotCommand, without importing grammY. */
export interface CommandListEntry {
  readonly command: string;
  readonly description: string;
}

// Telegram: command 1-32 chars of a-z 0-9 _; description 1-256 chars.
const TELEGRAM_DESCRIPTION_MAX = 256;

/**
 * Telegram's menus: `default` (English names) for every user, `es` (Spanish aliases where there
 * are any) for `language_code=es`. Both names run the command either way.
 */
export function telegramCommandLists(registry: Registry): { default: CommandListEntry[]; es: CommandListEntry[] } {
  return {
    default: registry.commands.map((c) => ({ command: c.name, description: clip(c.description.en) })),
    es: registry.commands.map((c) => ({ command: c.alias ?? c.name, description: clip(c.description.es) })),
  };
}

function clip(text: string): string {
  return text.length <= TELEGRAM_DESCRIPTION_MAX ? text : `${text.slice(0, TELEGRAM_DESCRIPTION_MAX - 1)}…`;
}

export interface OptionSchema {
  /** The English option name (what Discord sends back). */
  readonly name: string;
  readonly names: Localized;
  readonly description: Localized;
  readonly kind: OptionKind;
  /** How the value travels: Discord STRING for text kinds, INTEGER for numbers. */
  readonly valueType: 'string' | 'integer';
  readonly required: boolean;
  readonly autocomplete: boolean;
  /** Fixed choices (`es`, `en`), or null. */
  readonly choices: readonly string[] | null;
  /** Integer bounds (Discord min_value/max_value): at least 1 unless declared otherwise; no max unless declared. */
  readonly min: number;
  readonly max: number | null;
}

export interface CommandSchema {
  /** The English name (Discord's command name). */
  readonly name: string;
  /** The Spanish name as spelled (accents kept), for `name_localizations` (es-ES, es-419); null keeps the English name. */
  readonly alias: string | null;
  readonly description: Localized;
  readonly access: Access;
  readonly options: readonly OptionSchema[];
}

/** Every command's schema, in registry order. */
export function commandSchemas(registry: Registry): CommandSchema[] {
  return registry.commands.map((command) => ({
    name: command.name,
    alias: command.spelledAlias ?? command.alias,
    description: command.description,
    access: command.access,
    options: command.options.map((option) => ({
      name: option.name,
      names: option.names,
      description: option.description,
      kind: option.kind,
      // A figure id travels as text so `#17` can be typed, as the option's description says.
      valueType: option.kind === 'integer' ? 'integer' : 'string',
      required: option.required,
      autocomplete: option.autocomplete === true,
      choices: option.kind === 'choice' ? (option.choices ?? []) : null,
      min: option.min ?? 1,
      max: option.max ?? null,
    })),
  }));
}
