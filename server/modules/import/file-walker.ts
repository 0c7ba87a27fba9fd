import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

export interface FoundFile {
  path: string;
  size: number;
}

export interface WalkResult {
  files: FoundFile[];
  /** Paths that could not be read, or named files of a type we do not import. */
  problems: Array<{ file: string; reason: string }>;
  /** Files inside folders that are not of a supported type; counted, not imported. */
  ignored: number;
}

// Archive folders often carry notes about the archive itself; those are not documents.
const NOT_DOCUMENTS = new Set(['readme.md', 'readme.txt', 'quotes.md', 'license', 'license.md']);

export async function walk(paths: string[], extensions: readonly string[]): Promise<WalkResult> {
  const result: WalkResult = { files: [], problems: [], ignored: 0 };
  for (const path of paths) await visit(resolve(path), extensions, result, true);
  result.files.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}

async function visit(path: string, extensions: readonly string[], result: WalkResult, named: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    result.problems.push({
      file: path,
      reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or folder.' : `Cannot read: ${(error as Error).message}`,
    });
    return;
  }
  if (info.isDirectory()) {
    const entries = await readdir(path);
    for (const entry of entries.sort()) {
      if (entry.startsWith('.')) continue;
      await visit(join(path, entry), extensions, result, false);
    }
    return;
  }
  const name = path.split('/').pop()!.toLowerCase();
  const supported = extensions.includes(extname(name));
  if (named && !supported) {
    result.problems.push({
      file: path,
      reason: `Unsupported file type "${extname(name) || '(none)'}". Trove imports ${extensions.join(', ')}.`,
    });
  } else if (!named && (!supported || NOT_DOCUMENTS.has(name))) {
    result.ignored++;
  } else {
    result.files.push({ path, size: info.size });
  }
}
