// Pieces shared by the fake platform servers: a node:http server on 127.0.0.1 port 0, request
// body parsing (JSON, form, query string), token buckets that enforce rate limits the way the
// platforms do, fault rules matched per chat or per call, and a sliding-window rate measure.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering (a slow platform; the client may time out). */
  readonly delayMs?: number;
  /** Drop the connection instead of answering (a network error on the client's side). */
  readonly disconnect?: boolean;
  /** Called when the client was gone by the time the answer was ready (it timed out waiting). */
  readonly onDropped?: () => void;
}

export interface StartedServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A file part of a multipart body, as the fakes record it. */
export interface UploadedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/** A form field's value: JSON-looking text decoded, other text as it is. */
function fieldValue(value: string): unknown {
  try {
    return /^[[{]/.test(value) ? JSON.parse(value) : value;
  } catch {
    return value;
  }
}

/**
 * Parses a multipart/form-data body: text fields as form values, file parts as UploadedFile under
 * their field name. Written out rather than undici's Request.formData(), which refuses the
 * compact headers grammY writes (`content-disposition:form-data;name="x";filename=a.png`).
 */
function parseMultipart(raw: Buffer, contentType: string, body: Record<string, unknown>): Record<string, unknown> {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (boundary === undefined) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) throw new Error('multipart body not closed');
    const part = raw.subarray(start + 2, next - 2); // the CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const data = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const fileName = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (name === undefined) throw new Error(`multipart part without a name: ${headers}`);
    body[name] =
      fileName === undefined
        ? fieldValue(data.toString('utf8'))
        : ({ fileName, contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? '', data: Buffer.from(data) } satisfies UploadedFile);
    at = next;
  }
  return body;
}

/** Parses a JSON, urlencoded or multipart body; values of a form that look like JSON are decoded. */
async function parseBody(rawBytes: Buffer, contentType: string | undefined, query: URLSearchParams): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of query) body[key] = value;
  if (contentType?.includes('multipart/form-data')) return parseMultipart(rawBytes, contentType, body);
  const raw = rawBytes.toString('utf8');
  if (raw === '') return body;
  if (contentType?.includes('application/json')) return { ...body, ...(JSON.parse(raw) as Record<string, unknown>) };
  for (const [key, value] of new URLSearchParams(raw)) body[key] = fieldValue(value);
  return body;
}

/** Serves `handle` on 127.0.0.1 at a free port. */
export async function startServer(handle: (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>): Promise<StartedServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        let answer: FakeAnswer;
        try {
          const body = await parseBody(Buffer.concat(chunks), req.headers['content-type'], url.searchParams);
          answer = await handle({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body });
        } catch (error) {
          answer = { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${String(error)}` } };
        }
        if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        if (res.destroyed || req.socket.destroyed) {
          answer.onDropped?.();
          return;
        }
        if (answer.disconnect === true) {
          req.socket.destroy();
          return;
        }
        const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, { ...(text ? { 'content-type': 'application/json' } : {}), ...answer.headers });
        res.end(text);
      })();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A token bucket holding at most `capacity` tokens, refilled at `capacity` per `periodMs`: a
 * sustained rate above the limit runs it dry; a short burst within one period is allowed.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly periodMs: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Takes a token, or answers how many ms until one is available. */
  take(now = Date.now()): { ok: true } | { ok: false; waitMs: number } {
    const rate = this.capacity / this.periodMs;
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * rate);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil((1 - this.tokens) / rate) };
  }
}

/** Buckets created on first use, one per key (a chat, a group, the whole bot). */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly capacity: number,
    private readonly periodMs: number,
  ) {}
  take(key: string, now = Date.now()): { ok: true } | { ok: false; waitMs: number } {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.capacity, this.periodMs, now)));
    return bucket.take(now);
  }
}

export interface FaultRule<F> {
  readonly fault: F;
  /** Only calls about this chat/channel id. */
  readonly chatId?: string;
  /** Only this method (Telegram) or route pattern (Discord, e.g. `POST /channels/:id/messages`). */
  readonly call?: string;
  /** How many calls it affects; default every matching call until cleared. */
  remaining: number;
  /** Matching calls still to let through before it applies. */
  skip: number;
}

export interface FaultScope {
  readonly chatId?: string | number;
  readonly call?: string;
  readonly times?: number;
  /** Matching calls let through before the fault applies (`after: 2`: the third call fails). */
  readonly after?: number;
}

/** Fault rules; the newest matching rule wins. `fault: null` clears the rules of that scope. */
export class FaultTable<F> {
  private rules: FaultRule<F>[] = [];

  set(fault: F | null, scope: FaultScope = {}): void {
    const chatId = scope.chatId === undefined ? undefined : String(scope.chatId);
    if (fault === null) {
      this.rules = this.rules.filter((r) => r.chatId !== chatId || (scope.call !== undefined && r.call !== scope.call));
      return;
    }
    this.rules.push({ fault, chatId, call: scope.call, remaining: scope.times ?? Number.POSITIVE_INFINITY, skip: scope.after ?? 0 });
  }

  /** The fault for this call, if any, counting it against the rule's `times`. */
  take(call: string, chatId: string | undefined): F | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (rule.remaining <= 0) continue;
      if (rule.call !== undefined && rule.call !== call) continue;
      if (rule.chatId !== undefined && rule.chatId !== chatId) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      rule.remaining -= 1;
      return rule.fault;
    }
    return undefined;
  }
}

/** The most events that fell in any window of `windowMs` (half-open: (t - windowMs, t]). */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
