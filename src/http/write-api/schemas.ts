// The write API's request bodies. Zod checks the shape (a wrong type or a missing or unknown
// field is a 400 naming it, explained by the catalogs); the domain then checks the meaning with
// the same rules as the chat (a value it cannot read, a future date, a non-http link is a 422
// naming the field). These schemas also describe the bodies in the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { SOURCE_KINDS } from '../../domain/types.js';

/** Read by valueFromJson in the handler (the domain's rules), which names the accepted forms when it cannot. */
const value = z.union([z.string(), z.number(), z.record(z.string(), z.unknown())]).openapi({
  description:
    'A string such as "902", "1.085", "~2400", ">=60", "60+", "<=75", "60-75", a whole number, or one of ' +
    '{"exact": n}, {"approx": n}, {"atLeast": n}, {"atMost": n}, {"low": a, "high": b}',
  example: '902',
});

const date = z.string().openapi({ description: 'YYYY-MM-DD, YYYY-MM or YYYY', example: '2025-12-20' });

const text = (max: number) => z.string().max(max);

const localized = (max: number) => z.strictObject({ es: text(max), en: text(max) });

const names = z.array(text(200)).max(50);

export const indicatorBody = z
  .strictObject({
    kind: z.enum(['stock', 'flow']),
    unit: text(50).optional(),
    region: text(100).nullable().optional(),
    name: localized(200),
    aliases: z.strictObject({ es: names, en: names }).optional(),
    description: localized(2000).optional(),
    staleAfterDays: z.int().min(1).max(36500).optional(),
  })
  .openapi('IndicatorBody');

export const sourceBody = z
  .strictObject({
    kind: z.enum(SOURCE_KINDS as ['ngo', 'government', 'media', 'international', 'other']),
    name: text(200),
    url: text(2000).nullable().optional(),
    description: localized(2000).optional(),
  })
  .openapi('SourceBody');

export const figureBody = z
  .strictObject({
    indicator: text(100).openapi({ example: 'political-prisoners' }),
    source: text(100).openapi({ example: 'foro-penal' }),
    value,
    asOf: date,
    period: z.strictObject({ from: date, to: date }).nullable().optional(),
    url: text(2000).openapi({ example: 'https://foropenal.com/' }),
    note: z.union([text(1000), localized(1000)]).nullable().optional(),
  })
  .openapi('FigureBody');

export const correctionBody = z.strictObject({ value, reason: text(500) }).openapi('CorrectionBody');

export const retractionBody = z.strictObject({ reason: text(500) }).openapi('RetractionBody');
