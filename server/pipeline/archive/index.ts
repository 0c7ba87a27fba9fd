// Archives: the leaf files of .zip, .tar, .tar.gz/.tgz, .gz and .7z, nested archives expanded,
// hostile ones refused entry by entry. Pure: bytes in, items out, nothing written to disk.
export { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from './archive-limits.ts';
export { isArchiveName } from './archive-path.ts';
export type { ArchiveItem } from './archive.types.ts';
export { expandArchive } from './expand.ts';
