// Runs a slash command or a button's command and answers within Discord's 3-second window: a
// command that finishes before `deferAfterMs` is answered directly (type 4, or 7 updating the
// message whose button was pressed); a slower one is answered "thinking…" (type 5, or 6 for a
// button) and its result is sent as an edit of the original response through the REST API.
// The dispatcher claims the interaction id with any write: a re-delivered one is told it was
// already handled, and writes nothing.
import {
  InteractionResponseType,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { localeFromLanguageCode } from '../../core/chat-locale.js';
import type { Invocation } from '../../core/invocation.js';
import type { ChartBlock, Reply } from '../../core/reply.js';
import { presentCommand, type Presenter } from '../../core/run-command.js';
import type { BackgroundTasks } from './background-tasks.js';
import { DEFAULT_DEFER_AFTER_MS, type DiscordInteractionDeps } from './discord-deps.js';
import { failureReply } from './failure-message.js';
import { renderDiscord, type DiscordMessage } from './render.js';

export type InvocationSource = 'command' | 'component';

/** An answer as Discord shows it: the message, and the chart whose PNG goes with it, if any. */
interface DiscordAnswer {
  readonly message: DiscordMessage;
  readonly chart: ChartBlock | undefined;
}

/** Command answers rendered once: a kept answer is kept rendered (runCommand). */
const DISCORD_MESSAGE: Presenter<DiscordAnswer> = {
  name: 'discord-message',
  present: (reply) => ({ message: renderDiscord(reply), chart: chartOf(reply) }),
};

export async function answerInvocation(
  source: InvocationSource,
  interaction: APIInteraction,
  invocation: Invocation,
  deps: DiscordInteractionDeps & { readonly tasks: BackgroundTasks },
): Promise<APIInteractionResponse> {
  const work = answer(interaction, invocation, deps);
  const early = await withinDeadline(work, deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS);
  // An image cannot ride in the interaction response (a multipart answer is not accepted there):
  // a chart always comes as the edit of a deferred response.
  if (early !== undefined && early.chart === undefined) return directResponse(source, early.message);
  deps.tasks.add(followUp(interaction, work, deps));
  return {
    type: source === 'command' ? InteractionResponseType.DeferredChannelMessageWithSource : InteractionResponseType.DeferredMessageUpdate,
  };
}

/**
 * The command's reply; never rejects. Discord's error boundary: a failure the user cannot fix
 * (a bug, the database down) is logged and answered with a short apology, since Discord would
 * otherwise show only "The application did not respond".
 */
async function answer(interaction: APIInteraction, invocation: Invocation, deps: DiscordInteractionDeps): Promise<DiscordAnswer> {
  try {
    const commandDeps = { ...deps, ...(deps.metrics ? { commands: deps.metrics.commands } : {}) };
    return await presentCommand(deps.registry, invocation, commandDeps, DISCORD_MESSAGE, { platform: 'discord', id: interaction.id });
  } catch (error) {
    deps.logger.error({ err: error, interactionId: interaction.id, command: invocation.commandName }, 'discord command failed');
    deps.metrics?.commands.inc({ command: deps.registry.find(invocation.commandName)?.name ?? 'unknown', platform: 'discord', outcome: 'failed' });
    return DISCORD_MESSAGE.present(failureReply(localeFromLanguageCode(invocation.user.languageCode) ?? deps.config.defaultLocale));
  }
}

/** The outcome if it arrives within `ms`, else undefined (the work keeps running). */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function directResponse(source: InvocationSource, data: DiscordMessage): APIInteractionResponse {
  // A button's answer replaces the choice it came from; an error goes only to whoever pressed it.
  if (source === 'component' && data.flags === undefined) return { type: InteractionResponseType.UpdateMessage, data };
  return { type: InteractionResponseType.ChannelMessageWithSource, data };
}

function chartOf(reply: Reply): ChartBlock | undefined {
  return reply.blocks.find((block): block is ChartBlock => block.kind === 'chart');
}

/**
 * Edits the deferred response into the result (`PATCH /webhooks/{app}/{token}/messages/@original`);
 * a chart's PNG goes with it as a multipart attachment, which the embed names (`attachment://…`).
 */
async function followUp(interaction: APIInteraction, work: Promise<DiscordAnswer>, deps: DiscordInteractionDeps): Promise<void> {
  const { message: rendered, chart } = await work;
  // Ephemerality is fixed when deferring; an edit cannot change it, so no flags here.
  const { flags: _flags, ...message } = rendered;
  try {
    const body = chart === undefined ? message : { ...message, attachments: [{ id: 0, filename: chart.fileName }] };
    const files = chart === undefined ? undefined : [{ name: chart.fileName, data: await chart.png(), contentType: 'image/png' }];
    await deps.rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), {
      body,
      auth: false,
      ...(files === undefined ? {} : { files }),
    });
  } catch (error) {
    deps.logger.error({ err: error, interactionId: interaction.id }, 'discord follow-up failed');
  }
}
