// What a right `/count` answer contains, worked out the slow, obvious way (the query benchmark's
// historySql: every figure of the indicator, newest first; each source's first one that is not
// retracted is its latest), and a check for a response body: it must name the indicator and cite
// exactly those figures by their #id — no more, no fewer. Cheap enough to run on every response.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { historySql } from '../query/raw-sql.js';

/** Indicator number (indicator-N, "Indicador N") → the sorted ids of its sources' latest figures. */
export type ExpectedAnswers = ReadonlyMap<number, string>;

export async function expectedAnswers(db: Kysely<Database>, indicators: number): Promise<ExpectedAnswers> {
  const answers = new Map<number, string>();
  for (let n = 1; n <= indicators; n++) {
    const latest = new Map<number, number>();
    for (const row of (await historySql(n).execute(db)).rows) {
      const source = Number(row.source_id);
      if (!latest.has(source) && row.kind !== 'retraction') latest.set(source, Number(row.id));
    }
    answers.set(n, idList([...latest.values()]));
  }
  return answers;
}

const INDICATOR_NAME = /Indicador (\d+)/;
const FIGURE_ID = /#(\d+)/g;

/** Whether `body` answers about one indicator with exactly its sources' latest figures. */
export function answersCorrectly(expected: ExpectedAnswers, body: string): boolean {
  const indicator = INDICATOR_NAME.exec(body);
  if (indicator === null) return false;
  const ids = new Set<number>();
  for (const match of body.matchAll(FIGURE_ID)) ids.add(Number(match[1]));
  return ids.size > 0 && expected.get(Number(indicator[1])) === idList([...ids]);
}

function idList(ids: readonly number[]): string {
  return [...ids].sort((a, b) => a - b).join(',');
}
