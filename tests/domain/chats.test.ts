// A chat's language: /lang keeps it, audits it, and moves the chat's subscriptions to it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { getChatLocale, setChatLocale } from '../../src/domain/chats.js';
import { seedIfEmpty } from '../../src/domain/seed.js';
import { listForChat, subscribe } from '../../src/domain/subscriptions.js';
import { dialects } from '../support/databases.js';

const ctx = { actor: 'telegram:1', now: new Date('2026-11-28T00:00:00Z') };

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`chat settings on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, ctx);
    });
    afterEach(async () => handle.close());

    it('changes the language of the chat and of its subscriptions, not of other chats', async () => {
      const chat = { platform: 'telegram', chatId: '-100' };
      await subscribe(handle.db, { ...chat, scope: 'political-prisoners', locale: 'es' }, ctx);
      await subscribe(handle.db, { platform: 'telegram', chatId: '-200', scope: '*', locale: 'es' }, ctx);
      expect(await setChatLocale(handle.db, chat, 'en', ctx)).toBeUndefined();
      expect(await getChatLocale(handle.db, 'telegram', '-100')).toBe('en');
      expect((await listForChat(handle.db, chat)).map((s) => s.locale)).toEqual(['en']);
      expect((await listForChat(handle.db, { platform: 'telegram', chatId: '-200' })).map((s) => s.locale)).toEqual(['es']);
      expect(await setChatLocale(handle.db, chat, 'es', ctx)).toBe('en');
    });
  });
}
