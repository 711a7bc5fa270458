// The "done when", through the real dispatcher on SQLite and PostgreSQL: an editor reports
// on Telegram, Discord's /count shows it; a correction and a retraction show in /count and
// /history; an ordinary user's /report is refused and changes nothing; /audit lists the writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Reply, SummaryBlock } from '../../src/core/reply.js';
import { dialects } from '../support/databases.js';
import { counts, discordInvocation, isError, prepare, replyText, run, telegramInvocation } from './chat-support.js';

function summaryOf(reply: Reply): SummaryBlock {
  const block = reply.blocks.find((b): b is SummaryBlock => b.kind === 'summary');
  if (block === undefined) throw new Error(`no summary in ${replyText(reply)}`);
  return block;
}

function foroPenal(reply: Reply) {
  return summaryOf(reply).lines.find((l) => l.sourceName === 'Foro Penal');
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`admin flow (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    beforeEach(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
    });
    afterEach(async () => {
      await handle.close();
    });

    it('report on Telegram, count on Discord, correct, retract, history and audit', async () => {
      const reported = await run(
        handle.db,
        telegramInvocation('editor', 'report', 'political-prisoners foro-penal 863 2025-12-29 https://example.org/a'),
      );
      expect(isError(reported)).toBe(false);
      const id = Number(/#(\d+)/.exec(replyText(reported))?.[1]);
      expect(replyText(reported)).toContain(`Figure #${id} recorded.`);
      expect(replyText(reported)).toContain('Foro Penal: 863');

      const count = () => run(handle.db, discordInvocation('ordinary', 'count', { indicator: 'presos políticos' }));
      expect(foroPenal(await count())).toMatchObject({ valueText: '863', figureId: id });

      const corrected = await run(handle.db, telegramInvocation('editor', 'corregir', `#${id} 870 the article was updated at noon`));
      expect(replyText(corrected)).toContain(`Figure #${id} corrected: 863 → 870`);
      expect(replyText(corrected)).toContain('Reason: the article was updated at noon');
      expect(foroPenal(await count())).toMatchObject({ valueText: '870', figureId: id });

      const history = () => run(handle.db, discordInvocation('ordinary', 'history', { indicator: 'political-prisoners', source: 'foro-penal' }));
      const revised = replyText(await history());
      // The value it was reported with, the new one, and when the correction was recorded.
      expect(revised).toMatch(/#\d+ · Foro Penal: 870 \(corrected\) · as of 29 Dec 2025 · recorded [^·]+ \(Caracas time\)/);
      expect(revised).toMatch(/corrected [^(]+\(Caracas time\): 863 → 870 — reason: the article was updated at noon/);

      const retracted = await run(handle.db, discordInvocation('editor', 'retract', { figure: id, reason: 'duplicate of the 20 Dec count' }));
      expect(replyText(retracted)).toContain(`Figure #${id} retracted.`);
      expect(replyText(retracted)).toContain('Reason: duplicate of the 20 Dec count');
      // Foro Penal's previous count (902 as of 20 Dec) is its latest again.
      expect(foroPenal(await count())).toMatchObject({ valueText: '902' });
      expect(summaryOf(await count()).lines.map((l) => l.figureId)).not.toContain(id);
      const afterRetraction = replyText(await history());
      expect(afterRetraction).toContain(`#${id}`);
      expect(afterRetraction).toContain('RETRACTED');
      expect(afterRetraction).toMatch(/retracted [^(]+\(Caracas time\) — reason: duplicate of the 20 Dec count/);

      const before = await counts(handle.db);
      const refused = await run(
        handle.db,
        telegramInvocation('ordinary', 'report', 'political-prisoners foro-penal 1 2025-12-30 https://example.org/b'),
      );
      expect(replyText(refused)).toContain('Only editors can use /report.');
      expect(await counts(handle.db)).toEqual(before);

      const audit = replyText(await run(handle.db, telegramInvocation('owner', 'auditoria', '')));
      expect(audit).toContain(`telegram:2002 · figure.report · figure:${id} · 863`);
      expect(audit).toContain(`telegram:2002 · figure.correct · figure:${id} · 863 → 870 (the article was updated at noon)`);
      expect(audit).toContain(`discord:80351110224678913 · figure.retract · figure:${id} · (duplicate of the 20 Dec count)`);
    });
  });
}
