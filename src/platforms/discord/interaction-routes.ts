// `POST /discord/interactions`, Discord's HTTP interactions endpoint. Every request's Ed25519
// signature is checked before anything else is read; an unsigned, badly signed or tampered
// request gets 401 (and is counted), a signed one its interaction's answer as JSON.
import { InteractionResponseType, MessageFlags, type APIInteractionResponse } from 'discord-api-types/v10';
import { Hono, type Context } from 'hono';
import { bodyLimit } from '../../http/body-limit.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorBody } from '../../http/error-handler.js';
import { createBackgroundTasks } from './background-tasks.js';
import type { DiscordInteractionDeps } from './discord-deps.js';
import { dispatchInteraction } from './dispatch-interaction.js';
import { createSignatureVerifier } from './verify-signature.js';
import { readInteraction } from './interaction-shape.js';
import { localeFromLanguageCode } from '../../core/chat-locale.js';
import type { Locale } from '../../domain/types.js';
import { requestLog } from '../../http/request-logger.js';
import { messagesFor } from '../../i18n/index.js';

/** Discord's "Interactions Endpoint URL" is PUBLIC_URL + this. */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

// Interactions are a few kilobytes; anything far larger is not from Discord.
const MAX_BODY_BYTES = 1024 * 1024;

export function discordInteractionRoutes(deps: DiscordInteractionDeps): Hono<AppEnv> {
  const discord = deps.config.discord;
  if (discord === null) throw new Error('discordInteractionRoutes needs config.discord (DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY, DISCORD_BOT_TOKEN)');
  const verify = createSignatureVerifier(discord.publicKey);
  const withTasks = { ...deps, tasks: deps.tasks ?? createBackgroundTasks() };
  const reject = (c: Context<AppEnv>, reason: string) => {
    deps.metrics?.webhookRejected.inc({ platform: 'discord', reason });
    return c.json(errorBody('unauthorized', 'invalid request signature'), 401);
  };

  const app = new Hono<AppEnv>();
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      deps.metrics?.webhookRejected.inc({ platform: 'discord', reason: 'too_large' });
      return c.json(errorBody('payload_too_large', `a Discord interaction is at most ${MAX_BODY_BYTES} bytes`), 413);
    },
  });
  app.post(DISCORD_INTERACTIONS_PATH, limit, async (c) => {
    const signature = c.req.header('x-signature-ed25519');
    const timestamp = c.req.header('x-signature-timestamp');
    if (signature === undefined || timestamp === undefined) return reject(c, 'missing_signature');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const check = await verify(raw, signature, timestamp);
    if (check !== 'valid') return reject(c, check);
    const reading = readInteraction(raw);
    if (reading.kind === 'invalid_json') {
      deps.metrics?.webhookRejected.inc({ platform: 'discord', reason: 'invalid_json' });
      return c.json(errorBody('invalid_json', 'the body is not JSON'), 400);
    }
    if (reading.kind === 'unknown_shape') {
      deps.metrics?.webhookRejected.inc({ platform: 'discord', reason: 'unknown_shape' });
      requestLog(c)?.warn({ problems: reading.problems }, 'discord interaction of an unknown shape ignored');
      return c.json(unreadableNotice(reading.locale, deps.config.defaultLocale));
    }
    const response = await dispatchInteraction(reading.interaction, withTasks);
    if (response === undefined) return c.json(errorBody('unsupported_interaction', 'this interaction is not handled'), 400);
    return c.json(response);
  });
  return app;
}

/** Acknowledges an interaction cifras cannot read: a short notice only its sender sees. */
function unreadableNotice(locale: string | undefined, defaultLocale: Locale): APIInteractionResponse {
  const content = messagesFor(localeFromLanguageCode(locale) ?? defaultLocale).platform.unreadable;
  return { type: InteractionResponseType.ChannelMessageWithSource, data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } };
}
