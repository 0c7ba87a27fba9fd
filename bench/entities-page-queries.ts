import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import type { RawBuilder } from 'kysely';
import type { ReadScope } from '../db/access.ts';
import { coMentionedSql, entityCountSql, entityListSql, entitySummarySql, timelineSql } from '../db/entities.repository.ts';
import { entityMentionCountSql, entityMentionPageSql } from '../db/entity-mentions.repository.ts';
import { sqlCompiler } from '../db/sql-snapshot.ts';

export interface QueryTiming {
  name: string;
  median: number;
  rows: number;
  plan: string[];
}

/** The SQL statements the entity page and the entity index run, each on its own, for one reader's scope. */
export function entityPageStatements(id: number, scope: ReadScope): Array<[string, RawBuilder<unknown>]> {
  return [
    ['summary (counts, first and last date)', entitySummarySql(id, scope)],
    ['timeline by month', timelineSql(id, scope)],
    ['co-mentioned entities (top 20)', coMentionedSql(id, scope, 20)],
    ['mentions, first page by date', entityMentionPageSql(id, scope, 'live', 'asc', 20, 0)],
    ['mentions, page 20 newest first', entityMentionPageSql(id, scope, 'live', 'desc', 20, 380)],
    ['mention count', entityMentionCountSql(id, scope, 'live')],
    ['entity index, most mentioned first', entityListSql(scope, {}, '-mentions', 20, 0)],
    ['entity index, people by mentions', entityListSql(scope, { type: 'person' }, '-mentions', 20, 0)],
    ['entity index total (counted up to 10,001)', entityCountSql(scope, {})],
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs each statement straight on SQLite (no HTTP, no threads), so that the slow part of the page shows. */
export function timeEntityQueries(dbPath: string, id: number, scope: ReadScope, rounds: number): QueryTiming[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  db.pragma('cache_size = -16000');
  db.pragma('temp_store = MEMORY');
  try {
    return entityPageStatements(id, scope).map(([name, query]) => {
      const compiled = query.compile(sqlCompiler);
      const statement = db.prepare(compiled.sql);
      const parameters = compiled.parameters as unknown[];
      const plan = (db.prepare(`explain query plan ${compiled.sql}`).all(...parameters) as Array<{ detail: string }>).map((r) => r.detail);
      const times: number[] = [];
      let rows = 0;
      for (let round = -1; round < rounds; round++) {
        const t0 = performance.now();
        rows = statement.all(...parameters).length;
        if (round >= 0) times.push(performance.now() - t0);
      }
      return { name, median: median(times), rows, plan };
    });
  } finally {
    db.close();
  }
}
