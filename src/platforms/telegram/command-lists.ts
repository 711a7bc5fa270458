// Telegram's command menus (setMyCommands) from the declarations: the English names for every
// user, the Spanish aliases for `language_code=es`. Telegram's own limits live here, not in core.
import type { Registry } from '../../core/registry.js';

/** Telegram's BotCommand. */
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
