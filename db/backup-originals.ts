// The originals half of a backup: the files of the content-addressed store (server/modules/originals)
// that one database snapshot refers to, copied beside the backup.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface OriginalsCopy {
  dir: string;
  /** Files the snapshot refers to (documents' originals and the archives that held them). */
  files: number;
  bytes: number;
  /** Files written by this backup; the others were in the destination already. */
  copied: number;
  /** Files the snapshot refers to that the store does not hold (deleted by hand, or a damaged store). */
  missing: string[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Every original a database refers to; none for a database from before originals were kept. */
export function referencedOriginals(connection: BetterSqlite3.Database): string[] {
  const table = connection.prepare(`select 1 from sqlite_schema where type in ('table', 'view') and name = 'document_original'`).get();
  if (table === undefined) return [];
  const rows = connection
    .prepare(
      `select sha256 from document_original
       union select container_sha256 from document_original where container_sha256 is not null
       order by 1`,
    )
    .pluck()
    .all() as string[];
  return rows.filter((sha) => SHA256.test(sha));
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Copies the originals `wanted` from the store `from` into `to`; files already there (same name, same size) stay. */
export async function copyOriginals(wanted: string[], from: string, to: string): Promise<OriginalsCopy> {
  const result: OriginalsCopy = { dir: to, files: 0, bytes: 0, copied: 0, missing: [] };
  if (wanted.length > 0) await mkdir(to, { recursive: true });
  for (const sha of wanted) {
    const size = await sizeOf(join(from, sha));
    if (size === undefined) {
      result.missing.push(sha);
      continue;
    }
    result.files++;
    result.bytes += size;
    if (from === to || (await sizeOf(join(to, sha))) === size) continue;
    await copyDurably(join(from, sha), to, sha);
    result.copied++;
  }
  if (result.copied > 0) await syncFolder(to);
  return result;
}

/** A copy under a temporary name, flushed to disk and renamed into place: never a half-copied file under a hash. */
async function copyDurably(source: string, dir: string, sha: string): Promise<void> {
  // Named as the store names its own temporary files, which nothing takes for an original.
  const partial = join(dir, `.partial-${sha.slice(0, 16)}-${randomBytes(6).toString('hex')}`);
  try {
    await copyFile(source, partial, constants.COPYFILE_FICLONE);
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, join(dir, sha));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}
