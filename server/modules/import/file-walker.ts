import type { Dirent } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { classifyFile, HEAD_BYTES, UNSUPPORTED_TYPE } from '../../pipeline/extract/file-kind.ts';

export interface FoundFile {
  path: string;
  size: number;
  kind: 'document' | 'archive';
}

export interface ListedFile {
  file: string;
  reason: string;
}

export interface WalkOptions {
  /** Follow symbolic links that lead out of the folder being imported (never twice to the same place). */
  followLinks?: boolean;
  /** How a path appears in reasons that name another file. */
  show?: (path: string) => string;
  /** Folders never walked nor listed: Trove's own store of original files, when it lies inside a folder imported. */
  skipFolders?: string[];
}

export interface LinkCounts {
  /** Links out of the import folder, not followed (without `followLinks`). */
  notFollowed: number;
  /** Links out of the import folder that were followed (with `followLinks`). */
  followedOut: number;
  /** Links to a folder or file already read in this import: a loop, or a second way to the same place. */
  alreadyRead: number;
}

export interface WalkResult {
  /** Documents and archives to read, sorted by path. */
  files: FoundFile[];
  /** Paths that could not be read. */
  problems: ListedFile[];
  /** Everything found but not read, with why. */
  ignored: ListedFile[];
  links: LinkCounts;
}

// Archive folders often carry notes about the archive itself; those are not documents.
const NOT_DOCUMENTS = new Set(['readme.md', 'readme.txt', 'quotes.md', 'license', 'license.md']);
export const NOT_A_DOCUMENT = 'a note about the archive (README, LICENSE or QUOTES.md in a folder), not a document';

interface Place {
  /** The path as walked (through links), as reports show it. */
  path: string;
  /** The same place with every link resolved. */
  real: string;
  /** The real path of the folder named on the command line. */
  root: string;
  /** Classification looks at the path from the named folder on (`__MACOSX/` anywhere below it). */
  from: string;
}

/** Finds the files under the given paths; each file found ends in exactly one of files, problems or ignored. */
export async function walk(paths: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const skip = await Promise.all((options.skipFolders ?? []).map((folder) => realpath(folder).catch(() => resolve(folder))));
  const walker = new Walker(options, new Set(skip));
  for (const path of paths) await walker.named(resolve(path));
  return walker.finish();
}

class Walker {
  private readonly result: WalkResult = { files: [], problems: [], ignored: [], links: { notFollowed: 0, followedOut: 0, alreadyRead: 0 } };
  // Real paths read so far: no folder is walked twice and no file read twice, whatever links lead there.
  private readonly seenFolders = new Map<string, string>();
  private readonly seenFiles = new Map<string, string>();
  // Links wait until the folders are walked, so a file is read under its own path and the link is the one listed.
  private links: Place[] = [];
  private readonly show: (path: string) => string;

  constructor(
    private readonly options: WalkOptions,
    private readonly skip: Set<string>,
  ) {
    this.show = options.show ?? ((path) => path);
  }

  async named(path: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      this.problem(path, error, 'file or folder');
      return;
    }
    const place: Place = { path, real, root: real, from: dirname(path) };
    await this.visit(place, await stat(real), true);
    await this.followLinks();
  }

  finish(): WalkResult {
    const byPath = (a: { path?: string; file?: string }, b: { path?: string; file?: string }) =>
      (a.path ?? a.file!).localeCompare(b.path ?? b.file!);
    this.result.files.sort(byPath);
    this.result.ignored.sort(byPath);
    return this.result;
  }

  private async visit(place: Place, info: { isDirectory(): boolean; isFile(): boolean; size?: number }, named: boolean): Promise<void> {
    if (info.isDirectory()) await this.folder(place);
    else if (info.isFile()) await this.file(place, named);
    else this.ignore(place.path, 'not a regular file (a named pipe, socket or device)');
  }

  private async folder(place: Place): Promise<void> {
    if (this.skip.has(place.real)) return;
    const earlier = this.seenFolders.get(place.real);
    if (earlier !== undefined) {
      this.ignore(place.path, `folder already read in this import (${this.show(earlier)})`);
      return;
    }
    this.seenFolders.set(place.real, place.path);
    let entries: Dirent[];
    try {
      entries = await readdir(place.real, { withFileTypes: true });
    } catch (error) {
      this.problem(place.path, error, 'folder');
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const inner: Place = { ...place, path: join(place.path, entry.name), real: join(place.real, entry.name) };
      if (entry.isSymbolicLink()) this.links.push(inner);
      else await this.visit(inner, entry, false);
    }
  }

  private async file(place: Place, named: boolean): Promise<void> {
    const earlier = this.seenFiles.get(place.real);
    if (earlier !== undefined) {
      this.ignore(place.path, `file already read in this import (${this.show(earlier)})`);
      return;
    }
    this.seenFiles.set(place.real, place.path);
    const name = named ? basename(place.path) : relative(place.from, place.path);
    let kind = classifyFile(name);
    // Only a type Trove does not read is opened here, to say what it looks like.
    if (kind.kind === 'ignored' && kind.reason.startsWith(UNSUPPORTED_TYPE)) kind = classifyFile(name, await head(place.real));
    if (kind.kind === 'ignored') {
      this.ignore(place.path, kind.reason);
    } else if (!named && kind.kind === 'document' && NOT_DOCUMENTS.has(basename(place.path).toLowerCase())) {
      this.ignore(place.path, NOT_A_DOCUMENT);
    } else {
      try {
        this.result.files.push({ path: place.path, size: (await stat(place.real)).size, kind: kind.kind });
      } catch (error) {
        this.problem(place.path, error, 'file');
      }
    }
  }

  private async followLinks(): Promise<void> {
    while (this.links.length > 0) {
      const pending = this.links;
      this.links = [];
      for (const link of pending) await this.link(link);
    }
  }

  private async link(place: Place): Promise<void> {
    let target: string;
    let info;
    try {
      target = await realpath(place.path);
      info = await stat(target);
    } catch {
      this.ignore(place.path, 'broken symbolic link (what it points to does not exist)');
      return;
    }
    const inside = target === place.root || target.startsWith(place.root + sep);
    if (!inside && !this.options.followLinks) {
      this.result.links.notFollowed++;
      this.ignore(place.path, `symbolic link out of the import folder (to ${target}), not followed: import with --follow-links to read it`);
      return;
    }
    const seen = info.isDirectory() ? this.seenFolders.get(target) : this.seenFiles.get(target);
    if (seen !== undefined) {
      this.result.links.alreadyRead++;
      this.ignore(
        place.path,
        `symbolic link to ${info.isDirectory() ? 'a folder' : 'a file'} already read in this import (${this.show(seen)})`,
      );
      return;
    }
    if (!inside) this.result.links.followedOut++;
    await this.visit({ ...place, real: target }, info, false);
  }

  private ignore(file: string, reason: string): void {
    this.result.ignored.push({ file, reason });
  }

  private problem(file: string, error: unknown, what: string): void {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'No such file or folder.'
        : code === 'EACCES' || code === 'EPERM'
          ? `Trove may not read this ${what} (permission denied); check its permissions.`
          : `The ${what} cannot be read: ${(error as Error).message}.`;
    this.result.problems.push({ file, reason });
  }
}

/** The first bytes of a file, to say what an unsupported file looks like; none if it cannot be read. */
async function head(path: string): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
