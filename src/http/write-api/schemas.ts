// The write API's request bodies. Zod checks the shape (a wrong type or a missing or unknown
// field is a 400 naming it); the domain then checks the meaning with the same rules as the chat
// (a value it cannot read, a future date, a non-http link is a 422 naming the field).
import { z } from 'zod';
import type { SourceKind } from '../../domain/types.js';

const VALUE_FORMS =
  'a string such as "902", "1.085", "~2400", ">=60", "60+", "<=75", "60-75", a whole number, or one of ' +
  '{"exact": n}, {"approx": n}, {"atLeast": n}, {"atMost": n}, {"low": a, "high": b}';
const DATE_FORMS = 'a date string YYYY-MM-DD, YYYY-MM or YYYY';

/** Read by valueFromJson in the handler, which names the accepted forms when it cannot. */
const value = z.union([z.string(), z.number(), z.record(z.string(), z.unknown())], {
  error: `value is required: ${VALUE_FORMS}`,
});

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be a string` }).max(max, { error: `${field} has at most ${max} characters` });

const localized = (field: string, max: number) =>
  z.strictObject({ es: text(`${field}.es`, max), en: text(`${field}.en`, max) }, { error: `${field} must be {"es": "…", "en": "…"}` });

const names = (field: string) =>
  z.array(text(field, 200), { error: `${field} must be an array of strings` }).max(50, { error: `${field} has at most 50 entries` });

export const indicatorBody = z.strictObject({
  kind: z.enum(['stock', 'flow'], { error: 'kind must be "stock" or "flow"' }),
  unit: text('unit', 50).optional(),
  region: text('region', 100).nullable().optional(),
  name: localized('name', 200),
  // Either language alone is an update of that language's aliases; the other keeps its own.
  aliases: z.strictObject({ es: names('aliases.es').optional(), en: names('aliases.en').optional() }).optional(),
  description: localized('description', 2000).optional(),
  staleAfterDays: z.number({ error: 'staleAfterDays must be a whole number of days' }).int().min(1).max(36500).optional(),
});

const SOURCE_KINDS = ['ngo', 'government', 'media', 'international', 'other'] as const satisfies readonly SourceKind[];

export const sourceBody = z.strictObject({
  kind: z.enum(SOURCE_KINDS, { error: `kind must be one of ${SOURCE_KINDS.join(', ')}` }),
  name: text('name', 200),
  url: text('url', 2000).nullable().optional(),
  description: localized('description', 2000).optional(),
});

export const figureBody = z.strictObject({
  indicator: text('indicator', 100),
  source: text('source', 100),
  value,
  asOf: z.string({ error: `asOf is required: ${DATE_FORMS}` }),
  period: z
    .strictObject({ from: z.string({ error: `period.from must be ${DATE_FORMS}` }), to: z.string({ error: `period.to must be ${DATE_FORMS}` }) })
    .nullable()
    .optional(),
  url: text('url', 2000),
  note: z.union([text('note', 1000), localized('note', 1000)], { error: 'note must be a string or {"es": "…", "en": "…"}' }).nullable().optional(),
});

export const correctionBody = z.strictObject({ value, reason: text('reason', 500) });

export const retractionBody = z.strictObject({ reason: text('reason', 500) });
