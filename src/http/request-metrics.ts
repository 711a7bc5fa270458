// Counts and times every request by route pattern, method and status.
import type { Context } from 'hono';
import type { Metrics } from '../metrics.js';

/** Records one answered request, given its route pattern and how long it took. */
export type RequestMetrics = (c: Context, route: string, durationMs: number) => void;

export function requestMetrics(metrics: Metrics): RequestMetrics {
  return (c, route, durationMs) => {
    const labels = { route, method: c.req.method, status: String(c.res.status) };
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, durationMs / 1000);
  };
}
