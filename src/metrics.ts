// Prometheus metrics. Each app gets its own Registry (never prom-client's global one): several
// apps run side by side in one test process, and a global registry would refuse the second
// registration of the same metric name.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  /** Every HTTP request, by matched route pattern (never the raw path: it would explode the label set). */
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpRequestDuration: Histogram<'route' | 'method' | 'status'>;
  /** outcome: ok | error | forbidden | … as the command layer reports it. */
  readonly commands: Counter<'command' | 'platform' | 'outcome'>;
  /** Commands flood control refused (noticed or silent), by platform and limit (user | chat). */
  readonly commandsLimited: Counter<'platform' | 'limit'>;
  /** The one notice given past a limit, by platform and limit (user | chat). */
  readonly commandLimitNotices: Counter<'platform' | 'limit'>;
  /** reason: bad_secret | bad_signature | malformed | duplicate … */
  readonly webhookRejected: Counter<'platform' | 'reason'>;
  /** outcome: sent | retry | rate_limited | dead | paused … */
  readonly deliveries: Counter<'platform' | 'outcome'>;
  /** Deliveries pending now; set by the worker. */
  readonly deliveryBacklog: Gauge;
  /** Age of the oldest pending delivery; 0 when none. */
  readonly deliveryOldestAgeSeconds: Gauge;
  /** Claimed update ids and idempotency keys forgotten once they can no longer be re-sent. */
  readonly prunedRows: Counter<'table'>;
}

export interface MetricsOptions {
  /** Also collect process metrics (CPU, memory, event loop) — on in the server, off in tests. */
  readonly processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    commands: new Counter({
      name: 'commands_total',
      help: 'Bot commands handled, by command, platform and outcome',
      labelNames: ['command', 'platform', 'outcome'],
      registers,
    }),
    commandsLimited: new Counter({
      name: 'commands_limited_total',
      help: 'Bot commands refused by flood control (per user or per chat, notice or silence), by platform and limit',
      labelNames: ['platform', 'limit'],
      registers,
    }),
    commandLimitNotices: new Counter({
      name: 'command_limit_notices_total',
      help: 'Notices sent for commands past a flood-control limit (one per limit a minute at most), by platform and limit',
      labelNames: ['platform', 'limit'],
      registers,
    }),
    webhookRejected: new Counter({
      name: 'webhook_rejected_total',
      help: 'Platform webhook calls rejected, by platform and reason',
      labelNames: ['platform', 'reason'],
      registers,
    }),
    deliveries: new Counter({
      name: 'deliveries_total',
      help: 'Notification delivery attempts, by platform and outcome',
      labelNames: ['platform', 'outcome'],
      registers,
    }),
    deliveryBacklog: new Gauge({ name: 'delivery_backlog', help: 'Deliveries waiting to be sent', registers }),
    deliveryOldestAgeSeconds: new Gauge({
      name: 'delivery_oldest_age_seconds',
      help: 'Age in seconds of the oldest delivery waiting to be sent (0 when none)',
      registers,
    }),
    prunedRows: new Counter({
      name: 'pruned_rows_total',
      help: 'Claimed update ids and idempotency keys deleted a day after they were recorded, by table',
      labelNames: ['table'],
      registers,
    }),
  };
}
