import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { claimUpdate } from '../../src/domain/processed-updates.js';
import { pruneProcessedUpdates } from '../../src/domain/prune-expired.js';
import { dialects } from '../support/databases.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`processed updates on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
    });
    afterEach(async () => handle.close());

    it('claims an id once per platform, even when claimed concurrently; once pruned it can be claimed again', async () => {
      const now = new Date('2026-01-01T00:00:00Z');
      const results = await Promise.all([1, 2, 3].map(() => claimUpdate(handle.db, 'telegram', '42', now)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await claimUpdate(handle.db, 'discord', '42', now)).toBe(true);
      const batch = { before: new Date('2026-01-02T00:00:00Z'), batchSize: 10, skipLocked: handle.capabilities.skipLocked };
      expect(await pruneProcessedUpdates(handle.db, batch)).toBe(2);
      expect(await claimUpdate(handle.db, 'telegram', '42', now)).toBe(true);
    });
  });
}
