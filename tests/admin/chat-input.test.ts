// What editors and owners type in the chat, through the real dispatcher on both databases: value,
// date and URL edge cases (refused with the accepted forms, writing nothing), lookup of indicator
// and source for writes, markup kept as plain data, and /admins grant, revoke and list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import type { Invocation } from '../../src/core/invocation.js';
import type { Span } from '../../src/core/reply.js';
import { isEditor } from '../../src/domain/editors.js';
import { upsertSource } from '../../src/domain/sources.js';
import { dialects } from '../support/databases.js';
import { counts, discordInvocation, isError, NOW, prepare, replyText, rolledBack, run, seededFigureId, telegramInvocation } from './chat-support.js';

const URL_A = 'https://example.org/a';

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`chat input (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await dialect.open();
      await prepare(handle.db);
    });
    afterAll(async () => {
      await handle.close();
    });

    /** Runs the invocation in a rolled-back transaction; returns the reply and whether rows changed. */
    async function attempt(invocation: Invocation | ((figureId: number) => Invocation)) {
      let result = { text: '', error: false, changed: false, spans: [] as Span[] };
      await rolledBack(handle.db, async (db) => {
        const before = await counts(db);
        const built = typeof invocation === 'function' ? invocation(await seededFigureId(db)) : invocation;
        const reply = await run(db, built);
        const spans = reply.blocks.flatMap((b) => (b.kind === 'text' ? b.parts : b.kind === 'list' ? [...(b.title ?? []), ...b.items.flat()] : []));
        result = { text: replyText(reply), error: isError(reply), changed: JSON.stringify(await counts(db)) !== JSON.stringify(before), spans };
      });
      return result;
    }

    const report = (args: string) => telegramInvocation('editor', 'report', args);

    it.each([
      ['902', '902'],
      ['1.085', '1,085'],
      ['"1 085"', '1,085'],
      ['~2400', '~2,400'],
      ['>=60', '≥ 60'],
      ['60+', '≥ 60'],
      ['<=75', '≤ 75'],
      ['60-75', '60–75'],
      ['60–75', '60–75'],
    ])('reports the value %s as %s', async (value, shown) => {
      const r = await attempt(report(`political-prisoners foro-penal ${value} 2025-12-29 ${URL_A}`));
      expect(r.error, r.text).toBe(false);
      expect(r.text).toContain(`Foro Penal: ${shown}`);
      expect(r.changed).toBe(true);
    });

    // Unquoted: a value typed over several words is read whole, never just its first word.
    it.each([
      ['1 085', '1,085'],
      ['1 085 000', '1,085,000'],
      ['60 - 75', '60–75'],
      ['60 – 75', '60–75'],
      ['>= 60', '≥ 60'],
      ['70 +', '≥ 70'],
      ['~ 2400', '~2,400'],
    ])('reports the unquoted value %s as %s', async (value, shown) => {
      const r = await attempt(report(`political-prisoners foro-penal ${value} 2025-12-29 ${URL_A} a note`));
      expect(r.error, r.text).toBe(false);
      expect(r.text).toContain(`Foro Penal: ${shown} · as of 29 Dec 2025`);
      expect(r.changed).toBe(true);
    });

    it.each([
      ['1 085 miscount', '902 → 1,085', 'miscount'],
      ['60 - 75 recount', '902 → 60–75', 'recount'],
      ['70 + at least seventy', '902 → ≥ 70', 'at least seventy'],
      ['"900" 100 people were counted twice', '902 → 900', '100 people were counted twice'],
    ])('corrects to the unquoted value in %s', async (args, change, reason) => {
      const r = await attempt((id) => telegramInvocation('editor', 'correct', `${id} ${args}`));
      expect(r.error, r.text).toBe(false);
      expect(r.text).toContain(change);
      expect(r.spans).toContainEqual({ text: reason, style: 'em' });
      expect(r.changed).toBe(true);
    });

    it.each([
      ['correct', '900 100 people', '900 100 people'],
      ['correct', '870 50 more were found', '870 50'],
      ['correct', '60 - recount', '60 -'],
      ['report', '60 - 2025-12-29', '60 -'],
      ['report', '1,085 000 2025-12-29', '1,085 000'],
    ])('/%s refuses %s rather than guess where the value ends, writing nothing', async (command, args, input) => {
      const r = await attempt((id) =>
        command === 'correct' ? telegramInvocation('editor', 'correct', `${id} ${args}`) : report(`political-prisoners foro-penal ${args} ${URL_A}`),
      );
      expect(r.error).toBe(true);
      expect(r.text).toContain(`Cannot tell where "value" ends in "${input}", so nothing was saved.`);
      expect(r.text).toContain('or in quotes ("1 085")');
      expect(r.changed).toBe(false);
    });

    it.each([['1.5'], ['-3'], ['many'], ['75-60'], ['1.0850']])('refuses the value %s, naming the accepted forms', async (value) => {
      const r = await attempt(report(`political-prisoners foro-penal ${value} 2025-12-29 ${URL_A}`));
      expect(r.error).toBe(true);
      expect(r.text).toContain(`"${value}" is not a valid figure. Accepted: 902 (exact)`);
      expect(r.changed).toBe(false);
    });

    it.each([
      ['2026-01-06', 'is in the future'],
      ['2027', 'is in the future'],
      ['2025-02-30', 'is not a valid date. Use YYYY-MM-DD, YYYY-MM or YYYY'],
      ['29/12/2025', 'is not a valid date. Use YYYY-MM-DD, YYYY-MM or YYYY'],
    ])('refuses the date %s', async (date, message) => {
      const r = await attempt(report(`political-prisoners foro-penal 863 ${date} ${URL_A}`));
      expect(r.text).toContain(message);
      expect(r.changed).toBe(false);
    });

    it('accepts the current month, shown at its precision', async () => {
      const r = await attempt(report(`political-prisoners foro-penal 863 2026-01 ${URL_A}`));
      expect(r.text).toContain('as of Jan 2026');
    });

    it.each([['javascript:alert(1)'], ['ftp://example.org/a'], ['example.org/a']])('refuses the URL %s', async (url) => {
      const r = await attempt(report(`political-prisoners foro-penal 863 2025-12-29 ${url}`));
      expect(r.text).toContain('is not a valid link: use an address starting with https:// or http://');
      expect(r.changed).toBe(false);
    });

    it('names a missing argument with the usage line, writing nothing', async () => {
      const r = await attempt(report('political-prisoners foro-penal 863 2025-12-29'));
      expect(r.text).toContain('"url" is missing.');
      expect(r.text).toContain('Usage: /report <indicator> <source> <value> <as-of> <url> [note…]');
      expect(r.changed).toBe(false);
    });

    it('takes an indicator and a source by name or words as /count does, but never a near guess', async () => {
      const quoted = await attempt(report(`"presos políticos" "Foro Penal" 863 2025-12-29 ${URL_A}`));
      expect(quoted.text).toContain('Political prisoners · Foro Penal: 863');
      const words = await attempt(report(`presos foro 863 2025-12-29 ${URL_A}`));
      expect(words.text).toContain('Political prisoners · Foro Penal: 863');
      const typo = await attempt(report(`politcal-prisoners foro-penal 863 2025-12-29 ${URL_A}`));
      expect(typo.text).toContain('There is no indicator "politcal-prisoners". Did you mean political-prisoners?');
      expect(typo.changed).toBe(false);
      const misspelt = await attempt(report(`political-prisoners forro 863 2025-12-29 ${URL_A}`));
      expect(misspelt.text).toContain('There is no source "forro". Did you mean Foro Penal (foro-penal)?');
      expect(misspelt.changed).toBe(false);
    });

    it('refuses a correction without a reason, to the same value, or of an unknown figure', async () => {
      const noReason = await attempt((id) => discordInvocation('editor', 'correct', { figure: id, value: '870' }));
      expect(noReason.text).toContain('"reason" is missing.');
      const same = await attempt((id) => telegramInvocation('editor', 'correct', `${id} 902 same`));
      expect(same.text).toContain('already has that value');
      const unknown = await attempt(telegramInvocation('editor', 'correct', '#99999 870 typo'));
      expect(unknown.text).toContain('There is no figure #99999.');
      const badId = await attempt(telegramInvocation('editor', 'correct', 'seventeen 870 typo'));
      expect(badId.text).toContain("must be a figure's number, like 17 or #17");
      for (const r of [noReason, same, unknown, badId]) expect(r.changed).toBe(false);
    });

    it('keeps admin-typed markup as plain text in the reply and in /history', async () => {
      const markup = '<b>bold</b> @everyone *stars* _under_ [x](https://evil.example) `code`';
      await rolledBack(handle.db, async (db) => {
        const reported = await run(db, report(`political-prisoners foro-penal 863 2025-12-29 ${URL_A} ${markup}`));
        const id = Number(/#(\d+)/.exec(replyText(reported))?.[1]);
        const noteSpan = reported.blocks.flatMap((b) => (b.kind === 'text' ? b.parts : [])).find((s) => s.text === markup);
        expect(noteSpan).toEqual({ text: markup });
        const corrected = await run(db, discordInvocation('editor', 'correct', { figure: id, value: '870', reason: markup }));
        const reasonSpan = corrected.blocks.flatMap((b) => (b.kind === 'text' ? b.parts : [])).find((s) => s.text === markup);
        expect(reasonSpan).toEqual({ text: markup, style: 'em' });
        const history = await run(db, discordInvocation('ordinary', 'history', { indicator: 'political-prisoners', source: 'foro-penal' }));
        const spans = history.blocks.flatMap((b) => (b.kind === 'list' ? b.items.flat() : []));
        // The reason is one span of plain text: no link, no markup interpreted.
        expect(spans).toContainEqual({ text: markup, style: 'em' });
        expect(spans.some((s) => s.link !== undefined)).toBe(false);
      });
    });

    it('/history: a close spelling of the whole text does not swallow a short source name after the indicator', async () => {
      await rolledBack(handle.db, async (db) => {
        await upsertSource(db, { slug: 'hrw', kind: 'international', name: 'HRW' }, { actor: 'test', now: NOW });
        // "desaparición forzada hrw" is within the close-spelling tolerance of "desaparición forzada".
        const split = await run(db, telegramInvocation('ordinary', 'historial', 'desaparición forzada hrw'));
        expect(replyText(split)).toContain('History: Forcibly disappeared — HRW');
        const typo = await run(db, telegramInvocation('ordinary', 'historial', 'desaparicion forzadaa'));
        expect(replyText(typo)).toMatch(/^History: Forcibly disappeared\n/);
      });
    });

    it('grants and revokes editors, audited, and lists owners and editors', async () => {
      await rolledBack(handle.db, async (db) => {
        const owner = (args: string) => run(db, telegramInvocation('owner', 'admins', args));
        expect(replyText(await owner('grant telegram:5005'))).toContain('telegram:5005 is now an editor.');
        expect(await isEditor(db, 'telegram', '5005')).toBe(true);
        expect(replyText(await owner('grant telegram:5005'))).toContain('already was an editor');
        const list = replyText(await owner('list'));
        expect(list).toContain('Editors\ndiscord:80351110224678913 — granted by telegram:1001 on 27 Dec 2025');
        expect(list).toContain('telegram:5005 — granted by telegram:1001 on 5 Jan 2026');
        const granted = replyText(await run(db, telegramInvocation('editor', 'report', `political-prisoners foro-penal 1 2025-12-29 ${URL_A}`)));
        expect(granted).toContain('recorded');
        expect(replyText(await owner('revoke telegram:5005'))).toContain('telegram:5005 is no longer an editor.');
        expect(replyText(await owner('revoke telegram:5005'))).toContain('was not an editor');
        const audit = await db.selectFrom('audit_log').select(['actor', 'action', 'target']).where('target', '=', 'user:telegram:5005').orderBy('id').execute();
        expect(audit).toEqual([
          { actor: 'telegram:1001', action: 'editor.grant', target: 'user:telegram:5005' },
          { actor: 'telegram:1001', action: 'editor.revoke', target: 'user:telegram:5005' },
        ]);
      });
    });

    it('refuses a malformed user in /admins and a grant without a user', async () => {
      for (const args of ['grant 5005', 'grant slack:5005', 'revoke telegram:abc']) {
        const r = await attempt(telegramInvocation('owner', 'admins', args));
        expect(r.text).toContain('is not a valid user: type platform:id');
        expect(r.changed).toBe(false);
      }
      const missing = await attempt(discordInvocation('owner', 'admins', { action: 'grant' }));
      expect(missing.text).toContain('The user is missing');
      expect(missing.changed).toBe(false);
    });

    it('a revoked editor can no longer report', async () => {
      await rolledBack(handle.db, async (db) => {
        await run(db, telegramInvocation('owner', 'admins', 'revoke telegram:2002'));
        const r = await run(db, report(`political-prisoners foro-penal 863 2025-12-29 ${URL_A}`));
        expect(replyText(r)).toContain('Only editors can use /report.');
      });
    });

    it('limits /audit to 1..50 entries', async () => {
      const r = await attempt(telegramInvocation('editor', 'audit', '0'));
      expect(r.text).toContain('"0" is not a valid count. Accepted: 1–50.');
      const one = await attempt(telegramInvocation('editor', 'audit', '1'));
      expect(one.text).toContain('The latest recorded change');
    });
  });
}
