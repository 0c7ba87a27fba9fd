// Recursion over nested archives: each format's reader yields its own entries, and an entry that
// is itself an archive is expanded in place, under the same budget, one level deeper.
import { ArchiveBudget, type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, refusal } from './archive-limits.ts';
import { type ArchiveFormat, archiveFormat } from './archive-path.ts';
import type { ArchiveItem, ArchiveReader } from './archive.types.ts';
import { describe } from './bounded-read.ts';

// Each reader's library loads with the first archive of its format, not when the server starts.
const READERS: Record<ArchiveFormat, () => Promise<ArchiveReader>> = {
  zip: async () => (await import('./zip.reader.ts')).readZip,
  tar: async () => (await import('./tar.reader.ts')).readTar,
  'tar.gz': async () => (await import('./tar.reader.ts')).readTarGz,
  gz: async () => (await import('./tar.reader.ts')).readGzip,
  '7z': async () => (await import('./sevenzip.reader.ts')).readSevenZip,
};

/**
 * Leaf files of an archive, nested archives expanded recursively (inner paths joined with '!/':
 * 'inner.zip!/folder/file.docx'), in archive order. Never throws on hostile input: refusals are
 * items, and the rest of the archive is still yielded. Directory entries are not yielded.
 */
export async function* expandArchive(
  name: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): AsyncGenerator<ArchiveItem> {
  yield* expand(name, bytes, new ArchiveBudget(limits), 1, '');
}

async function* expand(name: string, bytes: Uint8Array, budget: ArchiveBudget, depth: number, prefix: string): AsyncGenerator<ArchiveItem> {
  const here = (path: string): string => (path === '' ? prefix.slice(0, -'!/'.length) : prefix + path);
  const format = archiveFormat(name);
  if (format === null) {
    yield { kind: 'refused', path: here(''), reason: `Not unpacked: "${name}" does not have an archive's name.` };
    return;
  }
  if (depth > budget.limits.maxDepth) {
    yield { kind: 'refused', path: here(''), reason: refusal.depth(budget.limits) };
    return;
  }
  let read = 0;
  try {
    const reader = await READERS[format]();
    for await (const item of reader(name, bytes, budget)) {
      read += 1;
      if (item.kind === 'file' && archiveFormat(item.path) !== null) {
        yield* expand(item.path, item.bytes, budget, depth + 1, `${here(item.path)}!/`);
      } else {
        yield { ...item, path: here(item.path) };
      }
    }
  } catch (error) {
    // Readers turn what they meet into refusals; this is the net under a library that throws anyway.
    const reason = read === 0 ? refusal.corrupt(describe(error)) : refusal.damagedRest(describe(error));
    yield { kind: 'refused', path: here(''), reason };
  }
}
