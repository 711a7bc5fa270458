// What a Telegram update must look like before grammY and the commands read it. Telegram re-sends
// every update that got a 5xx, forever, so a body cifras cannot use must never reach code that
// would throw on it (`text` not a string, `entities` not an array, a chat id that is text): it is
// told apart here as invalid JSON (400) or an unknown shape (200, ignored, logged and counted).
// Only the fields cifras reads are checked, and loosely: Telegram adds fields over time, and those
// are let through untouched.
import { z } from 'zod';

// z.int() is a safe integer: Telegram's ids fit in 52 bits.
const user = z.looseObject({ id: z.int(), is_bot: z.boolean().optional(), language_code: z.string().optional() });
const chat = z.looseObject({ id: z.int(), type: z.string() });
const entity = z.looseObject({ type: z.string(), offset: z.int().nonnegative(), length: z.int().nonnegative() });

const message = z.looseObject({
  message_id: z.int(),
  chat,
  from: user.optional(),
  sender_chat: chat.optional(),
  text: z.string().optional(),
  entities: z.array(entity).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(entity).optional(),
  is_topic_message: z.boolean().optional(),
  message_thread_id: z.int().optional(),
});

const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  data: z.string().optional(),
  message: z.looseObject({ message_id: z.int(), chat }).optional(),
});

const inlineQuery = z.looseObject({ id: z.string(), from: user, query: z.string(), offset: z.string() });

const updateSchema = z.looseObject({
  update_id: z.int().nonnegative(),
  message: message.optional(),
  edited_message: message.optional(),
  channel_post: message.optional(),
  edited_channel_post: message.optional(),
  business_message: message.optional(),
  edited_business_message: message.optional(),
  callback_query: callbackQuery.optional(),
  inline_query: inlineQuery.optional(),
});

export type UpdateReading =
  | { readonly kind: 'update'; readonly update: unknown }
  | { readonly kind: 'invalid_json' }
  /** `problems` name the fields (`message.text`), never their content: that may be private. */
  | { readonly kind: 'unknown_shape'; readonly problems: readonly string[] };

/** Reads a webhook body. The update given back is the parsed JSON itself, checked, not a copy. */
export function readUpdate(body: string): UpdateReading {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'invalid_json' };
  }
  const checked = updateSchema.safeParse(json);
  if (checked.success) return { kind: 'update', update: json };
  return { kind: 'unknown_shape', problems: checked.error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.code}`) };
}
