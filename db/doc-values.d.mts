import type BetterSqlite3 from 'better-sqlite3';

export declare const FACET_NAMES: readonly ['kind', 'origin', 'year', 'language', 'collection'];

export declare class DocValues {
  constructor(connection: BetterSqlite3.Database);
  refresh(): void;
  count(sql: string, parameters: readonly unknown[]): { total: number; facets: Record<string, Array<{ value: string; count: number }>> };
}
