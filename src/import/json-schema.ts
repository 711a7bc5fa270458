// The shape of a JSON dataset, that of db/seed/seed-figures.json. Shape only: values, dates, URLs
// and slugs are checked by the domain's own validators afterwards, so the rules live in one place.
import { z } from 'zod';
import type { SourceKind } from '../domain/types.js';

const SOURCE_KINDS = ['ngo', 'government', 'media', 'international', 'other'] as const satisfies readonly SourceKind[];

const localized = z.strictObject({ es: z.string(), en: z.string() });

export const datasetFileSchema = z.strictObject({
  about: z.string().optional(),
  indicators: z.array(z.unknown()).default([]),
  sources: z.array(z.unknown()).default([]),
  figures: z.array(z.unknown()).default([]),
});

export const indicatorSchema = z.strictObject({
  slug: z.string(),
  kind: z.enum(['stock', 'flow']),
  unit: z.string().min(1).optional(),
  region: z.string().nullable().optional(),
  name: localized,
  aliases: z.strictObject({ es: z.array(z.string()), en: z.array(z.string()) }).optional(),
  description: localized.optional(),
  staleAfterDays: z.number().int().min(1).max(36500).optional(),
});

export const sourceSchema = z.strictObject({
  slug: z.string(),
  kind: z.enum(SOURCE_KINDS),
  name: z.string(),
  url: z.string().nullable().optional(),
  description: localized.optional(),
});

// `value` is left to valueFromJson (string forms and the object shapes); a missing one is
// reported as missing by the figure check.
export const figureSchema = z.strictObject({
  indicator: z.string(),
  source: z.string(),
  value: z.unknown(),
  asOf: z.string(),
  url: z.string(),
  period: z.strictObject({ from: z.string(), to: z.string() }).nullable().optional(),
  note: z.union([z.string(), localized]).nullable().optional(),
});

/** Parse options that word an absent required key the way the CSV checker does. */
export const PARSE_OPTIONS: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'missing (required)' : undefined),
};

/** `name.es: Invalid input…` for each issue, the path relative to the entry. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
}
