// The JSON the API answers, as zod schemas: present.ts builds each shape typed by them (so the code
// and the schema cannot drift apart) and the OpenAPI document describes each response with them.
import { z } from '@hono/zod-openapi';

const localized = (what: string) => z.object({ es: z.string(), en: z.string() }).openapi({ description: `${what} in Spanish and English` });

export const ValueSchema = z
  .union([
    z.strictObject({ exact: z.int() }),
    z.strictObject({ approx: z.int() }),
    z.strictObject({ atLeast: z.int() }),
    z.strictObject({ atMost: z.int() }),
    z.strictObject({ low: z.int(), high: z.int() }),
  ])
  .openapi('Value', { description: 'A count as the source stated it: exact, approximate, a lower or upper bound, or a range' });

export const IndicatorSchema = z
  .object({
    slug: z.string(),
    kind: z.enum(['stock', 'flow']),
    unit: z.string(),
    region: z.string().nullable(),
    names: localized('The name'),
    aliases: z.object({ es: z.array(z.string()), en: z.array(z.string()) }),
    description: localized('The description'),
    staleAfterDays: z.int(),
  })
  .openapi('Indicator');

export const SourceSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    kind: z.enum(['ngo', 'government', 'media', 'international', 'other']),
    url: z.string().nullable(),
    description: localized('The description'),
  })
  .openapi('Source');

const SourceRefSchema = SourceSchema.omit({ description: true }).openapi('SourceRef');

const AsOfSchema = z
  .object({
    text: z.string().openapi({ description: 'As given: YYYY, YYYY-MM or YYYY-MM-DD', example: '2025-12-20' }),
    precision: z.enum(['day', 'month', 'year']),
    display: z.string().openapi({ description: "In the answer's language", example: '20 dic 2025' }),
  })
  .openapi('AsOf', { description: 'The date the figure is about (as of), not when it was recorded' });

const PeriodSchema = z.object({ from: z.string(), to: z.string() }).nullable();

export const LatestSchema = z
  .object({
    figureId: z.int(),
    source: SourceRefSchema,
    value: ValueSchema,
    valueText: z.string(),
    asOf: AsOfSchema,
    period: PeriodSchema,
    url: z.string(),
    link: z.string().openapi({ description: "The citation, else the source's homepage" }),
    note: localized('A note').nullable(),
    recordedAt: z.string(),
    stale: z.boolean(),
  })
  .openapi('Latest');

export const LatestBriefSchema = z
  .object({
    source: z.string(),
    figureId: z.int(),
    value: ValueSchema,
    valueText: z.string(),
    asOf: z.string(),
    link: z.string(),
    stale: z.boolean(),
  })
  .openapi('LatestBrief');

const SpreadEndSchema = z.object({ value: z.int(), figureId: z.int(), source: z.string() });

export const SummarySchema = IndicatorSchema.extend({
  latest: z.array(LatestSchema),
  spread: z.object({ low: SpreadEndSchema, high: SpreadEndSchema }).nullable(),
}).openapi('IndicatorSummary');

export const IndicatorListSchema = z.object({ indicators: z.array(IndicatorSchema.extend({ latest: z.array(LatestBriefSchema) })) });

export const SourceListSchema = z.object({ sources: z.array(SourceSchema) });

export const FigureSchema = z
  .object({
    id: z.int(),
    indicator: z.string(),
    source: SourceRefSchema,
    value: ValueSchema,
    valueText: z.string(),
    asOf: AsOfSchema,
    period: PeriodSchema,
    url: z.string(),
    note: localized('A note').nullable(),
    recordedAt: z.string(),
    retracted: z.boolean(),
    revisions: z.array(
      z.object({
        revision: z.int(),
        kind: z.enum(['report', 'correction', 'retraction']),
        value: ValueSchema,
        reason: z.string().nullable(),
        recordedAt: z.string(),
      }),
    ),
  })
  .openapi('Figure', { description: 'A figure as it stands now, with every revision oldest first' });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: 'Stable, for programs', example: 'unknown_indicator' }),
      message: z.string().openapi({ description: "For people, in the request's language (?lang, Accept-Language, DEFAULT_LOCALE)" }),
      params: z.record(z.string(), z.unknown()).openapi({ description: 'The details the message names, the same in every language' }),
    }),
  })
  .openapi('Error');

export type ValueJson = z.infer<typeof ValueSchema>;
export type IndicatorJson = z.infer<typeof IndicatorSchema>;
export type SourceJson = z.infer<typeof SourceSchema>;
export type LatestJson = z.infer<typeof LatestSchema>;
export type LatestBriefJson = z.infer<typeof LatestBriefSchema>;
export type SummaryJson = z.infer<typeof SummarySchema>;
export type FigureJson = z.infer<typeof FigureSchema>;

/** A JSON response for the route definitions. */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** The error responses a route answers, each with the one error shape. */
export function errorResponses<const Statuses extends readonly number[]>(statuses: Statuses, descriptions: Partial<Record<Statuses[number], string>> = {}) {
  return Object.fromEntries(statuses.map((status) => [status, jsonResponse(ErrorSchema, descriptions[status as Statuses[number]] ?? STATUS_TEXT[status] ?? 'An error')])) as {
    [S in Statuses[number]]: ReturnType<typeof jsonResponse<typeof ErrorSchema>>;
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request does not have the expected shape (a parameter or body field named in error.params.issues)',
  401: 'No admin token, or the wrong one',
  403: 'The write API is off on this server',
  404: 'No such indicator, source or figure',
  409: 'The change conflicts with what is recorded',
  413: 'The body is larger than 64 KiB',
  415: 'The body is not JSON',
  422: 'Well-formed but not acceptable: the message says what to change',
  500: 'Something failed on the server: quote the request id',
};
