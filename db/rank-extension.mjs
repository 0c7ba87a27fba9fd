/**
 * The trove_bm25 ranking function (db/native/trove-rank.c), loaded into each connection when it was built at install.
 * Plain .mjs because the reader threads load it too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const suffix = process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so';
export const RANK_EXTENSION_FILE = join(import.meta.dirname, 'native', 'build', `trove-rank.${suffix}`);

const disabled = process.env.TROVE_RANK_EXTENSION === 'off';
let available = !disabled && existsSync(RANK_EXTENSION_FILE);

/** Loads trove_bm25 into the connection; false (and bm25() from then on, in this thread) when it cannot. */
export function loadRankExtension(connection) {
  if (!available) return false;
  try {
    connection.loadExtension(RANK_EXTENSION_FILE, 'sqlite3_troverank_init');
    return true;
  } catch (error) {
    available = false;
    console.warn(`trove: the ranking extension did not load; ranking with bm25(). ${error.message}`);
    return false;
  }
}

/** Whether this thread's connections rank with trove_bm25. */
export function rankExtensionAvailable() {
  return available;
}

/** Whether the connection has trove_in_set: an extension built by an older install has trove_bm25 only. */
export function documentSetsAvailable(connection) {
  try {
    connection.prepare('select trove_in_set(0, null)');
    return true;
  } catch {
    return false;
  }
}
