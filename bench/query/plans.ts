// Query plans: SQLite's EXPLAIN QUERY PLAN as an indented tree, PostgreSQL's
// EXPLAIN (ANALYZE, BUFFERS) as it prints it. Also captures the statements a domain function
// issues, so the plan shown is that of the real query, not of a copy of it.
import {
  CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { BenchDialect } from './options.js';

export async function explain(db: Kysely<unknown>, dialect: BenchDialect, query: CompiledQuery): Promise<string> {
  if (dialect === 'postgres') {
    const result = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
    );
    return result.rows.map((row) => row['QUERY PLAN'] ?? '').join('\n');
  }
  const result = await db.executeQuery<{ id: number; parent: number; detail: string }>(
    CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
  );
  return sqliteTree(result.rows);
}

/** SQLite gives (id, parent, detail) rows; print them as the sqlite3 shell does. */
function sqliteTree(rows: readonly { id: number; parent: number; detail: string }[]): string {
  const depth = new Map<number, number>([[0, -1]]);
  return rows
    .map((row) => {
      const level = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, level);
      return `${'   '.repeat(level)}${level === 0 ? '' : '└─'}${row.detail}`;
    })
    .join('\n');
}

/** A Kysely plugin that keeps every statement run through it, compiled, for EXPLAIN afterwards. */
export class CaptureQueries implements KyselyPlugin {
  readonly nodes: { node: RootOperationNode; args: PluginTransformQueryArgs }[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push({ node: args.node, args });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }

  compiled(db: Kysely<unknown>): CompiledQuery[] {
    return this.nodes.map(({ node, args }) => db.getExecutor().compileQuery(node, args.queryId));
  }
}

/** A plan's text with a blank-line-separated heading, for the report. */
export function planBlock(title: string, query: CompiledQuery, plan: string): string {
  const sqlText = query.sql.replace(/\s+/g, ' ').trim();
  return `--- ${title}\n${sqlText}\n    params: ${JSON.stringify(query.parameters)}\n${plan}\n`;
}
