// What is timed: "latest per source" and its baseline "whole history", each in plain SQL (the
// database's cost) and through the domain function the bot calls (what a reader waits for).
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { indicatorHistory, indicatorSummary, loadSummary } from '../../src/domain/queries.js';
import type { Indicator } from '../../src/domain/types.js';
import { historySql, latestOneStatementSql, latestPerSourceSql } from './raw-sql.js';

export interface QueryCase {
  readonly name: string;
  /** The case whose p50 this one's is compared with (the history of the same layer). */
  readonly baseline: string;
  /** The slow history baselines get --baseline-iterations timed runs, the rest --iterations. */
  readonly isBaseline: boolean;
  run(db: Kysely<Database>, indicator: Indicator): Promise<unknown>;
}

export function queryCases(today: string): QueryCase[] {
  return [
    {
      name: 'latest per source, SQL',
      baseline: 'history, SQL',
      isBaseline: false,
      run: (db, indicator) => latestPerSourceSql(indicator.id).execute(db),
    },
    {
      name: 'latest + revisions, 1 stmt',
      baseline: 'history, SQL',
      isBaseline: false,
      run: (db, indicator) => latestOneStatementSql(indicator.id).execute(db),
    },
    {
      name: 'history, SQL',
      baseline: 'history, SQL',
      isBaseline: true,
      run: (db, indicator) => historySql(indicator.id).execute(db),
    },
    {
      // The query itself: what a reader waits for right after a write.
      name: 'indicatorSummary(), uncached',
      baseline: 'indicatorHistory()',
      isBaseline: false,
      run: (db, indicator) => loadSummary(db, indicator, today),
    },
    {
      // What a reader waits for while nothing is written: one version lookup (read-cache.ts).
      name: 'indicatorSummary(), cached',
      baseline: 'indicatorHistory()',
      isBaseline: false,
      run: (db, indicator) => indicatorSummary(db, indicator, today),
    },
    {
      name: 'indicatorHistory()',
      baseline: 'indicatorHistory()',
      isBaseline: true,
      run: (db, indicator) => indicatorHistory(db, indicator),
    },
  ];
}

/** The statements whose plans are printed: the raw latest query and the ones indicatorSummary issues. */
export function rawPlanQueries(db: Kysely<Database>, indicatorId: number): { title: string; query: CompiledQuery }[] {
  return [
    { title: 'latest per source, SQL', query: latestPerSourceSql(indicatorId).compile(db) },
    { title: 'latest + revisions in 1 statement (prototype)', query: latestOneStatementSql(indicatorId).compile(db) },
    { title: 'history, SQL (baseline)', query: historySql(indicatorId).compile(db) },
  ];
}
