// Archive formats by name, and entry names made safe to show.

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz' | 'gz' | '7z';

export function archiveFormat(name: string): ArchiveFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar')) return 'tar';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.gz')) return 'gz';
  if (lower.endsWith('.7z')) return '7z';
  return null;
}

export function isArchiveName(name: string): boolean {
  return archiveFormat(name) !== null;
}

/** The file a .gz holds is named after it: 'cable.txt.gz' holds 'cable.txt'. */
export function gunzippedName(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const inner = base.slice(0, -'.gz'.length);
  return inner === '' ? 'unnamed' : inner;
}

/**
 * A '/'-separated path with no empty, '.' or '..' segments, no leading '/' and no drive letter.
 * Nothing is written to disk, but these paths are shown to people and stored as source paths,
 * so 'a/../../etc/passwd' must not pretend to be somewhere it is not.
 */
export function cleanEntryPath(raw: string): string {
  return raw
    .replace(/^[a-zA-Z]:/, '')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .join('/');
}
