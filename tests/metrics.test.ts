// Metrics live in per-app registries: two sets side by side count independently.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics.js';

describe('createMetrics', () => {
  it('gives each call its own registry, so two apps can coexist', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.commands.inc({ command: 'count', platform: 'telegram', outcome: 'ok' });
    a.deliveryBacklog.set(3);
    expect(await a.registry.metrics()).toMatch(/commands_total\{command="count",platform="telegram",outcome="ok"\} 1/);
    expect(await a.registry.metrics()).toMatch(/^delivery_backlog 3$/m);
    expect(await b.registry.metrics()).not.toMatch(/commands_total\{/);
  });

  it('exposes every metric the design names', async () => {
    const text = await createMetrics().registry.metrics();
    for (const name of ['http_requests_total', 'http_request_duration_seconds', 'commands_total', 'webhook_rejected_total',
      'deliveries_total', 'delivery_backlog', 'delivery_oldest_age_seconds', 'commands_limited_total', 'command_limit_notices_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});
