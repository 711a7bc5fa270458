// What a Discord interaction must look like before the dispatcher reads it. A signed body that is
// not JSON is a 400; one of a shape cifras does not know (`data.options` not an array, `id: null`,
// a user id that is not a snowflake) is acknowledged with a short translated notice, ignored,
// logged and counted — never a 5xx, and never an id with a NUL reaching PostgreSQL. Only the
// fields cifras reads are checked; Discord's other fields pass untouched.
import { InteractionType, type APIInteraction } from 'discord-api-types/v10';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{1,20}$/);
const user = z.looseObject({ id: snowflake });

interface OptionShape {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean | undefined;
  readonly focused?: boolean | undefined;
  readonly options?: readonly OptionShape[] | undefined;
}

const option: z.ZodType<OptionShape> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: z.int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).optional(),
  }),
);

const COMMAND_TYPES: ReadonlySet<number> = new Set([InteractionType.ApplicationCommand, InteractionType.ApplicationCommandAutocomplete]);

const interactionSchema = z
  .looseObject({
    id: snowflake,
    type: z.int(),
    application_id: snowflake.optional(),
    token: z.string().optional(),
    guild_id: snowflake.optional(),
    channel_id: snowflake.optional(),
    channel: z.looseObject({ id: snowflake, type: z.int(), parent_id: snowflake.nullable().optional() }).optional(),
    member: z.looseObject({ user, permissions: z.string() }).optional(),
    user: user.optional(),
    locale: z.string().optional(),
    data: z
      .looseObject({
        name: z.string().optional(),
        type: z.int().optional(),
        options: z.array(option).optional(),
        custom_id: z.string().optional(),
      })
      .optional(),
  })
  .refine((i) => i.type === InteractionType.Ping || i.member !== undefined || i.user !== undefined, {
    message: 'no member or user',
    path: ['user'],
  })
  .refine((i) => !COMMAND_TYPES.has(i.type) || typeof i.data?.name === 'string', { message: 'no command name', path: ['data', 'name'] })
  .refine((i) => i.type !== InteractionType.MessageComponent || typeof i.data?.custom_id === 'string', {
    message: 'no custom_id',
    path: ['data', 'custom_id'],
  });

export type InteractionReading =
  | { readonly kind: 'interaction'; readonly interaction: APIInteraction }
  | { readonly kind: 'invalid_json' }
  /** `locale` is the interaction's, if it had a readable one, for the notice. */
  | { readonly kind: 'unknown_shape'; readonly problems: readonly string[]; readonly locale: string | undefined };

const utf8 = new TextDecoder();

/** Reads a verified body; the interaction given back is the parsed JSON itself, checked. */
export function readInteraction(raw: Uint8Array): InteractionReading {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(raw));
  } catch {
    return { kind: 'invalid_json' };
  }
  const checked = interactionSchema.safeParse(json);
  // The checks above are the fields the dispatcher reads; the rest is Discord's documented shape.
  if (checked.success) return { kind: 'interaction', interaction: json as APIInteraction };
  const locale = typeof json === 'object' && json !== null && 'locale' in json && typeof json.locale === 'string' ? json.locale : undefined;
  return { kind: 'unknown_shape', problems: checked.error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.code}`), locale };
}
