import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only the TypeScript sources: never the compiled copies under dist/.
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database tests share one PostgreSQL server; each file uses its own schema, so files may run
    // in parallel, but keep the pool small on these 2-core machines.
    maxWorkers: 2,
  },
});
