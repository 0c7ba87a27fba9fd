import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { copyOriginals, referencedOriginals, type OriginalsCopy } from './backup-originals.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  milliseconds: number;
  /** The original files the copy refers to, when the originals store was backed up too. */
  originals?: OriginalsCopy;
}

export interface BackupOptions {
  /** Replace a file that already exists at the destination. */
  overwrite?: boolean;
  onProgress?: (pagesDone: number, pagesTotal: number) => void;
  /**
   * Also copy the original files the database refers to, from the store `from` to `to` (by default
   * `originals/` beside the backup file, where a database opened from there looks for them).
   */
  originals?: { from: string; to?: string };
}

/** A backup that cannot start; `code` says which, so the command line can add its own hint. */
export class BackupError extends Error {
  constructor(
    readonly code: 'backup.exists' | 'backup.no_database' | 'backup.not_a_database' | 'backup.no_folder' | 'backup.same_file',
    message: string,
  ) {
    super(message);
  }
}

// Pages copied per step; between steps the event loop runs, so a progress line can be drawn.
const STEP_PAGES = 256;

/**
 * Copies a live database with SQLite's online backup, safe while the server writes to it.
 * The copy is written beside the destination and renamed into place, so a failed or interrupted
 * backup never leaves a half-written file under the name asked for.
 */
export async function backupDatabase(source: string, destination: string, options: BackupOptions = {}): Promise<BackupResult> {
  const from = resolve(source);
  const to = resolve(destination);
  if (from === to) throw new BackupError('backup.same_file', 'The backup file cannot be the database itself; choose another file name.');
  if (!existsSync(dirname(to))) throw new BackupError('backup.no_folder', `The folder ${dirname(to)} does not exist; create it first.`);
  if (!options.overwrite && existsSync(to)) throw new BackupError('backup.exists', `${to} already exists.`);
  if (!existsSync(from)) throw new BackupError('backup.no_database', `There is no database at ${from}.`);

  const started = Date.now();
  let originals: OriginalsCopy | undefined;
  const partial = join(dirname(to), `.${basename(to)}.${process.pid}.partial`);
  const connection = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  try {
    connection.pragma('busy_timeout = 5000');
    // A read transaction held for the whole copy pins one snapshot. Without it, every commit by
    // another connection (the server) between two steps restarts the backup from the first page,
    // and a busy server could keep it from ever finishing. In WAL mode this blocks no writer.
    connection.exec('begin');
    readSchema(connection, from);
    await connection.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return STEP_PAGES;
      },
    });
    // Read in the same snapshot as the copy: exactly the originals the copy refers to.
    const wanted = options.originals ? referencedOriginals(connection) : [];
    connection.exec('commit');
    // They are in place before the copy takes its name, so a backup file is never there without its
    // originals. The store only grows (an original is written before its document), so none has gone since.
    if (options.originals) {
      const { from, to: originalsTo = join(dirname(to), 'originals') } = options.originals;
      originals = await copyOriginals(wanted, resolve(from), resolve(originalsTo));
    }
    // Checked again: the copy may have taken long enough for someone to create the file meanwhile.
    if (!options.overwrite && existsSync(to)) throw new BackupError('backup.exists', `${to} already exists.`);
    renameSync(partial, to);
  } finally {
    connection.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
  return { file: to, bytes: statSync(to).size, milliseconds: Date.now() - started, ...(originals ? { originals } : {}) };
}

function readSchema(connection: BetterSqlite3.Database, path: string): void {
  try {
    connection.prepare('select count(*) from sqlite_schema').get();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB')
      throw new BackupError('backup.not_a_database', `${path} is not a SQLite database.`);
    throw error;
  }
}
