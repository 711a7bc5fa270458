// Validates a JSON dataset (the form of db/seed/seed-figures.json) entry by entry. Every refused
// entry is reported by its place in the file (`figures[3]`), and nothing is returned to write
// unless the whole file is valid.
import type { z } from 'zod';
import type { IndicatorInput } from '../domain/indicators.js';
import { assertSafeText } from '../domain/safe-text.js';
import { assertSlug } from '../domain/slug.js';
import type { SourceInput } from '../domain/sources.js';
import { assertHttpUrl } from '../domain/url.js';
import { JSON_LABELS, checkFigure } from './check-figure.js';
import { describeProblem } from './describe-problem.js';
import { repeatedFigures, type LocatedFigure } from './figure-identity.js';
import type { CheckContext, FigureEntry, ImportCheck, RowError } from './import-dataset.js';
import { PARSE_OPTIONS, datasetFileSchema, describeIssues, figureSchema, indicatorSchema, sourceSchema } from './json-schema.js';

/** Checks the text of a JSON dataset; slugs may refer to the database or to the file itself. */
export function checkJsonDataset(text: string, context: CheckContext): ImportCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuse([{ where: 'file', reason: `not valid JSON: ${(error as Error).message}` }]);
  }
  const file = datasetFileSchema.safeParse(json, PARSE_OPTIONS);
  if (!file.success) return refuse(describeIssues(file.error).map((reason) => ({ where: 'file', reason })));
  const errors: RowError[] = [];
  const indicators = checkEntries('indicators', file.data.indicators, indicatorSchema, errors, checkIndicator);
  const sources = checkEntries('sources', file.data.sources, sourceSchema, errors, checkSource);
  const known = {
    indicators: new Set([...context.known.indicators, ...declaredSlugs(file.data.indicators)]),
    sources: new Set([...context.known.sources, ...declaredSlugs(file.data.sources)]),
  };
  const located = checkEntries('figures', file.data.figures, figureSchema, errors, (figure, where): EntryCheck<LocatedFigure> => {
    const raw = { ...figure, period: figure.period ?? null, note: figure.note ?? null };
    const checked = checkFigure(raw, { ...context, known }, JSON_LABELS);
    return 'figure' in checked ? { entry: { where, figure: checked.figure }, problems: [] } : { problems: checked.problems };
  });
  errors.push(...repeatedFigures(located));
  const figures = located.map(({ figure }): FigureEntry => figure);
  return errors.length > 0 ? refuse(errors) : { ok: true, dataset: { indicators, sources, figures } };
}

type EntryCheck<T> = { entry: T; problems: [] } | { problems: string[] };

/** Shape-checks then semantically checks each entry; problems go to `errors` as `list[i]`. */
function checkEntries<S extends z.ZodType, T>(
  list: string,
  entries: readonly unknown[],
  schema: S,
  errors: RowError[],
  check: (entry: z.output<S>, where: string) => EntryCheck<T>,
): T[] {
  const valid: T[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const where = `${list}[${index}]`;
    const shaped = schema.safeParse(entry, PARSE_OPTIONS);
    const result = shaped.success ? check(shaped.data, where) : { problems: describeIssues(shaped.error) };
    const duplicate = duplicateOf(entry, index, seen, list);
    const problems = duplicate === undefined ? result.problems : [...result.problems, duplicate];
    if ('entry' in result && problems.length === 0) valid.push(result.entry);
    errors.push(...problems.map((reason) => ({ where, reason })));
  });
  return valid;
}

/**
 * Indicators and sources are declared once per file: a repeated slug is a mistake. (Repeated
 * figures are found once checked — figure-identity.ts — so `"902"` and `{"exact": 902}` match.)
 */
function duplicateOf(entry: unknown, index: number, seen: Map<string, number>, list: string): string | undefined {
  if (list === 'figures') return undefined;
  const slug = slugOf(entry);
  if (slug === undefined) return undefined;
  const first = seen.get(slug);
  if (first === undefined) {
    seen.set(slug, index);
    return undefined;
  }
  return `slug: "${slug}" is already declared at ${list}[${first}]`;
}

function checkIndicator(input: IndicatorInput): EntryCheck<IndicatorInput> {
  const problems = collect([
    ['slug', () => assertSlug(input.slug)],
    ['name.es', () => assertSafeText('name.es', required(input.name.es))],
    ['name.en', () => assertSafeText('name.en', required(input.name.en))],
    ['aliases', () => [...(input.aliases?.es ?? []), ...(input.aliases?.en ?? [])].map((alias) => assertSafeText('aliases', alias))],
    ['description', () => safeLocalized('description', input.description)],
  ]);
  return problems.length > 0 ? { problems } : { entry: input, problems: [] };
}

function checkSource(input: SourceInput): EntryCheck<SourceInput> {
  const problems = collect([
    ['slug', () => assertSlug(input.slug)],
    ['name', () => assertSafeText('name', required(input.name))],
    ['url', () => (input.url == null ? null : assertHttpUrl(input.url))],
    ['description', () => safeLocalized('description', input.description)],
  ]);
  return problems.length > 0 ? { problems } : { entry: input, problems: [] };
}

function safeLocalized(field: string, text: { readonly es: string; readonly en: string } | undefined): void {
  if (text !== undefined) for (const t of [text.es, text.en]) assertSafeText(field, t);
}

function collect(checks: ReadonlyArray<readonly [string, () => unknown]>): string[] {
  return checks.flatMap(([field, run]) => {
    try {
      run();
      return [];
    } catch (error) {
      return [`${field}: ${error instanceof BlankField ? 'missing (required)' : describeProblem(error)}`];
    }
  });
}

/** A required text left empty: reported as missing rather than as invalid. */
class BlankField extends Error {}

function required(text: string): string {
  if (text.trim() === '') throw new BlankField();
  return text;
}

function declaredSlugs(entries: readonly unknown[]): string[] {
  return entries.map(slugOf).filter((slug): slug is string => slug !== undefined);
}

function slugOf(entry: unknown): string | undefined {
  const slug = typeof entry === 'object' && entry !== null ? (entry as { slug?: unknown }).slug : undefined;
  return typeof slug === 'string' ? slug : undefined;
}

function refuse(errors: readonly RowError[]): ImportCheck {
  return { ok: false, errors };
}
