// What every platform's command handling takes from the app's dependencies: the database, the
// configuration, the logger and metrics, the commands, and the clock.
import type { Registry } from '../core/registry.js';
import type { AppDeps } from '../http/app.js';

export function platformDeps(deps: AppDeps, registry: Registry) {
  return {
    db: deps.handle.db,
    config: deps.config,
    logger: deps.logger,
    metrics: deps.metrics,
    registry,
    now: deps.now ?? (() => new Date()),
  };
}
