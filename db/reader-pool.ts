import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  type CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { FacetCounts } from './doc-values.mjs';
import { createShareData } from './value-share.mjs';

export type { FacetCounts };

interface Pending {
  resolve: (result: any) => void;
  reject: (error: Error) => void;
}

interface ReaderThread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export class ReaderPoolError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface ReaderPoolOptions {
  /** SQLite page cache of each thread's connection, in KiB. */
  cacheKiB?: number;
  /**
   * The threads run at a lower CPU priority (nice 10, where the system allows it), so that on a busy machine
   * the main thread and the light-read lane get a core first and a light read is not slowed by searches.
   */
  background?: boolean;
  /**
   * A query still waiting for its thread after this long is not run: it fails with READER_QUEUE_TIMEOUT (the
   * server answers 503, try again), well before an HTTP client or proxy gives up on the request unanswered.
   */
  maxWaitMs?: number;
}

export interface ValuesHeld {
  /** Bytes in shared memory: the same buffers in every thread that shows the same ticks. */
  shared: number;
  /** Bytes of the thread's own counters. */
  own: number;
  ticks: { documents: number; mentions: number };
  /** Loads of the mention values the pool's threads have made (all of them, not this thread's alone). */
  mentionLoads: number;
}

/**
 * A reader thread's garbage is short-lived (rows, results): a young generation of 16 MB, where V8 lets it
 * grow to 48 MB a thread and more under load, kept the server's peak about 55 MB lower under eight heavy
 * searches on the 200k archive, for a few per cent of their throughput (bench/README.md, "Server memory").
 */
const YOUNG_GENERATION_MB = 16;

/**
 * A reader's SQLite page cache. The file's pages stay in the system's cache either way: at ten million passages the
 * search mix's median was the same with 6 MB a thread as with 16, and the server's memory 335 MB against 390 with 8
 * (bench/README.md, session 17).
 */
const READER_CACHE_KIB = 6000;

/** How long a read may wait behind others before it is refused (ReaderPoolOptions.maxWaitMs). */
export const MAX_READ_WAIT_MS = 20_000;
export const READER_QUEUE_TIMEOUT = 'READER_QUEUE_TIMEOUT';

/**
 * Read-only connections in worker threads. better-sqlite3 blocks its thread while a query runs,
 * so two searches (or the ranking and the facet counts of one search) only overlap on two cores
 * when they run on connections in different threads.
 */
export class ReaderPool {
  private readonly threads: ReaderThread[];
  private readonly maxWaitMs: number;
  private nextId = 1;

  constructor(path: string, size: number, options: ReaderPoolOptions = {}) {
    // One clock, one load lock and one channel for the pool's threads: they share the facet values (value-share.mjs).
    const values = createShareData();
    const workerData = { path, cacheKiB: options.cacheKiB ?? READER_CACHE_KIB, background: options.background ?? false, values };
    this.maxWaitMs = options.maxWaitMs ?? MAX_READ_WAIT_MS;
    this.threads = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./reader-worker.mjs', import.meta.url), {
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      const thread: ReaderThread = { worker, pending: new Map() };
      worker.on('message', (message: { id: number; result?: unknown; error?: { message: string; code?: string } }) => {
        const pending = thread.pending.get(message.id);
        if (!pending) return;
        thread.pending.delete(message.id);
        if (message.error) pending.reject(new ReaderPoolError(message.error.message, message.error.code));
        else pending.resolve(message.result);
      });
      worker.on('error', (error) => {
        for (const pending of thread.pending.values()) pending.reject(error);
        thread.pending.clear();
      });
      return thread;
    });
  }

  all<R>(sql: string, parameters: readonly unknown[]): Promise<R[]> {
    return this.send('all', sql, parameters);
  }

  /** Facet counts over the document ids that `sql` returns, counted where the rows are (see doc-values.mjs). */
  facets(sql: string, parameters: readonly unknown[], limit = Infinity, countTotal = true): Promise<FacetCounts> {
    return this.send('facets', sql, parameters, undefined, { limit, countTotal });
  }

  /**
   * Loads the facet values now, so the first search after a start is not the slow one: one thread builds them
   * and the others take its copy as it is posted. Every thread answers a first read before that, so each has
   * seen the data version the build holds (value-share.mjs) and none builds a copy of its own.
   */
  async warm(): Promise<void> {
    await Promise.all(this.threads.map((thread) => this.send('all', 'select 1', [], thread)));
    if (this.threads[0]) await this.send('warm', '', [], this.threads[0]);
  }

  /** What each thread's facet values take, and which snapshot it counts with (the same ticks: one shared copy). */
  values(): Promise<ValuesHeld[]> {
    return Promise.all(this.threads.map((thread) => this.send<ValuesHeld>('values', '', [], thread)));
  }

  /** The memory limits each thread runs under, as Node reports them. */
  limits(): Array<ResourceLimits | undefined> {
    return this.threads.map((thread) => thread.worker.resourceLimits);
  }

  private send<T>(
    op: 'all' | 'facets' | 'warm' | 'values',
    sql: string,
    parameters: readonly unknown[],
    chosen?: ReaderThread,
    facets?: { limit: number; countTotal: boolean },
  ): Promise<T> {
    const thread = chosen ?? this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      // The thread, not this one, sees how long the query waited: it takes messages in order.
      thread.worker.postMessage({ id, op, sql, parameters, ...facets, refuseAfter: Date.now() + this.maxWaitMs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

class PoolConnection implements DatabaseConnection {
  constructor(private readonly pool: ReaderPool) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: await this.pool.all<R>(query.sql, query.parameters) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new ReaderPoolError('Streaming is not supported by the read pool.');
  }
}

class PoolDriver implements Driver {
  constructor(private readonly pool: ReaderPool) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PoolConnection(this.pool);
  }
  async beginTransaction(): Promise<void> {
    throw new ReaderPoolError('The read pool does not run transactions.');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await this.pool.close();
  }
}

/** A Kysely dialect whose queries run on the pool: `reader.selectFrom(…)` reads in a worker thread. */
export function readerPoolDialect(pool: ReaderPool): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new PoolDriver(pool),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db),
  };
}
