// Runs a slash command or a button's command and answers within Discord's 3-second window: a
// command that finishes before `deferAfterMs` is answered directly (type 4, or 7 updating the
// message whose button was pressed); a slower one is answered "thinking…" (type 5, or 6 for a
// button) and its result is sent as an edit of the original response through the REST API.
// The id of an interaction that may write is claimed first: a re-delivered one is told it was
// already handled, and writes nothing.
import {
  InteractionResponseType,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { localeFromLanguageCode, resolveLocale } from '../../core/chat-locale.js';
import type { Invocation } from '../../core/invocation.js';
import { errorBlock, isErrorReply, reply, type Reply } from '../../core/reply.js';
import { messagesFor } from '../../i18n/index.js';
import { mayWrite } from '../../core/command.js';
import { keptReply, runCommand } from '../../core/run-command.js';
import { claimUpdate, releaseUpdate } from '../../domain/processed-updates.js';
import type { BackgroundTasks } from './background-tasks.js';
import { DEFAULT_DEFER_AFTER_MS, type DiscordInteractionDeps } from './discord-deps.js';
import { failureReply } from './failure-message.js';
import { renderDiscord } from './render.js';

export type InvocationSource = 'command' | 'component';

export function answerInvocation(
  source: InvocationSource,
  interaction: APIInteraction,
  invocation: Invocation,
  deps: DiscordInteractionDeps & { readonly tasks: BackgroundTasks },
): APIInteractionResponse | Promise<APIInteractionResponse> {
  // A kept answer (the same /count again, nothing written since) is given at once: no timer, no await.
  const command = deps.registry.find(invocation.commandName);
  const kept = keptReply(command, invocation, deps);
  if (command !== undefined && kept !== undefined) {
    deps.metrics?.commands.inc({ command: command.name, platform: 'discord', outcome: isErrorReply(kept) ? 'error' : 'ok' });
    return directResponse(source, kept);
  }
  return answerInTime(source, interaction, invocation, deps);
}

async function answerInTime(
  source: InvocationSource,
  interaction: APIInteraction,
  invocation: Invocation,
  deps: DiscordInteractionDeps & { readonly tasks: BackgroundTasks },
): Promise<APIInteractionResponse> {
  const work = runOnce(interaction, invocation, deps);
  const early = await withinDeadline(work, deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS);
  if (early !== undefined) return directResponse(source, early);
  deps.tasks.add(followUp(interaction, work, deps));
  return {
    type: source === 'command' ? InteractionResponseType.DeferredChannelMessageWithSource : InteractionResponseType.DeferredMessageUpdate,
  };
}

/** Claims the id of a command that may write, runs it (not a re-delivery); never rejects. */
async function runOnce(interaction: APIInteraction, invocation: Invocation, deps: DiscordInteractionDeps): Promise<Reply> {
  const command = deps.registry.find(invocation.commandName);
  const commandName = command?.name ?? 'unknown';
  let claimed = false;
  try {
    // Only a command that may write needs its id claimed; a reading one is simply answered again.
    // A re-delivered write is not re-run, even in a transaction rolled back afterwards: its answer
    // would describe a write that did not happen (a figure number the next real figure then gets,
    // a language since changed again). It is told so, as on Telegram.
    claimed = mayWrite(command) && (await claimUpdate(deps.db, 'discord', interaction.id, deps.now()));
    if (mayWrite(command) && !claimed) {
      deps.logger.info({ interactionId: interaction.id }, 'discord interaction re-delivered: not applied again');
      deps.metrics?.commands.inc({ command: commandName, platform: 'discord', outcome: 'duplicate' });
      const locale = await resolveLocale(deps.db, invocation, deps.config.defaultLocale);
      return reply(locale, errorBlock(messagesFor(locale).platform.alreadyHandled));
    }
    const answer = await runCommand(deps.registry, invocation, {
      db: deps.db,
      config: deps.config,
      now: deps.now,
      logger: deps.logger,
      ...(deps.isEditor ? { isEditor: deps.isEditor } : {}),
    });
    deps.metrics?.commands.inc({ command: commandName, platform: 'discord', outcome: isErrorReply(answer) ? 'error' : 'ok' });
    return answer;
  } catch (error) {
    deps.logger.error({ err: error, interactionId: interaction.id, command: commandName }, 'discord command failed');
    // Nothing was applied (the write's transaction rolled back): a re-sent interaction may run it.
    if (claimed) await releaseUpdate(deps.db, 'discord', interaction.id).catch(() => undefined);
    deps.metrics?.commands.inc({ command: commandName, platform: 'discord', outcome: 'failed' });
    const locale = localeFromLanguageCode(invocation.user.languageCode) ?? deps.config.defaultLocale;
    return failureReply(locale);
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

/**
 * Responses by reply and source: a kept reply (run-command.ts, `cacheable`) gets the same response
 * object each time, so the route can reuse its JSON (interaction-routes.ts).
 */
const responses = new WeakMap<Reply, Partial<Record<InvocationSource, APIInteractionResponse>>>();

function directResponse(source: InvocationSource, reply: Reply): APIInteractionResponse {
  const known = responses.get(reply) ?? {};
  let response = known[source];
  if (response === undefined) {
    response = buildResponse(source, reply);
    responses.set(reply, { ...known, [source]: response });
  }
  return response;
}

function buildResponse(source: InvocationSource, reply: Reply): APIInteractionResponse {
  const data = renderDiscord(reply);
  // A button's answer replaces the choice it came from; an error goes only to whoever pressed it.
  if (source === 'component' && data.flags === undefined) return { type: InteractionResponseType.UpdateMessage, data };
  return { type: InteractionResponseType.ChannelMessageWithSource, data };
}

/** Edits the deferred response into the result (`PATCH /webhooks/{app}/{token}/messages/@original`). */
async function followUp(interaction: APIInteraction, work: Promise<Reply>, deps: DiscordInteractionDeps): Promise<void> {
  const reply = await work;
  // Ephemerality is fixed when deferring; an edit cannot change it, so no flags here.
  const { flags: _flags, ...body } = renderDiscord(reply);
  try {
    await deps.rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), { body, auth: false });
  } catch (error) {
    deps.logger.error({ err: error, interactionId: interaction.id }, 'discord follow-up failed');
  }
}
