// Autocomplete suggestions for indicator, source and figure-id options, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { suggest } from '../../src/core/suggest.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { dialects } from '../support/databases.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`suggest (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2026-01-02T00:00:00Z') });
    });
    afterAll(async () => handle.close());

    it('suggests indicators by any name or alias, shown in the user language', async () => {
      expect(await suggest(handle.db, 'indicator', 'liberados', 'es')).toEqual([
        { name: 'Excarcelaciones de detenidos postelectorales', value: 'post-election-releases' },
      ]);
      expect(await suggest(handle.db, 'indicator', 'POLITICOS', 'en')).toEqual([
        { name: 'Political prisoners', value: 'political-prisoners' },
      ]);
      expect(await suggest(handle.db, 'indicator', '', 'es')).toHaveLength(3);
    });

    it('suggests sources by slug or name, and a figure by its id', async () => {
      expect(await suggest(handle.db, 'source', 'foro', 'es')).toEqual([{ name: 'Foro Penal', value: 'foro-penal' }]);
      expect(await suggest(handle.db, 'figure-id', '#1', 'es')).toEqual([
        { name: '#1 · political-prisoners · Foro Penal: 902', value: 1 },
      ]);
      expect(await suggest(handle.db, 'figure-id', '999', 'es')).toEqual([]);
      expect(await suggest(handle.db, 'choice', 'e', 'es')).toEqual([]);
    });
  });
}
