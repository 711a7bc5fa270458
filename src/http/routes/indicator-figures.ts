// GET /api/v1/indicators/:slug/figures — an indicator's figures with their revisions and
// retractions, newest as-of first, one page at a time (`?limit=`, `?cursor=` from the previous
// page's `next`, `?source=`, `?since=`); `?format=csv` answers the whole history (still narrowed by
// source and since) as a spreadsheet, streamed page by page (figures-csv.ts). A value the route
// cannot use is refused, never ignored.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { parseAsOf, todayOf } from '../../domain/as-of.js';
import type { AsOf } from '../../domain/types.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { indicatorHistoryPage, indicatorHistoryPages, MAX_HISTORY_PAGE } from '../../domain/history-page.js';
import { ApiError } from '../api-error.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { figuresCsvStream } from '../figures-csv.js';
import { findIndicator } from '../find-indicator.js';
import { figureJson, indicatorJson } from '../present.js';
import { requestLocale } from '../request-locale.js';
import { requestLog } from '../request-logger.js';
import { langQuery, slugParam } from '../request-schemas.js';
import { errorResponses, FigureSchema, IndicatorSchema } from '../response-schemas.js';

export const DEFAULT_PAGE = 100;

/** Figures read from the database per chunk of the CSV: what the export holds in memory at once. */
export const CSV_PAGE = MAX_HISTORY_PAGE;

const query = z.strictObject({
  lang: langQuery,
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: the whole history, one row per revision, unpaged' }),
  source: z.string().optional().openapi({ description: "One source's figures only (its slug)", example: 'foro-penal' }),
  since: z.string().optional().openapi({ description: 'Only figures whose as-of date starts on or after this date: YYYY-MM-DD, YYYY-MM or YYYY', example: '2025-01' }),
  limit: z
    .string()
    .regex(/^\d{1,7}$/)
    .transform(Number)
    .pipe(z.int().min(1).max(MAX_HISTORY_PAGE))
    .optional()
    .openapi({ type: 'integer', minimum: 1, maximum: MAX_HISTORY_PAGE, default: DEFAULT_PAGE, description: 'Figures per page' }),
  cursor: z.string().optional().openapi({
    description: "The previous page's `next`, as it came; send the same source and since with it",
  }),
});

const FiguresPageSchema = z
  .object({
    indicator: IndicatorSchema,
    figures: z.array(FigureSchema),
    next: z.string().nullable().openapi({ description: 'The cursor of the next (older) page, for ?cursor=; null on the last page' }),
  })
  .openapi('FiguresPage');

const history = createRoute({
  method: 'get',
  path: '/api/v1/indicators/{slug}/figures',
  summary: "An indicator's figures with every revision, newest as-of first, in pages (or the whole history as CSV)",
  tags: ['read'],
  request: { params: slugParam, query },
  responses: {
    200: {
      description: 'One page of figures (JSON), or the whole history (CSV)',
      content: {
        'application/json': { schema: FiguresPageSchema },
        'text/csv': { schema: z.string().openapi({ description: 'RFC 4180, one row per revision' }) },
      },
    },
    ...errorResponses([400, 404, 422], { 404: 'No such indicator or source', 422: 'A cursor that does not fit this history, or a date that cannot be read or is in the future' }),
  },
});

export function indicatorFigureRoutes({ handle, config, now = () => new Date() }: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openapi(history, async (c) => {
    const locale = requestLocale(c, config.defaultLocale);
    const { format, source: sourceSlug, limit, cursor, since: sinceText } = c.req.valid('query');
    const since = sinceText === undefined ? undefined : sinceOf(sinceText, todayOf(now()));
    const indicator = await findIndicator(handle.db, c.req.valid('param').slug);
    if (format === 'csv') {
      const paged = [limit === undefined ? [] : ['limit'], cursor === undefined ? [] : ['cursor']].flat();
      if (paged.length > 0) throw new ApiError('invalid_request', { in: 'query', issues: paged.map((field) => ({ field, problem: 'csv_whole' })) });
      const name = `${indicator.slug}${sourceSlug === undefined ? '' : `-${sourceSlug}`}-figures.csv`;
      // An unknown source is refused (404) with the first page, before anything is sent: a typo
      // must not look like "no figures".
      const body = await figuresCsvStream(indicatorHistoryPages(handle.db, indicator, { sourceSlug, since, limit: CSV_PAGE }), locale, (error) =>
        (requestLog(c) ?? console).error({ err: error, method: c.req.method, path: c.req.path }, 'CSV export failed after it began: connection broken off'),
      );
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    }
    const page = await indicatorHistoryPage(handle.db, indicator, { sourceSlug, since, cursor, limit: limit ?? DEFAULT_PAGE });
    return c.json({ indicator: indicatorJson(indicator), figures: page.figures.map((f) => figureJson(f, locale)), next: page.next }, 200);
  });
  return routes;
}

/** `?since=` read by the domain's as-of parser; its refusal names the parameter, for programs. */
function sinceOf(text: string, today: string): AsOf {
  try {
    return parseAsOf(text, today);
  } catch (error) {
    if (isDomainError(error)) throw new DomainError(error.code, { ...error.params, field: 'since' });
    throw error;
  }
}
