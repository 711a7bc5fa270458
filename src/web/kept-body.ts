// A page's bytes as they are kept between requests: encoded once, and gzipped once, per data
// version — not once per request. The home page of a large deployment is a megabyte of HTML
// (every indicator × every source); encoding it cost about 5 ms a request and compressed it is a
// twelfth the size for a reader on a phone. Every browser asks for gzip.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Below this, compressing saves less than a packet: sent as is. */
const MIN_GZIP_BYTES = 1024;

export interface KeptBody {
  readonly identity: Uint8Array<ArrayBuffer>;
  /** The same bytes gzipped; null when too small to be worth it. */
  readonly gzip: Uint8Array<ArrayBuffer> | null;
}

const encoder = new TextEncoder();

export async function keptBody(text: string): Promise<KeptBody> {
  const identity = encoder.encode(text);
  return { identity, gzip: identity.length < MIN_GZIP_BYTES ? null : new Uint8Array(await gzipAsync(identity)) };
}

/** Accept-Encoding names gzip (or `*`) with a q-value above 0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
