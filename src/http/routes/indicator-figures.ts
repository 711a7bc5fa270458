// GET /api/v1/indicators/:slug/figures — every figure with its revisions and retractions, newest
// as-of first; `?source=slug` narrows to one source, `?format=csv` answers a spreadsheet.
import { Hono } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { indicatorHistory } from '../../domain/queries.js';
import { requireSource } from '../../domain/sources.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { figuresCsv } from '../figures-csv.js';
import { findIndicator } from '../find-indicator.js';
import { figureJson, indicatorJson } from '../present.js';
import { requestLocale } from '../request-locale.js';

const FORMATS = ['json', 'csv'];

export function indicatorFigureRoutes({ handle, config }: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/api/v1/indicators/:slug/figures', async (c) => {
    const locale = requestLocale(c, config.defaultLocale);
    const format = c.req.query('format') ?? 'json';
    if (!FORMATS.includes(format)) throw new DomainError('invalid_field', { field: 'format', input: format, accepted: FORMATS });
    const indicator = await findIndicator(handle.db, c.req.param('slug'));
    const sourceSlug = c.req.query('source');
    // An unknown source is a 404, not an empty list: a typo must not look like "no figures".
    if (sourceSlug !== undefined) await requireSource(handle.db, sourceSlug);
    const figures = await indicatorHistory(handle.db, indicator, sourceSlug);
    if (format === 'csv') {
      const name = `${indicator.slug}${sourceSlug === undefined ? '' : `-${sourceSlug}`}-figures.csv`;
      return c.body(figuresCsv(figures, locale), 200, {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    }
    return c.json({ indicator: indicatorJson(indicator), figures: figures.map((f) => figureJson(f, locale)) });
  });
  return routes;
}
