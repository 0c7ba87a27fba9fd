// The content-addressed store of original files: `<dir>/<sha256>`, one file per distinct content,
// written once and never changed. Writes go to a temporary file that is flushed to disk and then
// renamed into place, so a file under a hash's name is always complete; the folder is synced by sync().
// A process killed mid-write leaves its temporary file behind; the next store to write there removes it.
import { createHash, randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface StoredOriginal {
  sha256: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;
/** Temporary files start with this; a listing of the store skips them. */
export const PARTIAL_PREFIX = '.partial-';

// Another process may be writing into the same store (the server and `trove import`): a temporary file is
// left alone while the process named in it runs, and for an hour when it names none or this one (another
// store of this process, or a process before a restart that had the same pid, as in a container).
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export const isSha256 = (value: string): boolean => SHA256.test(value);

/** Where the originals of a database are kept unless TROVE_ORIGINALS or --originals say otherwise: beside it. */
export const originalsDirFor = (databasePath: string): string => join(dirname(databasePath), 'originals');

export class OriginalsStore {
  // Writes under way, by hash: a second request for the same content waits for the first.
  private readonly writing = new Map<string, Promise<StoredOriginal>>();
  private ready: Promise<void> | undefined;
  private unsynced = false;

  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`Not a sha256 hash: ${sha256}`);
    return join(this.dir, sha256);
  }

  /** Keeps these bytes (once per content) and says under which hash. */
  async put(bytes: Uint8Array): Promise<StoredOriginal> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const pending = this.writing.get(sha256);
    if (pending) return pending;
    const write = this.write(sha256, bytes).finally(() => this.writing.delete(sha256));
    this.writing.set(sha256, write);
    return write;
  }

  /** The size of the stored file, or undefined when it is not in the store. */
  async sizeOf(sha256: string): Promise<number | undefined> {
    try {
      const info = await stat(this.pathOf(sha256));
      return info.isFile() ? info.size : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** A stream of the stored file; throws ENOENT when it is not there. */
  async read(sha256: string): Promise<ReadStream> {
    // Opened first, so that a missing file is known before any response header is sent.
    const handle = await open(this.pathOf(sha256), 'r');
    return handle.createReadStream();
  }

  private async write(sha256: string, bytes: Uint8Array): Promise<StoredOriginal> {
    const size = bytes.length;
    // Content-addressed: a file already under this name holds these bytes (it was renamed into place whole).
    if ((await this.sizeOf(sha256)) === size) return { sha256, size };
    await (this.ready ??= mkdir(this.dir, { recursive: true }).then(() => removeAbandoned(this.dir).catch(() => undefined)));
    const partial = join(this.dir, `${PARTIAL_PREFIX}${process.pid}-${sha256.slice(0, 16)}-${randomBytes(6).toString('hex')}`);
    try {
      const handle = await open(partial, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, join(this.dir, sha256));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    this.unsynced = true;
    return { sha256, size };
  }

  /**
   * Makes the renames since the last call durable: one folder sync for many files, run before the
   * documents naming them are committed (the import does it per batch), rather than one per file.
   */
  async sync(): Promise<void> {
    if (!this.unsynced) return;
    this.unsynced = false;
    await syncDirectory(this.dir);
  }
}

/** Removes the temporary files of writers that are gone (killed before their rename). */
async function removeAbandoned(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.startsWith(PARTIAL_PREFIX));
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name.slice(PARTIAL_PREFIX.length))?.[1] ?? process.pid);
    if (pid === process.pid ? await isRecent(join(dir, name)) : isRunning(pid)) continue;
    await rm(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isRecent(path: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs < ABANDONED_AFTER_MS;
  } catch {
    return true;
  }
}

/** Makes a rename durable; some file systems cannot open a folder for that, and then it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}
