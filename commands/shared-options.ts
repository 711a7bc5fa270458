// Option declarations that several write commands share (/report, /correct, /retract), declared
// once so the same option has the same name, Spanish name and kind everywhere: in Discord's
// command JSON, the help text and parse errors. Each is `as const satisfies OptionSpec`, so the
// commands' handler arguments are still inferred from them, never cast.
import type { OptionSpec } from '../src/core/options.js';
import type { Localized } from '../src/domain/types.js';

/** The accepted value forms, named in every value option's description. */
const VALUE_FORMS = '902, ~2400, >=60, <=75, 60-75';

/** A figure's public id, `17` or `#17`, autocompleted on Discord. */
export const figureOption = {
  name: 'figure',
  kind: 'figure-id',
  names: { es: 'cifra', en: 'figure' },
  description: { es: 'El número de la cifra, p. ej. 17 o #17', en: "The figure's number, e.g. 17 or #17" },
  required: true,
  autocomplete: true,
} as const satisfies OptionSpec;

/** A figure's value in one of the accepted forms; `lead` says which value, the forms follow it. */
export function valueOption(lead: Localized) {
  return {
    name: 'value',
    kind: 'value',
    names: { es: 'valor', en: 'value' },
    description: { es: `${lead.es}: ${VALUE_FORMS}`, en: `${lead.en}: ${VALUE_FORMS}` },
    required: true,
  } as const satisfies OptionSpec;
}

/** Why a figure changes, the rest of the line: a correction or retraction always has one. */
export function reasonOption(description: Localized) {
  return {
    name: 'reason',
    kind: 'text',
    names: { es: 'motivo', en: 'reason' },
    description,
    required: true,
  } as const satisfies OptionSpec;
}
