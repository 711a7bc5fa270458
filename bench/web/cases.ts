// What bench:web asks the server: the JSON route of one indicator and the two pages showing it.
// Every request says `Accept-Encoding: gzip`, as every browser does; the pages are then sent
// gzipped (kept compressed), the JSON route as it is. Each page is also measured without
// compression. Answers are checked: an uncompressed body under load, every one, and each case
// decompressed in full before and after its load (checkOnce in web.ts).
export interface WebCase {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Checks each body under load, as received; absent for gzipped pages: autocannon would decode
   * every compressed body to text only to look at its first byte, a cost of the client's that
   * would be counted against the server on these shared cores.
   */
  readonly verifyRaw?: (body: string) => boolean;
  /** True when the decoded body is the right answer to this path. */
  verify(body: string): boolean;
}

/** The benchmark's first indicator: its slug and Spanish name (bench/query/dataset.ts). */
export const SLUG = 'indicator-1';
const NAME = 'Indicador 1';
const GZIP = { 'Accept-Encoding': 'gzip, deflate, br' };
const IDENTITY = { 'Accept-Encoding': 'identity' };

const verifyJson = (body: string): boolean => body.startsWith(`{"slug":"${SLUG}"`) && body.includes('"latest":[{');
const verifyHome = (body: string): boolean =>
  body.startsWith('<!doctype html><html lang="es">') && body.includes(`>${NAME}</a></h2>`) && body.includes('class="value"');
const verifyIndicator = (body: string): boolean =>
  body.startsWith('<!doctype html><html lang="es">') && body.includes(`<h1>${NAME}</h1>`) && body.includes('rel="next"');

export const JSON_CASE: WebCase = {
  id: 'json',
  title: `GET /api/v1/indicators/${SLUG}`,
  path: `/api/v1/indicators/${SLUG}`,
  headers: GZIP,
  verifyRaw: verifyJson,
  verify: verifyJson,
};

export const HOME_CASE: WebCase = { id: 'home', title: 'GET / (gzip)', path: '/', headers: GZIP, verify: verifyHome };
export const HOME_IDENTITY: WebCase = { id: 'home-identity', title: 'GET / (uncompressed)', path: '/', headers: IDENTITY, verifyRaw: verifyHome, verify: verifyHome };

export const INDICATOR_CASE: WebCase = {
  id: 'indicator',
  title: `GET /indicators/${SLUG} (gzip)`,
  path: `/indicators/${SLUG}`,
  headers: GZIP,
  verify: verifyIndicator,
};
export const INDICATOR_IDENTITY: WebCase = { ...INDICATOR_CASE, id: 'indicator-identity', title: `GET /indicators/${SLUG} (uncompressed)`, headers: IDENTITY, verifyRaw: verifyIndicator };

export const KEPT_CASES: readonly WebCase[] = [JSON_CASE, HOME_CASE, HOME_IDENTITY, INDICATOR_CASE, INDICATOR_IDENTITY];

/** The PNG of the same indicator (20 sources × 500 points at the default 1,000,000 figures). */
export const CHART_PNG_CASE: WebCase = {
  id: 'chart-png',
  title: `GET /indicators/${SLUG}/chart.png`,
  path: `/indicators/${SLUG}/chart.png`,
  headers: GZIP,
  // A PNG's signature, as autocannon hands the body over (text): byte 1 is "P", 2 "N", 3 "G".
  verifyRaw: (body) => body.slice(1, 4) === 'PNG',
  verify: (body) => body.slice(1, 4) === 'PNG',
};
