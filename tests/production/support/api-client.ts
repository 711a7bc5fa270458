// The few API calls the production tests make, and the record of each: answered (with a complete
// body), refused before any answer (connection refused or cut: never accepted), or a body that
// broke off after the status line (an accepted request that was not answered in full).
import { openDatabase } from '../../../db/connect.js';
import { getFigure } from '../../../src/domain/figure-read.js';
import { valueToJson } from '../../../src/domain/value.js';

export type Outcome =
  | { readonly kind: 'answered'; readonly status: number; readonly body: unknown; readonly at: number }
  | { readonly kind: 'no-answer'; readonly error: string; readonly at: number }
  | { readonly kind: 'broken-body'; readonly status: number; readonly error: string; readonly at: number };

/** Seeded by the demo dataset. */
export const INDICATOR = 'political-prisoners';
export const SOURCE = 'foro-penal';
const POSTED_URL = 'https://foropenal.com/test-burst/';

export async function call(url: string, init: RequestInit = {}): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    return { kind: 'no-answer', error: describe(error), at: Date.now() };
  }
  const text = await response.text().catch((error: unknown) => error);
  if (text instanceof Error || typeof text !== 'string') {
    return { kind: 'broken-body', status: response.status, error: describe(text), at: Date.now() };
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text: the test decides whether JSON was due
  }
  return { kind: 'answered', status: response.status, body, at: Date.now() };
}

export function postFigure(base: string, token: string, value: number, key: string): Promise<Outcome> {
  return call(`${base}/api/v1/figures`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
    body: JSON.stringify({ indicator: INDICATOR, source: SOURCE, value: { exact: value }, asOf: '2025-12-01', url: `${POSTED_URL}${value}` }),
  });
}

export function getIndicator(base: string): Promise<Outcome> {
  return call(`${base}/api/v1/indicators/${INDICATOR}`);
}

/** The error and its cause (undici hides ECONNREFUSED in `cause`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** The figures posted by this module's postFigure (their url names the value) that the database at `url` holds. */
export async function storedPostedValues(url: string): Promise<number[]> {
  const handle = await openDatabase(url);
  try {
    const rows = await handle.db.selectFrom('figures').select('url').where('url', 'like', `${POSTED_URL}%`).execute();
    return rows.map((r) => Number(r.url.slice(POSTED_URL.length))).sort((a, b) => a - b);
  } finally {
    await handle.close();
  }
}

/** The value (in its API JSON form) of each figure id found in the database at `url`; missing ids are absent. */
export async function storedValues(url: string, ids: readonly number[]): Promise<Map<number, unknown>> {
  const handle = await openDatabase(url);
  try {
    const found = new Map<number, unknown>();
    for (const id of ids) {
      const figure = await getFigure(handle.db, id);
      if (figure !== undefined) found.set(id, valueToJson(figure.value));
    }
    return found;
  } finally {
    await handle.close();
  }
}
