// Shared by the archive tests: collect what expandArchive yields, and bytes that do not compress.
import type { ArchiveLimits } from './archive-limits.ts';
import type { ArchiveItem } from './archive.types.ts';
import { expandArchive } from './expand.ts';

export async function expandAll(name: string, bytes: Uint8Array, limits?: ArchiveLimits): Promise<ArchiveItem[]> {
  const items: ArchiveItem[] = [];
  for await (const item of expandArchive(name, bytes, limits)) items.push(item);
  return items;
}

/** Paths with what became of them: 'path' for a file, 'path ✗' for a refusal ('(archive) ✗' for the whole). */
export function outline(items: ArchiveItem[]): string[] {
  return items.map((item) => (item.kind === 'file' ? item.path : `${item.path || '(archive)'} ✗`));
}

export function textOf(items: ArchiveItem[], path: string): string | undefined {
  const item = items.find((candidate) => candidate.path === path);
  return item?.kind === 'file' ? Buffer.from(item.bytes).toString('utf8') : undefined;
}

export function reasonOf(items: ArchiveItem[], path: string): string | undefined {
  const item = items.find((candidate) => candidate.path === path && candidate.kind === 'refused');
  return item?.kind === 'refused' ? item.reason : undefined;
}

/** Deterministic bytes that deflate does not shrink (xorshift32). */
export function noise(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const limits = (overrides: Partial<ArchiveLimits>): ArchiveLimits => ({
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 1000,
  maxDepth: 5,
  maxRatio: 200,
  ...overrides,
});
