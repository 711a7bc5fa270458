// The declarations as an option schema the Discord adapter turns into slash-command JSON
// (command-json.ts): how each option's value travels (Discord STRING or INTEGER) and whether it
// autocompletes.
import type { Access } from '../../core/access.js';
import type { OptionKind } from '../../core/options.js';
import type { Registry } from '../../core/registry.js';
import type { Localized } from '../../domain/types.js';

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
}

export interface CommandSchema {
  /** The English name (Discord's command name). */
  readonly name: string;
  /** The Spanish alias, for `name_localizations` (es-ES, es-419); null keeps the English name. */
  readonly alias: string | null;
  readonly description: Localized;
  readonly access: Access;
  readonly options: readonly OptionSchema[];
}

/** Every command's schema, in registry order. */
export function commandSchemas(registry: Registry): CommandSchema[] {
  return registry.commands.map((command) => ({
    name: command.name,
    alias: command.alias,
    description: command.description,
    access: command.access,
    options: command.options.map((option) => ({
      name: option.name,
      names: option.names,
      description: option.description,
      kind: option.kind,
      valueType: option.kind === 'integer' || option.kind === 'figure-id' ? 'integer' : 'string',
      required: option.required,
      autocomplete: option.autocomplete === true,
      choices: option.kind === 'choice' ? (option.choices ?? []) : null,
    })),
  }));
}
