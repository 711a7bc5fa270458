// `/admins grant|revoke` refuses a user id not written as the platform writes it (issue 16 item
// 10, as CIFRAS_OWNERS does): `telegram:0123` is stored as text and would never match user 123.
// Through the real dispatcher, as an owner, on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { counts, prepare, replyText, run, telegramInvocation } from '../admin/chat-support.js';
import { dialects } from '../support/databases.js';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`/admins with non-canonical ids (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
    });
    afterEach(async () => {
      await handle.close();
    });

    it.each(['grant telegram:0123', 'grant discord:0', 'revoke telegram:007', 'grant telegram:9007199254740992', 'grant discord:18446744073709551616'])(
      'refuses /admins %s, granting nothing',
      async (args) => {
        const before = await counts(handle.db);
        const reply = await run(handle.db, telegramInvocation('owner', 'admins', args));
        expect(replyText(reply)).toContain('is not a valid user: type platform:id, for example telegram:123456.');
        expect(await counts(handle.db)).toEqual(before);
      },
    );

    it('grants telegram:123 written canonically', async () => {
      const reply = await run(handle.db, telegramInvocation('owner', 'admins', 'grant telegram:123'));
      expect(replyText(reply)).toContain('telegram:123 is now an editor.');
    });
  });
}
