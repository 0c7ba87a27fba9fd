// What the facet or mention values were built from, read in two index lookups: the last row's id (new rows) and the
// edits counted by migration 0027's triggers (changes and deletions). Equal readings mean the same rows, so a
// snapshot outlives commits that touch nothing it holds: a session's last-seen time, an audit row, the vocabulary.
// Plain JavaScript: reader worker threads load it without TypeScript.

// The table whose new rows each kind of values holds.
const TABLE = { documents: 'document', mentions: 'mention' };

export class ValueVersion {
  /**
   * @param {import('better-sqlite3').Database} connection
   * @param {'documents' | 'mentions'} kind
   */
  constructor(connection, kind) {
    this.connection = connection;
    this.sql = `select (select coalesce(max(id), 0) from ${TABLE[kind]}) || '/' || (select edits from value_version where kind = '${kind}')`;
    this.statement = null;
  }

  /** The reading now; null on a database older than migration 0027, where every commit counts as a change. */
  read() {
    try {
      this.statement ??= this.connection.prepare(this.sql).pluck();
      return this.statement.get() ?? null;
    } catch {
      return null;
    }
  }
}

/** True when the snapshot was built at this reading, so it holds what the database holds now. */
export function builtAt(snapshot, reading) {
  return reading !== null && snapshot?.version === reading;
}
