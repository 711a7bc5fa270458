// defineCommand: handler arguments are inferred from the option declarations, and declarations
// that the parser could not honour are refused when the command is defined.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCommand } from '../../src/core/command.js';
import { reply } from '../../src/core/reply.js';

const text = { es: 't', en: 't' };

describe('defineCommand', () => {
  it('infers each argument type from its option', () => {
    const command = defineCommand({
      name: 'demo',
      alias: null,
      description: text,
      access: 'editor',
      options: [
        { name: 'figure', kind: 'figure-id', names: text, description: text, required: true },
        { name: 'language', kind: 'choice', names: text, description: text, required: true, choices: ['es', 'en'] },
        { name: 'indicator', kind: 'indicator', names: text, description: text, required: false },
        { name: 'reason', kind: 'text', names: text, description: text, required: false },
      ],
      handler: async (ctx, args) => {
        expectTypeOf(args.figure).toEqualTypeOf<number>();
        expectTypeOf(args.language).toEqualTypeOf<'es' | 'en'>();
        expectTypeOf(args.indicator).toEqualTypeOf<string | undefined>();
        expectTypeOf(args.reason).toEqualTypeOf<string | undefined>();
        // @ts-expect-error: no such option
        void args.other;
        return reply(ctx.locale);
      },
    });
    expect(command.options.map((o) => o.name)).toEqual(['figure', 'language', 'indicator', 'reason']);
  });

  it('refuses a rest-of-line option that is not last', () => {
    expect(() =>
      defineCommand({
        name: 'bad',
        alias: null,
        description: text,
        access: 'anyone',
        options: [
          { name: 'reason', kind: 'text', names: text, description: text, required: true },
          { name: 'figure', kind: 'figure-id', names: text, description: text, required: true },
        ],
        handler: async (ctx) => reply(ctx.locale),
      }),
    ).toThrow(/must be last/);
  });

  it('refuses a required option after an optional one, and a choice without choices', () => {
    expect(() =>
      defineCommand({
        name: 'bad',
        alias: null,
        description: text,
        access: 'anyone',
        options: [
          { name: 'a', kind: 'string', names: text, description: text, required: false },
          { name: 'b', kind: 'string', names: text, description: text, required: true },
        ],
        handler: async (ctx) => reply(ctx.locale),
      }),
    ).toThrow(/follows an optional one/);
    expect(() =>
      defineCommand({
        name: 'bad',
        alias: null,
        description: text,
        access: 'anyone',
        options: [{ name: 'a', kind: 'choice', names: text, description: text, required: true, choices: [] }],
        handler: async (ctx) => reply(ctx.locale),
      }),
    ).toThrow(/no choices/);
  });
});
