// Minimal ChannelSenders speaking the real wire protocols over node:http with keep-alive, for
// delivery tests and the fan-out benchmark (the production senders live in src/platforms/*). They
// classify answers the way DESIGN.md's "Delivery" section says.
import { Agent, request } from 'node:http';
import type { ChannelSender, EditResult, SendResult } from '../../src/delivery/channel-sender.js';

/**
 * One keep-alive agent per sender: connections are reused instead of opened per message, and a
 * few dozen of them carry a thousand messages a second (each answers in a few ms).
 */
function newAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 32 });
}

/**
 * node:http rather than fetch: fetch's web streams and per-request AbortSignal cost several times
 * more CPU per message, which is what a thousand messages a second is short of.
 */
function post(agent: Agent, url: URL, body: unknown, headers: Record<string, string>, timeoutMs: number, method = 'POST'): Promise<{ status: number; json: Record<string, unknown> } | { error: string }> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, agent, timeout: timeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => resolve({ error: error.message }));
      res.on('end', () => {
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        } catch (error) {
          resolve({ error: error instanceof Error ? error.message : String(error) });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(payload);
  });
}

export function telegramFetchSender(apiRoot: string, token: string, timeoutMs = 5000): ChannelSender<string> {
  const agent = newAgent();
  const url = new URL(`${apiRoot}/bot${token}/sendMessage`);
  const editUrl = new URL(`${apiRoot}/bot${token}/editMessageText`);
  return {
    async send(target, text, _nonce, options): Promise<SendResult> {
      const body = {
        chat_id: target.chatId,
        text,
        ...(target.threadId ? { message_thread_id: Number(target.threadId) } : {}),
        ...(options?.replyTo ? { reply_parameters: { message_id: Number(options.replyTo.messageId), allow_sending_without_reply: true } } : {}),
      };
      const answer = await post(agent, url, body, {}, timeoutMs);
      if ('error' in answer) return { kind: 'transient', error: answer.error };
      const parameters = (answer.json.parameters ?? {}) as { retry_after?: number; migrate_to_chat_id?: number };
      const description = String(answer.json.description ?? answer.status);
      if (answer.status === 200) {
        const result = answer.json.result as { message_id: number; chat: { id: number } };
        return { kind: 'sent', ref: { chatId: String(result.chat.id), messageId: String(result.message_id), threadId: target.threadId } };
      }
      if (answer.status === 429) return { kind: 'rate_limited', retryAfterMs: (parameters.retry_after ?? 1) * 1000 };
      if (parameters.migrate_to_chat_id !== undefined) return { kind: 'migrated', chatId: String(parameters.migrate_to_chat_id) };
      if (answer.status === 403 || answer.status === 400) return { kind: 'permanent', reason: description };
      return { kind: 'transient', error: description };
    },
    async edit(ref, text): Promise<EditResult> {
      const answer = await post(agent, editUrl, { chat_id: ref.chatId, message_id: Number(ref.messageId), text }, {}, timeoutMs);
      if ('error' in answer) return { kind: 'transient', error: answer.error };
      const description = String(answer.json.description ?? answer.status);
      if (answer.status === 200 || /message is not modified/.test(description)) return { kind: 'edited' };
      if (answer.status === 429) return { kind: 'rate_limited', retryAfterMs: Number((answer.json.parameters as { retry_after?: number } | undefined)?.retry_after ?? 1) * 1000 };
      if (answer.status === 403 || answer.status === 400) return { kind: 'impossible', reason: description };
      return { kind: 'transient', error: description };
    },
  };
}

export function discordFetchSender(apiBase: string, token: string, timeoutMs = 5000): ChannelSender<string> {
  const agent = newAgent();
  const headers = { authorization: `Bot ${token}` };
  return {
    async send(target, content, nonce, options): Promise<SendResult> {
      const channel = target.threadId ?? target.chatId;
      const body = {
        content,
        nonce,
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
        ...(options?.replyTo ? { message_reference: { message_id: options.replyTo.messageId, channel_id: options.replyTo.chatId, fail_if_not_exists: false } } : {}),
      };
      const answer = await post(agent, new URL(`${apiBase}/v10/channels/${channel}/messages`), body, headers, timeoutMs);
      if ('error' in answer) return { kind: 'transient', error: answer.error };
      if (answer.status === 200) return { kind: 'sent', ref: { chatId: String(answer.json.channel_id ?? channel), messageId: String(answer.json.id), threadId: target.threadId } };
      if (answer.status === 429) return { kind: 'rate_limited', retryAfterMs: Number(answer.json.retry_after ?? 1) * 1000 };
      if (answer.status === 403 || answer.status === 404) return { kind: 'permanent', reason: String(answer.json.message) };
      return { kind: 'transient', error: String(answer.json.message ?? answer.status) };
    },
    async edit(ref, content): Promise<EditResult> {
      const body = { content, allowed_mentions: { parse: [] } };
      const answer = await post(agent, new URL(`${apiBase}/v10/channels/${ref.chatId}/messages/${ref.messageId}`), body, headers, timeoutMs, 'PATCH');
      if ('error' in answer) return { kind: 'transient', error: answer.error };
      if (answer.status === 200) return { kind: 'edited' };
      if (answer.status === 429) return { kind: 'rate_limited', retryAfterMs: Number(answer.json.retry_after ?? 1) * 1000 };
      if (answer.status === 403 || answer.status === 404) return { kind: 'impossible', reason: `${String(answer.json.message)} (${String(answer.json.code)})` };
      return { kind: 'transient', error: String(answer.json.message ?? answer.status) };
    },
  };
}
