// "Never stored garbage", checked on the database itself after a property test: every text a write
// keeps passes the domain's text check, every count fits the stored-integer limit, every range is
// ordered and no figure is dated in the future.
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { unsafeCharacter } from '../../src/domain/safe-text.js';
import { MAX_STORED_INTEGER } from '../../src/domain/value.js';

export async function expectNoGarbage(db: Kysely<Database>, today: string): Promise<void> {
  const texts: [string, string | null][] = [];
  for (const f of await db.selectFrom('figures').select(['id', 'url', 'note_es', 'note_en', 'as_of']).execute()) {
    texts.push([`figure ${f.id} url`, f.url], [`figure ${f.id} note_es`, f.note_es], [`figure ${f.id} note_en`, f.note_en]);
    expect(f.as_of <= today, `figure ${f.id} as of ${f.as_of}`).toBe(true);
  }
  for (const r of await db.selectFrom('figure_revisions').select(['figure_id', 'revision', 'reason', 'value_low', 'value_high']).execute()) {
    texts.push([`revision ${r.figure_id}/${r.revision} reason`, r.reason]);
    for (const n of [r.value_low, r.value_high]) {
      if (n !== null) expect(Number(n) >= 0 && Number(n) <= MAX_STORED_INTEGER, `revision ${r.figure_id}/${r.revision} value ${n}`).toBe(true);
    }
    if (r.value_low !== null && r.value_high !== null) expect(Number(r.value_low) <= Number(r.value_high)).toBe(true);
  }
  for (const i of await db.selectFrom('indicators').selectAll().execute()) {
    texts.push(
      [`indicator ${i.slug} name_es`, i.name_es], [`indicator ${i.slug} name_en`, i.name_en],
      // Aliases are JSON text, which escapes control characters: read them back.
      [`indicator ${i.slug} aliases`, [...(JSON.parse(i.aliases_es) as string[]), ...(JSON.parse(i.aliases_en) as string[])].join('|')],
      [`indicator ${i.slug} description`, i.description_es + i.description_en],
      [`indicator ${i.slug} unit`, i.unit], [`indicator ${i.slug} region`, i.region],
    );
  }
  for (const s of await db.selectFrom('sources').selectAll().execute()) {
    texts.push([`source ${s.slug} name`, s.name], [`source ${s.slug} url`, s.url], [`source ${s.slug} description`, s.description_es + s.description_en]);
  }
  const unsafe = texts.filter(([, t]) => t !== null && unsafeCharacter(t) !== undefined).map(([where, t]) => `${where}: ${JSON.stringify(t)}`);
  expect(unsafe).toEqual([]);
}
