// English for what the HTTP API says beyond the domain's errors (messages.ts `api`).
import type { Messages } from './messages.js';
import { param } from './params.js';

const DATE_HINT = 'Write the date as YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-12-20).';

export const apiEn = {
  indicatorKindLocked: ({ slug, from, to, fromText, toText, figures }) =>
    `The indicator "${slug}" already has ${figures === 1 ? '1 figure' : `${figures} figures`} recorded as ${from} ` +
    `(${fromText}): changing its kind to ${to} (${toText}) would change what each of them means. ` +
    `Keep kind "${from}", or create a new indicator for ${to} figures.`,
  errors: {
    not_found: (p) => `There is nothing at ${param(p, 'method')} ${param(p, 'path')}. The API is described at /api/docs.`,
    method_not_allowed: (p) => `${param(p, 'path')} does not accept ${param(p, 'method')}; it accepts: ${param(p, 'allowed')}.`,
    malformed_json: () => 'The request body is not valid JSON: check its quotes, commas and braces.',
    invalid_request: (p) => `The request is not valid. ${param(p, 'details')}`,
    bad_request: () => 'The request is not valid.',
    invalid_idempotency_key: () => 'Idempotency-Key must be 1 to 255 printable ASCII characters, e.g. a UUID.',
    unauthorized: () => 'Send the admin token as the header Authorization: Bearer <ADMIN_API_TOKEN>.',
    write_api_disabled: () => 'The write API is off on this server: it is enabled by setting ADMIN_API_TOKEN.',
    unsupported_media_type: () => 'Send the body as JSON, with the header Content-Type: application/json.',
    payload_too_large: (p) => `The request body is larger than the limit of ${param(p, 'maxBytes')} bytes.`,
    idempotency_key_reused: () => 'This Idempotency-Key was already used for a different request: use a new key for each new request.',
    internal_error: (p) => `Internal server error. If you report it, quote the request id: ${param(p, 'requestId')}.`,
  },
  fields: {
    indicator: 'indicator',
    source: 'source',
    value: 'value',
    asOf: 'date',
    period: 'period',
    'period.from': 'start of the period',
    'period.to': 'end of the period',
    url: 'link',
    note: 'note',
    'note.es': 'note in Spanish',
    'note.en': 'note in English',
    reason: 'reason',
    kind: 'kind',
    unit: 'unit',
    region: 'region',
    name: 'name',
    'name.es': 'name in Spanish',
    'name.en': 'name in English',
    aliases: 'other names',
    'aliases.es': 'other names in Spanish',
    'aliases.en': 'other names in English',
    description: 'description',
    'description.es': 'description in Spanish',
    'description.en': 'description in English',
    staleAfterDays: 'days until out of date',
    id: 'figure number',
    slug: 'identifier',
    lang: 'language',
    format: 'format',
    limit: 'figures per page',
    cursor: 'page',
    since: 'since',
  },
  issues: {
    missing: (label) => `The ${label} is missing.`,
    type: (label, expected) => `The ${label} must be ${expected}.`,
    too_long: (label, max) => `The ${label} takes at most ${max} characters.`,
    too_many: (label, max) => `The ${label} take at most ${max} entries.`,
    too_large: (label, max) => `The ${label} must be at most ${max}.`,
    too_small: (label, min) => `The ${label} must be at least ${min}.`,
    empty: (label) => `The ${label} cannot be empty.`,
    unknown_field: (label) => `"${label}" is not part of this request.`,
    choice: (label, accepted) => `The ${label} must be one of: ${accepted}.`,
    invalid: (label) => `The ${label} is not valid.`,
  },
  expected: {
    string: 'a text',
    number: 'a number',
    integer: 'a whole number',
    object: 'a JSON object',
    array: 'a list',
    boolean: 'true or false',
  },
  hints: {
    value:
      'Write the figure as a text ("902", "~2400", ">=60", "60+", "<=75", "60-75"), a whole number, or ' +
      '{"exact": n}, {"approx": n}, {"atLeast": n}, {"atMost": n} or {"low": a, "high": b}.',
    asOf: DATE_HINT,
    'period.from': DATE_HINT,
    'period.to': DATE_HINT,
    since: DATE_HINT,
    note: 'Write a text or {"es": "…", "en": "…"}.',
    name: 'Write {"es": "…", "en": "…"}.',
    description: 'Write {"es": "…", "en": "…"}.',
    id: 'Write the figure\'s number, between 1 and 2,147,483,647 (for example 17).',
    cursor: 'Use the value of "next" from the previous page as it is.',
  },
} as const satisfies Messages['api'];
