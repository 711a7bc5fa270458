// The option declarations /report, /correct and /retract share (commands/shared-options.ts): one
// declaration each, and every command's options exactly as they were declared inline before, so
// Discord's command JSON, Telegram's lists and the help text do not change. The value option's kind
// is `value` (read over several words in text), still a string option on every platform.
import { describe, expect, it } from 'vitest';
import { correct } from '../../commands/correct.js';
import { report } from '../../commands/report.js';
import { retract } from '../../commands/retract.js';
import { figureOption, reasonOption, valueOption } from '../../commands/shared-options.js';
import { commandSchemas } from '../../src/platforms/discord/command-schema.js';
import { createRegistry } from '../../src/core/registry.js';

const FIGURE = {
  name: 'figure',
  kind: 'figure-id',
  names: { es: 'cifra', en: 'figure' },
  description: { es: 'El número de la cifra, p. ej. 17 o #17', en: "The figure's number, e.g. 17 or #17" },
  required: true,
  autocomplete: true,
};

describe('shared option declarations', () => {
  it('serve every command that takes the option', () => {
    expect(correct.options[0]).toBe(figureOption);
    expect(retract.options[0]).toBe(figureOption);
    expect(report.options.find((o) => o.name === 'value')).toEqual(valueOption({ es: 'La cifra', en: 'The figure' }));
    expect(correct.options[2]).toEqual(reasonOption({ es: 'Por qué se corrige', en: 'Why it is corrected' }));
  });

  it('leave /correct and /retract declared as before', () => {
    expect(correct.options).toEqual([
      FIGURE,
      {
        name: 'value',
        kind: 'value',
        names: { es: 'valor', en: 'value' },
        description: { es: 'El valor correcto: 902, ~2400, >=60, <=75, 60-75', en: 'The right value: 902, ~2400, >=60, <=75, 60-75' },
        required: true,
      },
      { name: 'reason', kind: 'text', names: { es: 'motivo', en: 'reason' }, description: { es: 'Por qué se corrige', en: 'Why it is corrected' }, required: true },
    ]);
    expect(retract.options).toEqual([
      FIGURE,
      { name: 'reason', kind: 'text', names: { es: 'motivo', en: 'reason' }, description: { es: 'Por qué se retira', en: 'Why it is retracted' }, required: true },
    ]);
  });

  it('leave /report declared as before', () => {
    expect(report.options.map((o) => o.name)).toEqual(['indicator', 'source', 'value', 'as-of', 'url', 'note']);
    expect(report.options[2]).toEqual({
      name: 'value',
      kind: 'value',
      names: { es: 'valor', en: 'value' },
      description: { es: 'La cifra: 902, ~2400, >=60, <=75, 60-75', en: 'The figure: 902, ~2400, >=60, <=75, 60-75' },
      required: true,
    });
  });

  it('keep the value a string option on the platforms', () => {
    const schemas = commandSchemas(createRegistry([report, correct]));
    const values = schemas.flatMap((c) => c.options.filter((o) => o.name === 'value'));
    expect(values.map((o) => o.valueType)).toEqual(['string', 'string']);
  });
});
