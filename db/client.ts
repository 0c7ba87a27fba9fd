import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';

export type Db = Kysely<Database>;

export interface TroveDatabase {
  /** The single connection that writes; SQLite allows one writer at a time anyway. */
  writer: Db;
  /** A read-only connection, so a slow search never holds the write lock. */
  reader: Db;
  path: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  migrate?: boolean;
}

function openConnection(path: string, readonly: boolean): BetterSqlite3.Database {
  const connection = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
  if (!readonly) {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
  }
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('cache_size = -32000');
  connection.pragma('temp_store = MEMORY');
  return connection;
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<TroveDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const writer = new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(path, false) }) });
  if (options.migrate ?? true) await migrateToLatest(writer);
  // An in-memory database is private to its connection, so it reads through the writer.
  const reader =
    path === ':memory:'
      ? writer
      : new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(path, true) }) });
  return {
    writer,
    reader,
    path,
    async close() {
      if (reader !== writer) await reader.destroy();
      await writer.destroy();
    },
  };
}
