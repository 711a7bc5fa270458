// Generators for the property tests: text that mixes what people type with what breaks systems
// (NUL, bidirectional controls and marks, lone surrogates, very large numbers), command lines of
// every command, and JSON of any shape to put where cifras expects something else.
import fc from 'fast-check';

/** Characters that must never be stored (safe-text.ts), and neighbours that are fine. */
const NASTY = ['\u0000', '\u0007', '\u001B', '\u007F', '\u200E', '\u200F', '\u061C', '\u202A', '\u202E', '\u2066', '\u2069', '\ud800', '\udfff'];
const FINE = ['ñ', 'á', '¿', '¡', '–', '—', '·', '\u00A0', '\n', '\t', '😀', '"', "'", '<b>', '&amp;', ';', '=1+1', '@', '#'];

/** A short text: mostly ordinary words, sometimes with a character that must be refused. */
export const text: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) }, fc.constantFrom(...NASTY), fc.constantFrom(...FINE)), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** Counts as typed: small, at the stored limit and past it, huge, and not counts at all. */
export const countText: fc.Arbitrary<string> = fc.oneof(
  fc.nat(5000).map(String),
  fc.constantFrom('2147483647', '2147483648', '3000000000', '99999999999', '9'.repeat(30), '1.085', '60-75', '>=60', '~2400', '60+', '<=75', '-5', '1.5', '0'),
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
);

/** A value as the API takes it: any of its forms, right or wrong. */
export const valueJson: fc.Arbitrary<unknown> = fc.oneof(
  countText,
  fc.oneof(fc.nat(), fc.constantFrom(2_147_483_647, 2_147_483_648, 1e300, -1, 1.5, Number.MAX_SAFE_INTEGER)),
  fc.record({ exact: fc.oneof(fc.nat(), fc.constant(3_000_000_000)) }),
  fc.record({ low: fc.nat(100), high: fc.oneof(fc.nat(1000), fc.constant(2_147_483_648)) }),
  fc.jsonValue({ maxDepth: 2 }),
);

export const dateText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2025-12-29', '2025-12', '2025', '2026-02-28', '2030-01-01', '29/12/2025', '2025-13-01', ''),
  text,
);

export const urlText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('https://example.org/a', 'http://e.org/b;=1+1', 'javascript:alert(1)', 'ftp://x', 'https://'),
  text.map((t) => `https://example.org/${t}`),
  text,
);

const INDICATORS = ['political-prisoners', 'presos políticos', 'forced-disappearances', 'post-election-releases', 'nope'];
const SOURCES = ['foro-penal', 'Foro Penal', 'nadie'];

/** A command line of one of cifras' commands (or none), arguments right and wrong. */
export const commandLine: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...INDICATORS), fc.constantFrom(...SOURCES), countText, dateText, urlText, fc.option(text, { nil: undefined }))
    .map(([i, s, v, d, u, n]) => `/report "${i}" "${s}" ${v} ${d} ${u}${n === undefined ? '' : ` ${n}`}`),
  fc.tuple(fc.oneof(countText, text), countText, text).map(([id, v, r]) => `/correct ${id} ${v} ${r}`),
  fc.tuple(fc.oneof(countText, text), text).map(([id, r]) => `/retirar #${id} ${r}`),
  fc.tuple(fc.constantFrom('/count', '/cifras', '/history', '/sources', '/indicators', '/subscribe', '/unsubscribe', '/lang', '/audit', '/deliveries', '/admins', '/help', '/nope'), fc.option(fc.oneof(text, countText), { nil: undefined }))
    .map(([c, a]) => (a === undefined ? c : `${c} ${a}`)),
  fc.tuple(fc.constantFrom('resume', 'retry', 'list'), countText).map(([a, id]) => `/deliveries ${a} ${id}`),
  fc.tuple(fc.constantFrom('grant', 'revoke'), fc.constantFrom('telegram', 'discord', 'slack'), fc.oneof(countText, text)).map(([a, p, id]) => `/admins ${a} ${p}:${id}`),
  text,
);

/** Any JSON, to put where cifras expects something of another shape. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', '\u0000', -1, 2 ** 60, [], {}));

/** Sets `path` in a copy of `target` to `value` (creating objects on the way). */
export function setPath(target: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const base = typeof target === 'object' && target !== null && !Array.isArray(target) ? (target as Record<string, unknown>) : {};
  return { ...base, [head]: setPath(base[head], rest, value) };
}
