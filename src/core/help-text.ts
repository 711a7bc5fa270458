// Help derived from the command declarations: usage lines and the /help listing, per language.
// In Spanish the Spanish alias leads; in English the English name.
import type { Locale } from '../domain/types.js';
import type { AnyCommand } from './command.js';
import type { OptionSpec } from './options.js';
import type { Registry } from './registry.js';

export interface HelpLine {
  /** `/cifras` */
  readonly name: string;
  /** `[indicador]`, `<indicador> [fuente]`, '' when it takes none. */
  readonly args: string;
  /** The other name, with its slash (`/count`), or null. */
  readonly otherName: string | null;
  readonly description: string;
}

/** The name a command is shown under in a language. */
export function displayName(command: AnyCommand, locale: Locale): string {
  return locale === 'es' && command.alias !== null ? command.alias : command.name;
}

/** How to mention a command in a reply: `/cifras` in Spanish, `/count` in English. */
export function commandLabel(registry: Registry, name: string, locale: Locale): string {
  const command = registry.find(name);
  return `/${command === undefined ? name : displayName(command, locale)}`;
}

/** `/historial <indicador> [fuente]`, `/idioma es|en`. */
export function usageLine(command: AnyCommand, locale: Locale): string {
  return [`/${displayName(command, locale)}`, argsUsage(command, locale)].filter((part) => part !== '').join(' ');
}

function argsUsage(command: AnyCommand, locale: Locale): string {
  return command.options.map((option) => optionUsage(option, locale)).join(' ');
}

function optionUsage(option: OptionSpec, locale: Locale): string {
  const label = option.kind === 'choice' ? (option.choices ?? []).join('|') : option.names[locale];
  // Free text reads as "and so on"; an indicator or source spanning words needs no marker.
  const shown = option.kind === 'text' ? `${label}…` : label;
  return option.required ? `<${shown}>` : `[${shown}]`;
}

/** One entry per command, in registry order. */
export function helpLines(registry: Registry, locale: Locale): HelpLine[] {
  return registry.commands.map((command) => {
    const shown = displayName(command, locale);
    const other = shown === command.name ? command.alias : command.name;
    return {
      name: `/${shown}`,
      args: argsUsage(command, locale),
      otherName: other === null ? null : `/${other}`,
      description: command.description[locale],
    };
  });
}

/** The listing as plain text, one command a line: `/cifras (/count) [indicador] — …`. */
export function helpText(registry: Registry, locale: Locale): string {
  return helpLines(registry, locale)
    .map((line) => {
      const names = line.otherName === null ? line.name : `${line.name} (${line.otherName})`;
      return `${[names, line.args].filter((part) => part !== '').join(' ')} — ${line.description}`;
    })
    .join('\n');
}
