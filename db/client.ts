import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import { registerBodyFunctions } from './body-packing.mjs';
import { documentSetsAvailable, loadRankExtension } from './rank-extension.mjs';
import { DocValues } from './doc-values.mjs';
import { refreshFoldedIndex, type ReindexReason } from './folded-index.ts';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';
import { ReaderPool, readerPoolDialect, type FacetCounts } from './reader-pool.ts';

export type Db = Kysely<Database>;

export interface TroveDatabase {
  /** The single connection that writes; SQLite allows one writer at a time anyway. */
  writer: Db;
  /** Read-only connections for searches and anything else that may scan much of the archive; a slow search never holds the write lock. */
  reader: Db;
  /**
   * Short reads of a few rows by key (a document and its passages, an entity page, the health check), on a
   * thread of their own so they never queue behind searches on `reader`. It is `reader` itself when reads
   * run on the main thread (readers: 0) or the lane is off (lightLane: false).
   */
  lightReader: Db;
  /** The writer's own connection, for bulk writes that cannot afford a query builder per row. */
  writerConnection: BetterSqlite3.Database;
  /**
   * Facet counts over the document ids a query returns, computed beside the reading connection; past `limit` documents,
   * lower bounds, and the total too unless `countTotal`.
   */
  countFacets(query: CompiledQuery, limit?: number, countTotal?: boolean): Promise<FacetCounts>;
  /**
   * Whether `reader` binds document set parameters (db/document-sets.mjs): its threads hold the facet values and
   * trove_in_set loaded. Off when reads run on the main thread or the native extension is missing.
   */
  documentSets?: boolean;
  path: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  migrate?: boolean;
  /** Reader threads; 0 reads on the main thread (for one-shot commands). Defaults to 2, one per core of the target machine. */
  readers?: number;
  /**
   * A thread for light reads beside the reader threads (see `lightReader`), on by default whenever there are reader
   * threads; with it the reader threads run at a lower CPU priority, so searches yield a busy core to light reads.
   */
  lightLane?: boolean;
  /** Told before an archive indexed under an older text folding is re-indexed (it takes a while on a big one). */
  onReindex?: (passages: number, reason: ReindexReason) => void;
}

export function openConnection(path: string, readonly: boolean): BetterSqlite3.Database {
  const connection = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
  if (!readonly) {
    // Takes effect only on a new, empty database (before WAL is on): 16 KiB pages make FTS5's
    // index writes about a third faster than the 4 KiB default (bench/, import rate).
    connection.pragma('page_size = 16384');
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
  }
  connection.pragma('foreign_keys = ON');
  // An import's write transactions (a batch of documents, the extraction of a thread's share) can hold the
  // lock for several seconds on a busy machine; another command waits for it rather than failing.
  connection.pragma('busy_timeout = 20000');
  connection.pragma('cache_size = -32000');
  connection.pragma('temp_store = MEMORY');
  registerBodyFunctions(connection);
  loadRankExtension(connection);
  return connection;
}

interface Readers {
  reader: Db;
  lightReader: Db;
  documentSets: boolean;
  countFacets(query: CompiledQuery, limit?: number, countTotal?: boolean): Promise<FacetCounts>;
}

// A light read touches a few pages: a small cache is enough, and it keeps the third connection cheap.
const LIGHT_CACHE_KIB = 4000;

function openReaders(path: string, options: OpenOptions, writer: Db, writerConnection: BetterSqlite3.Database): Readers {
  const threads = options.readers ?? 2;
  if (path !== ':memory:' && threads > 0) {
    const lane = options.lightLane ?? true;
    const pool = new ReaderPool(path, threads, { background: lane });
    pool.warm().catch(() => {
      // A failed warm-up shows again, with its error, on the first search that needs the values.
    });
    const reader = new Kysely<Database>({ dialect: readerPoolDialect(pool) });
    // The light lane never counts facets, so its thread never loads the facet values either.
    const lightReader = lane
      ? new Kysely<Database>({ dialect: readerPoolDialect(new ReaderPool(path, 1, { cacheKiB: LIGHT_CACHE_KIB })) })
      : reader;
    return {
      reader,
      lightReader,
      documentSets: documentSetsAvailable(writerConnection),
      countFacets: (q, limit, countTotal) => pool.facets(q.sql, q.parameters, limit, countTotal),
    };
  }
  // An in-memory database is private to its connection, so it reads through the writer.
  const connection = path === ':memory:' ? writerConnection : openConnection(path, true);
  const reader = path === ':memory:' ? writer : new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  const docValues = new DocValues(connection);
  return {
    reader,
    lightReader: reader,
    documentSets: false,
    countFacets: async (q, limit, countTotal) => docValues.count(q.sql, q.parameters, limit, countTotal),
  };
}

/**
 * The writer's transactions take the write lock when they begin (BEGIN IMMEDIATE). A deferred one that reads
 * first cannot take it later once another process has written meanwhile: SQLite answers "database is locked"
 * at once instead of waiting (busy_timeout), as two trove commands run together found.
 */
class WriterDialect extends SqliteDialect {
  constructor(private readonly writerConfig: SqliteDialectConfig) {
    super(writerConfig);
  }

  override createDriver() {
    return new ImmediateTransactions(this.writerConfig);
  }
}

class ImmediateTransactions extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<TroveDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const writerConnection = openConnection(path, false);
  const writer = new Kysely<Database>({ dialect: new WriterDialect({ database: writerConnection }) });
  if (options.migrate ?? true) await migrateToLatest(writer);
  const { reader, lightReader, documentSets, countFacets } = openReaders(path, options, writer, writerConnection);
  const db: TroveDatabase = {
    writer,
    reader,
    lightReader,
    writerConnection,
    countFacets,
    documentSets,
    path,
    async close() {
      if (lightReader !== reader) await lightReader.destroy();
      if (reader !== writer) await reader.destroy();
      await writer.destroy();
    },
  };
  if (options.migrate ?? true) refreshFoldedIndex(db, options.onReindex ?? announceReindex);
  return db;
}

function announceReindex(passages: number): void {
  process.stderr.write(
    `Trove folds Persian and Arabic text differently since this archive was indexed: re-indexing ${passages} passages…\n`,
  );
}
