// A local Telegram Bot API for tests: `<url>/bot<token>/<method>` (grammY: `client.apiRoot = url`),
// answering like the real one ({ ok, result } / { ok: false, error_code, description, parameters }).
// It enforces configurable rate limits (429 with retry_after) and the 4,096 characters of a
// message's text (counted after HTML parsing, as Telegram does), and injects faults per chat or call.
import { BucketMap, FaultTable, startServer, type FaultScope, type FakeAnswer, type FakeRequest, type UploadedFile } from './fake-server-kit.js';

export type TelegramFault =
  | { readonly type: 'server_error'; readonly status?: number }
  | { readonly type: 'slow'; readonly ms: number }
  /** The connection drops before any answer (a network error). */
  | { readonly type: 'disconnect' }
  | { readonly type: 'kicked' }
  /** 403 blocked by the user, answered `delayMs` late (the answer a send in flight waits for). */
  | { readonly type: 'blocked'; readonly delayMs?: number }
  | { readonly type: 'chat_not_found' }
  | { readonly type: 'migrate'; readonly toChatId: string | number }
  | { readonly type: 'too_many'; readonly retryAfter: number }
  /** A token Telegram does not know (any method). */
  | { readonly type: 'unauthorized' };

export interface TelegramLimits {
  /** Messages per second for the whole bot (Telegram: about 30). */
  readonly perSecond?: number;
  /** Messages per second to one chat (Telegram: 1). */
  readonly perChatPerSecond?: number;
  /** Messages per minute to one group or channel, i.e. a negative chat id (Telegram: 20). */
  readonly perGroupPerMinute?: number;
}

export interface TelegramCall {
  readonly method: string;
  readonly token: string;
  readonly params: Record<string, unknown>;
  readonly at: number;
  /** The HTTP status answered. */
  status: number;
}

export interface TelegramSentMessage {
  readonly chatId: string;
  readonly threadId: string | null;
  readonly messageId: number;
  /** The current text: an edit changes it. */
  text: string;
  readonly params: Record<string, unknown>;
  readonly at: number;
  /** The message it answers (`reply_parameters`), when that message exists. */
  readonly replyTo: number | null;
  /** Accepted, but the answer came too late for the client (it timed out): it may well send it again. */
  answerLost: boolean;
}

export interface TelegramEdit {
  readonly chatId: string;
  readonly messageId: number;
  readonly text: string;
  readonly params: Record<string, unknown>;
  readonly at: number;
}

/** A photo the fake received: uploaded (its bytes) or sent again by a file_id it gave out. */
export interface TelegramSentPhoto {
  readonly chatId: string;
  readonly caption: string;
  /** The upload, or null when sent by file_id. */
  readonly upload: UploadedFile | null;
  /** The file_id answered (new for an upload, the one given otherwise). */
  readonly fileId: string;
  readonly params: Record<string, unknown>;
}

export interface FakeTelegramOptions {
  readonly limits?: TelegramLimits;
  /** chat id → user id → member status (`creator`, `administrator`, `member`, `left`, …). */
  readonly members?: Record<string, Record<string, string>>;
  readonly botUsername?: string;
  /** Consulted for a call no setFault rule matches: a fault to inject, or none (a soak's random faults). */
  readonly randomFault?: (method: string, chatId: string | undefined) => TelegramFault | undefined;
}

export interface FakeTelegramApi {
  readonly url: string;
  readonly calls: TelegramCall[];
  /** Every sendMessage that succeeded, in order. */
  readonly messages: TelegramSentMessage[];
  /** Every editMessageText that changed a message, in order. */
  readonly edits: TelegramEdit[];
  /** A user deletes a message: editing it then answers "message to edit not found". */
  deleteMessage(chatId: string | number, messageId: number): void;
  /** Every sendPhoto that succeeded, in order. */
  readonly photos: TelegramSentPhoto[];
  /** 429 answers given, by cause. */
  readonly rateLimited: { overall: number; chat: number; group: number };
  setFault(fault: TelegramFault | null, scope?: FaultScope): void;
  setMember(chatId: string | number, userId: string | number, status: string): void;
  close(): Promise<void>;
}

const SENDING = new Set(['sendMessage', 'editMessageText', 'sendPhoto']);

const FAULT_ANSWERS = {
  kicked: [403, 'Forbidden: bot was kicked from the group chat'],
  blocked: [403, 'Forbidden: bot was blocked by the user'],
  chat_not_found: [400, 'Bad Request: chat not found'],
  unauthorized: [401, 'Unauthorized'],
} as const;

function fail(status: number, description: string, parameters?: Record<string, unknown>): FakeAnswer {
  return { status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } };
}

/** Telegram's limit on a message's text, counted as the reader sees it (tags parsed away). */
const TEXT_MAX = 4096;

function visibleLength(params: Record<string, unknown>): number {
  const text = String(params.text ?? '');
  if (params.parse_mode !== 'HTML') return text.length;
  return text.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|amp|#\d+);/g, '_').length;
}

function ok(result: unknown): FakeAnswer {
  return { status: 200, body: { ok: true, result } };
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data);
}

export async function startFakeTelegramApi(options: FakeTelegramOptions = {}): Promise<FakeTelegramApi> {
  const limits = options.limits ?? {};
  const members = new Map<string, string>();
  for (const [chat, users] of Object.entries(options.members ?? {})) {
    for (const [user, status] of Object.entries(users)) members.set(`${chat}:${user}`, status);
  }
  const overall = limits.perSecond ? new BucketMap(limits.perSecond, 1000) : null;
  const perChat = limits.perChatPerSecond ? new BucketMap(limits.perChatPerSecond, 1000) : null;
  const perGroup = limits.perGroupPerMinute ? new BucketMap(limits.perGroupPerMinute, 60_000) : null;
  const faults = new FaultTable<TelegramFault>();
  const calls: TelegramCall[] = [];
  const messages: TelegramSentMessage[] = [];
  const edits: TelegramEdit[] = [];
  /** Messages sent through this fake and still in their chat, by `chat:message id`. */
  const live = new Map<string, TelegramSentMessage>();
  /**
   * Messages deleted by deleteMessage. A message the fake never saw is taken to exist: a webhook
   * reply (the answer inside the HTTP response) never reaches the Bot API, yet Telegram keeps it.
   */
  const deleted = new Set<string>();
  const rateLimited = { overall: 0, chat: 0, group: 0 };
  const photos: TelegramSentPhoto[] = [];
  /** file_id → the upload it names: a file_id never given out is refused, as Telegram does. */
  const files = new Map<string, UploadedFile>();
  let nextMessageId = 1;

  /** sendPhoto with a multipart upload (`photo: attach://<part>`, the part a file) or a known file_id. */
  function sendPhoto(params: Record<string, unknown>, chatId: string, now: number): FakeAnswer {
    const photo = params.photo;
    const attached = typeof photo === 'string' && photo.startsWith('attach://') ? params[photo.slice('attach://'.length)] : undefined;
    const upload = isUpload(attached) ? attached : isUpload(photo) ? photo : null;
    let fileId: string;
    if (upload !== null) {
      fileId = `AgAC-fake-${files.size + 1}`;
      files.set(fileId, upload);
    } else if (typeof photo === 'string' && files.has(photo)) {
      fileId = photo;
    } else {
      return fail(400, 'Bad Request: wrong file identifier/HTTP URL specified');
    }
    const caption = String(params.caption ?? '');
    photos.push({ chatId, caption, upload, fileId, params });
    // Smaller sizes first, as Telegram lists them; the largest carries the file_id re-sent.
    const sizes = [
      { file_id: `${fileId}-s`, file_unique_id: `u${fileId}s`, width: 320, height: 160 },
      { file_id: fileId, file_unique_id: `u${fileId}`, width: 800, height: 400 },
    ];
    return ok({ message_id: nextMessageId++, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: chatId.startsWith('-') ? 'supergroup' : 'private' }, photo: sizes, caption });
  }

  function rateLimit(chatId: string, now: number): FakeAnswer | undefined {
    const checks: [BucketMap | null, string, keyof typeof rateLimited][] = [
      [perChat, chatId, 'chat'],
      [chatId.startsWith('-') ? perGroup : null, chatId, 'group'],
      [overall, 'bot', 'overall'],
    ];
    for (const [buckets, key, cause] of checks) {
      const taken = buckets?.take(key, now);
      if (taken && !taken.ok) {
        rateLimited[cause] += 1;
        const retryAfter = Math.max(1, Math.ceil(taken.waitMs / 1000));
        return fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
    }
    return undefined;
  }

  function answerFault(fault: TelegramFault): FakeAnswer | undefined {
    switch (fault.type) {
      case 'server_error':
        return fail(fault.status ?? 500, 'Internal Server Error');
      case 'too_many':
        return fail(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter });
      case 'migrate':
        return fail(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
          migrate_to_chat_id: Number(fault.toChatId),
        });
      case 'slow':
        return undefined;
      case 'disconnect':
        return { status: 0, body: undefined, disconnect: true };
      default: {
        const [status, description] = FAULT_ANSWERS[fault.type];
        return fail(status, description);
      }
    }
  }

  function perform(method: string, params: Record<string, unknown>, chatId: string, now: number): FakeAnswer {
    switch (method) {
      case 'getMe':
        return ok({ id: 42, is_bot: true, first_name: 'cifras', username: options.botUsername ?? 'cifras_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false });
      case 'sendMessage': {
        if (visibleLength(params) > TEXT_MAX) return fail(400, 'Bad Request: message is too long');
        const threadId = params.message_thread_id === undefined ? null : String(params.message_thread_id);
        const text = String(params.text ?? '');
        // As the Bot API: a reply to a message that is gone fails unless allow_sending_without_reply.
        const replyParameters = params.reply_parameters as { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
        const repliedKey = replyParameters?.message_id === undefined ? undefined : `${chatId}:${replyParameters.message_id}`;
        const repliedGone = repliedKey === undefined || deleted.has(repliedKey);
        if (replyParameters !== undefined && repliedGone && replyParameters.allow_sending_without_reply !== true) return fail(400, 'Bad Request: message to be replied not found');
        const messageId = nextMessageId++;
        const message: TelegramSentMessage = { chatId, threadId, messageId, text, params, at: now, replyTo: repliedGone ? null : Number(replyParameters?.message_id), answerLost: false };
        messages.push(message);
        live.set(`${chatId}:${messageId}`, message);
        return ok({ message_id: messageId, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: chatId.startsWith('-') ? 'supergroup' : 'private' }, text, ...(threadId ? { message_thread_id: Number(threadId) } : {}) });
      }
      case 'sendPhoto':
        return sendPhoto(params, chatId, now);
      case 'editMessageText': {
        if (visibleLength(params) > TEXT_MAX) return fail(400, 'Bad Request: MESSAGE_TOO_LONG');
        const messageId = Number(params.message_id ?? 0);
        const key = `${chatId}:${messageId}`;
        if (deleted.has(key) || messageId <= 0) return fail(400, 'Bad Request: message to edit not found');
        const message = live.get(key);
        const text = String(params.text ?? '');
        if (message !== undefined && text === message.text) return fail(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        if (message !== undefined) message.text = text;
        edits.push({ chatId, messageId, text, params, at: now });
        return ok({ message_id: messageId, date: Math.floor((message?.at ?? now) / 1000), edit_date: Math.floor(now / 1000), chat: { id: Number(chatId), type: chatId.startsWith('-') ? 'supergroup' : 'private' }, text });
      }
      case 'getChatMember': {
        const userId = String(params.user_id);
        const status = members.get(`${chatId}:${userId}`) ?? 'member';
        return ok({ status, user: { id: Number(userId), is_bot: false, first_name: 'User' } });
      }
      case 'getUpdates':
        return ok([]);
      case 'answerCallbackQuery':
      case 'answerInlineQuery':
      case 'setWebhook':
      case 'deleteWebhook':
      case 'setMyCommands':
        return ok(true);
      default:
        return fail(404, 'Not Found');
    }
  }

  async function handle(request: FakeRequest): Promise<FakeAnswer> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.path);
    if (!match) return fail(404, 'Not Found');
    const [, token = '', method = ''] = match;
    const now = Date.now();
    const call: TelegramCall = { method, token, params: request.body, at: now, status: 200 };
    calls.push(call);
    const chatId = request.body.chat_id === undefined ? undefined : String(request.body.chat_id);
    const fault = faults.take(method, chatId) ?? options.randomFault?.(method, chatId);
    const faultAnswer = fault && answerFault(fault);
    const sentBefore = messages.length;
    const answer =
      faultAnswer ??
      (SENDING.has(method) && chatId !== undefined ? rateLimit(chatId, now) : undefined) ??
      perform(method, request.body, chatId ?? '', now);
    call.status = answer.status;
    if (fault?.type === 'slow') {
      const accepted = messages.length > sentBefore ? messages.at(-1) : undefined;
      return { ...answer, delayMs: fault.ms, onDropped: () => accepted && (accepted.answerLost = true) };
    }
    return fault?.type === 'blocked' && fault.delayMs !== undefined ? { ...answer, delayMs: fault.delayMs } : answer;
  }

  const server = await startServer(handle);
  return {
    url: server.url,
    calls,
    messages,
    edits,
    deleteMessage: (chatId, messageId) => {
      live.delete(`${chatId}:${messageId}`);
      deleted.add(`${chatId}:${messageId}`);
    },
    photos,
    rateLimited,
    setFault: (fault, scope) => faults.set(fault, scope),
    setMember: (chatId, userId, status) => members.set(`${chatId}:${userId}`, status),
    close: () => server.close(),
  };
}
