import type { ArchiveBudget } from './archive-limits.ts';

export type ArchiveItem = { kind: 'file'; path: string; bytes: Uint8Array } | { kind: 'refused'; path: string; reason: string };

/**
 * One format's reader: the entries of one archive, paths relative to it ('' = the archive itself),
 * nested archives not yet expanded. Readers count every entry and every unpacked byte on the shared
 * budget, and turn every failure into a refused item.
 */
export type ArchiveReader = (name: string, bytes: Uint8Array, budget: ArchiveBudget) => AsyncGenerator<ArchiveItem>;
