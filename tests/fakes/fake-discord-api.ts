// A local Discord REST API for tests under `<url>/v10/…` (@discordjs/rest: `api: url`;
// DISCORD_API_BASE = url). Channel messages honour `nonce` + `enforce_nonce` (a repeated nonce
// within a few minutes returns the same message, as Discord does), interaction follow-ups and
// command registration are answered, a global limit answers 429 with X-RateLimit-* headers, a
// message past Discord's embed limits is refused (400 Invalid Form Body, 50035) as Discord does,
// and faults are injected per channel or per route.
import { BucketMap, FaultTable, startServer, type FaultScope, type FakeAnswer, type FakeRequest } from './fake-server-kit.js';

export type DiscordFault =
  | { readonly type: 'server_error'; readonly status?: number }
  | { readonly type: 'slow'; readonly ms: number }
  /** 403 Missing Access, answered `delayMs` late (the answer a send in flight waits for). */
  | { readonly type: 'missing_access'; readonly delayMs?: number }
  | { readonly type: 'unknown_channel' }
  | { readonly type: 'too_many'; readonly retryAfter: number };

export interface DiscordCall {
  /** Route pattern, e.g. `POST /channels/:id/messages`. */
  readonly route: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string | undefined;
  readonly at: number;
  status: number;
}

export interface DiscordMessage {
  readonly id: string;
  readonly channelId: string;
  /** The current content and body: an edit changes them. */
  content: string;
  body: Record<string, unknown>;
  readonly nonce: string | null;
  readonly at: number;
  /** The message it answers (`message_reference`), when that message exists. */
  readonly replyTo: string | null;
}

export interface DiscordEdit {
  readonly channelId: string;
  readonly messageId: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

export interface FakeDiscordOptions {
  /** Requests per second for the whole bot (Discord: 50). */
  readonly perSecond?: number;
  /** How long a nonce is remembered (Discord: a few minutes). */
  readonly nonceTtlMs?: number;
  /** Consulted for a call no setFault rule matches: a fault to inject, or none (a soak's random faults). */
  readonly randomFault?: (route: string, channelId: string | undefined) => DiscordFault | undefined;
}

export interface FakeDiscordApi {
  readonly url: string;
  readonly calls: DiscordCall[];
  /** Every message created (channel messages and webhook follow-ups), never twice per nonce. */
  readonly messages: DiscordMessage[];
  /** Every PATCH /channels/{id}/messages/{id} that found its message, in order. */
  readonly edits: DiscordEdit[];
  /** A user deletes a message: a PATCH of it then answers 404 Unknown Message (10008). */
  deleteMessage(channelId: string, messageId: string): void;
  /** Registered commands: `global` or the guild id → the last PUT body. */
  readonly commands: Map<string, unknown[]>;
  readonly rateLimited: { global: number };
  setFault(fault: DiscordFault | null, scope?: FaultScope): void;
  close(): Promise<void>;
}

const ROUTES: readonly [string, RegExp][] = [
  ['POST /channels/:id/messages', /^POST \/v10\/channels\/(\d+)\/messages$/],
  ['PATCH /channels/:id/messages/:message', /^PATCH \/v10\/channels\/(\d+)\/messages\/(\d+)$/],
  ['POST /webhooks/:app/:token', /^POST \/v10\/webhooks\/(\d+)\/([^/]+)$/],
  ['PATCH /webhooks/:app/:token/messages/:id', /^PATCH \/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/],
  ['POST /interactions/:id/:token/callback', /^POST \/v10\/interactions\/(\d+)\/([^/]+)\/callback$/],
  ['PUT /applications/:app/commands', /^PUT \/v10\/applications\/(\d+)\/commands$/],
  ['PUT /applications/:app/guilds/:guild/commands', /^PUT \/v10\/applications\/(\d+)\/guilds\/(\d+)\/commands$/],
];

interface WireEmbed {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

/** What Discord would refuse in a message body's embeds (its documented limits); null when none. */
function embedProblem(body: Record<string, unknown>): string | null {
  const embeds = (body.embeds ?? []) as WireEmbed[];
  if (!Array.isArray(embeds)) return 'embeds: not an array';
  if (embeds.length > 10) return `embeds: ${embeds.length} > 10`;
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const fields = e.fields ?? [];
    const checks: [string, number, number][] = [
      ['title', e.title?.length ?? 0, 256],
      ['description', e.description?.length ?? 0, 4096],
      ['fields', fields.length, 25],
      ['footer', e.footer?.text?.length ?? 0, 2048],
      ['author', e.author?.name?.length ?? 0, 256],
      ...fields.flatMap((f, j): [string, number, number][] => [[`fields[${j}].name`, f.name?.length ?? 0, 256], [`fields[${j}].value`, f.value?.length ?? 0, 1024]]),
    ];
    for (const [what, length, max] of checks) if (length > max) return `embeds[${i}].${what}: ${length} > ${max}`;
    if (e.description !== undefined && e.description.length === 0) return `embeds[${i}].description: empty`;
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0) + (e.author?.name?.length ?? 0) + fields.reduce((n, f) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0);
  }
  return total > 6000 ? `embeds: ${total} characters > 6000` : null;
}

function error(status: number, message: string, code: number): FakeAnswer {
  return { status, body: { message, code } };
}

export async function startFakeDiscordApi(options: FakeDiscordOptions = {}): Promise<FakeDiscordApi> {
  const global = options.perSecond ? new BucketMap(options.perSecond, 1000) : null;
  const nonceTtl = options.nonceTtlMs ?? 5 * 60_000;
  const faults = new FaultTable<DiscordFault>();
  const calls: DiscordCall[] = [];
  const messages: DiscordMessage[] = [];
  const edits: DiscordEdit[] = [];
  /** Messages still in their channel, by `channel:id`. */
  const live = new Map<string, DiscordMessage>();
  const commands = new Map<string, unknown[]>();
  const nonces = new Map<string, DiscordMessage>();
  const rateLimited = { global: 0 };
  let snowflake = 1_100_000_000_000_000_000n;

  function messageJson(m: DiscordMessage): unknown {
    return { id: m.id, channel_id: m.channelId, content: m.content, embeds: m.body.embeds ?? [], nonce: m.nonce, timestamp: new Date(m.at).toISOString(), type: 0, author: { id: '42', username: 'cifras', bot: true } };
  }

  function createMessage(channelId: string, body: Record<string, unknown>, now: number): FakeAnswer {
    const problem = embedProblem(body);
    if (problem !== null) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: problem }] } } } };
    const nonce = body.nonce === undefined ? null : String(body.nonce);
    const key = `${channelId}:${nonce}`;
    const seen = nonce !== null && body.enforce_nonce === true ? nonces.get(key) : undefined;
    if (seen && now - seen.at < nonceTtl) return { status: 200, body: messageJson(seen) };
    // As Discord: a reply to a message that is gone fails unless fail_if_not_exists is false.
    const reference = body.message_reference as { message_id?: string; fail_if_not_exists?: boolean } | undefined;
    const replied = reference?.message_id === undefined ? undefined : live.get(`${channelId}:${reference.message_id}`);
    if (reference !== undefined && replied === undefined && reference.fail_if_not_exists !== false) {
      return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] } } } };
    }
    const message: DiscordMessage = { id: String(snowflake++), channelId, content: String(body.content ?? ''), body, nonce, at: now, replyTo: replied?.id ?? null };
    messages.push(message);
    live.set(`${channelId}:${message.id}`, message);
    if (nonce !== null) nonces.set(key, message);
    return { status: 200, body: messageJson(message) };
  }

  function answerFault(fault: DiscordFault): FakeAnswer | undefined {
    switch (fault.type) {
      case 'server_error':
        return error(fault.status ?? 500, '500: Internal Server Error', 0);
      case 'missing_access':
        return error(403, 'Missing Access', 50001);
      case 'unknown_channel':
        return error(404, 'Unknown Channel', 10003);
      case 'too_many':
        return tooMany(fault.retryAfter, false);
      case 'slow':
        return undefined;
    }
  }

  function tooMany(retryAfterSeconds: number, isGlobal: boolean): FakeAnswer {
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: isGlobal },
      headers: { 'retry-after': String(Math.ceil(retryAfterSeconds)), 'x-ratelimit-scope': isGlobal ? 'global' : 'user', ...(isGlobal ? { 'x-ratelimit-global': 'true' } : {}) },
    };
  }

  function perform(route: string, args: string[], body: Record<string, unknown>, now: number): FakeAnswer {
    switch (route) {
      case 'POST /channels/:id/messages':
        return createMessage(args[0]!, body, now);
      case 'PATCH /channels/:id/messages/:message': {
        const message = live.get(`${args[0]}:${args[1]}`);
        if (message === undefined) return error(404, 'Unknown Message', 10008);
        const problem = embedProblem(body);
        if (problem !== null) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: problem }] } } } };
        message.content = String(body.content ?? message.content);
        message.body = { ...message.body, ...body };
        edits.push({ channelId: args[0]!, messageId: args[1]!, body, at: now });
        return { status: 200, body: { ...(messageJson(message) as object), edited_timestamp: new Date(now).toISOString() } };
      }
      case 'POST /webhooks/:app/:token':
        return createMessage(`webhook:${args[1]}`, body, now);
      case 'PATCH /webhooks/:app/:token/messages/:id':
        return createMessage(`webhook:${args[1]}:${args[2]}`, body, now);
      case 'POST /interactions/:id/:token/callback':
        return { status: 204, body: undefined };
      default: {
        const list = Array.isArray(body) ? (body as unknown[]) : (Object.values(body) as unknown[]);
        commands.set(args[1] ?? 'global', list);
        return { status: 200, body: list.map((c, i) => ({ id: String(snowflake + BigInt(i)), application_id: args[0], ...(c as object) })) };
      }
    }
  }

  function bucketHeaders(route: string): Record<string, string> {
    return { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '999', 'x-ratelimit-reset-after': '1', 'x-ratelimit-reset': String(Date.now() / 1000 + 1), 'x-ratelimit-bucket': Buffer.from(route).toString('hex').slice(0, 16) };
  }

  async function handle(request: FakeRequest): Promise<FakeAnswer> {
    const key = `${request.method} ${request.path}`;
    const found = ROUTES.map(([route, pattern]) => [route, pattern.exec(key)] as const).find(([, m]) => m);
    if (!found) return error(404, '404: Not Found', 0);
    const [route, match] = found;
    const args = match!.slice(1);
    const now = Date.now();
    const authorization = request.headers.authorization;
    const call: DiscordCall = { route, path: request.path, body: request.body, authorization, at: now, status: 200 };
    calls.push(call);
    const needsBot = route.includes(' /channels') || route.startsWith('PUT /applications');
    const channelId = route.includes(' /channels') ? args[0] : undefined;
    const fault = faults.take(route, channelId) ?? options.randomFault?.(route, channelId);
    let answer: FakeAnswer | undefined = fault && answerFault(fault);
    if (!answer && needsBot && !authorization?.startsWith('Bot ')) answer = error(401, '401: Unauthorized', 0);
    if (!answer && global) {
      const taken = global.take('bot', now);
      if (!taken.ok) {
        rateLimited.global += 1;
        answer = tooMany(taken.waitMs / 1000, true);
      }
    }
    answer ??= perform(route, args, request.body, now);
    answer = { ...answer, headers: { ...bucketHeaders(route), ...answer.headers } };
    call.status = answer.status;
    if (fault?.type === 'slow') return { ...answer, delayMs: fault.ms };
    return fault?.type === 'missing_access' && fault.delayMs !== undefined ? { ...answer, delayMs: fault.delayMs } : answer;
  }

  const server = await startServer(handle);
  return {
    url: server.url,
    calls,
    messages,
    edits,
    deleteMessage: (channelId, messageId) => void live.delete(`${channelId}:${messageId}`),
    commands,
    rateLimited,
    setFault: (fault, scope) => faults.set(fault, scope),
    close: () => server.close(),
  };
}
