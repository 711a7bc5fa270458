// `cifras ask "/subscribe"` must not queue deliveries that no worker can ever send.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { runAsk } from '../../src/platforms/console/run-ask.js';
import { dialects } from '../support/databases.js';

const config = { owners: [], defaultLocale: 'es' as const };

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`/subscribe from the console on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date() });
    });
    afterEach(async () => handle.close());

    it('is refused with an explanation and writes nothing', async () => {
      const out = await runAsk({ db: handle.db, config, line: '/suscribir presos políticos' });
      expect(out).toContain('la consola no puede recibirlas');
      const rows = await handle.db.selectFrom('subscriptions').select('id').execute();
      expect(rows).toEqual([]);
    });
  });
}
