import type BetterSqlite3 from 'better-sqlite3';

/**
 * A value that moves whenever the database may have changed: a commit by any other connection (another trove
 * process, the import's writer thread) moves SQLite's `data_version`, a change by this connection its
 * `total_changes()`. While it stays the same, a read returns what it returned before. Costs two tiny
 * statements, against a query built and run through Kysely.
 */
export function changeStamp(connection: BetterSqlite3.Database): () => string {
  const version = connection.prepare('pragma data_version').pluck();
  const changes = connection.prepare('select total_changes()').pluck();
  return () => `${version.get()}:${changes.get()}`;
}

/**
 * Rows read by key, kept only while the database is unchanged (see changeStamp): any write anywhere empties
 * it, so a revoked token or an ended session is never served from it. Misses are not kept, so guessed keys
 * cannot fill it.
 */
export class UnchangedReads<V extends object> {
  private seen = '';
  private readonly rows = new Map<string, V>();

  constructor(
    private readonly stamp: () => string,
    private readonly max = 1000,
  ) {}

  async get(key: string, read: () => Promise<V | undefined>): Promise<V | undefined> {
    const before = this.stamp();
    if (before !== this.seen) {
      this.rows.clear();
      this.seen = before;
    }
    const kept = this.rows.get(key);
    if (kept) return kept;
    const row = await read();
    // Kept only if nothing was written while it was read.
    if (row && this.stamp() === before) {
      if (this.rows.size >= this.max) this.rows.clear();
      this.rows.set(key, Object.freeze(row));
    }
    return row;
  }
}
