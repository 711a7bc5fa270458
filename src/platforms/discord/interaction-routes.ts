// `POST /discord/interactions`, Discord's HTTP interactions endpoint. Every request's Ed25519
// signature is checked before anything else is read; an unsigned, badly signed or tampered
// request gets 401 (and is counted), a signed one its interaction's answer as JSON.
import type { APIInteraction } from 'discord-api-types/v10';
import { Hono, type Context } from 'hono';
import { bodyLimit } from '../../http/body-limit.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorBody } from '../../http/error-handler.js';
import { createBackgroundTasks } from './background-tasks.js';
import type { DiscordInteractionDeps } from './discord-deps.js';
import { dispatchInteraction } from './dispatch-interaction.js';
import { createSignatureVerifier } from './verify-signature.js';

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
  app.post(DISCORD_INTERACTIONS_PATH, bodyLimit({ maxSize: MAX_BODY_BYTES }), async (c) => {
    const signature = c.req.header('x-signature-ed25519');
    const timestamp = c.req.header('x-signature-timestamp');
    if (signature === undefined || timestamp === undefined) return reject(c, 'missing_signature');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!(await verify(raw, signature, timestamp))) return reject(c, 'bad_signature');
    const interaction = parseInteraction(raw);
    if (interaction === undefined) {
      deps.metrics?.webhookRejected.inc({ platform: 'discord', reason: 'malformed' });
      return c.json(errorBody('malformed', 'the body is not an interaction'), 400);
    }
    const response = await dispatchInteraction(interaction, withTasks);
    if (response === undefined) return c.json(errorBody('unsupported_interaction', 'this interaction is not handled'), 400);
    return c.json(response);
  });
  return app;
}

const utf8 = new TextDecoder();

function parseInteraction(raw: Uint8Array): APIInteraction | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(raw));
    return typeof value === 'object' && value !== null && 'type' in value && 'id' in value ? (value as APIInteraction) : undefined;
  } catch {
    return undefined;
  }
}
