import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';
import { ReaderPool, readerPoolDialect } from './reader-pool.ts';

export type Db = Kysely<Database>;

export interface TroveDatabase {
  /** The single connection that writes; SQLite allows one writer at a time anyway. */
  writer: Db;
  /** A read-only connection, so a slow search never holds the write lock. */
  reader: Db;
  /** The writer's own connection, for bulk writes that cannot afford a query builder per row. */
  writerConnection: BetterSqlite3.Database;
  path: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  migrate?: boolean;
  /** Reader threads; 0 reads on the main thread (for one-shot commands). Defaults to 2, one per core of the target machine. */
  readers?: number;
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

function openReader(path: string, threads: number, writer: Db): Db {
  // An in-memory database is private to its connection, so it reads through the writer.
  if (path === ':memory:') return writer;
  if (threads > 0) return new Kysely<Database>({ dialect: readerPoolDialect(new ReaderPool(path, threads)) });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(path, true) }) });
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<TroveDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const writerConnection = openConnection(path, false);
  const writer = new Kysely<Database>({ dialect: new SqliteDialect({ database: writerConnection }) });
  if (options.migrate ?? true) await migrateToLatest(writer);
  const reader = openReader(path, options.readers ?? 2, writer);
  return {
    writer,
    reader,
    writerConnection,
    path,
    async close() {
      if (reader !== writer) await reader.destroy();
      await writer.destroy();
    },
  };
}
