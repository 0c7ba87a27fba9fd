// Limits against hostile archives, and the sentences that refuse an entry for each of them.
// One ArchiveBudget is shared by an archive and everything nested inside it, so a zip of zips
// cannot multiply its allowance by nesting.

export interface ArchiveLimits {
  /** Bytes unpacked from one top-level archive, nested archives and their contents included. */
  maxTotalBytes: number;
  /** Entries read from one top-level archive, nested archives' entries included. */
  maxEntries: number;
  /** The outer archive is depth 1; an archive inside it depth 2, and so on. */
  maxDepth: number;
  /** Unpacked size over compressed size, per entry (per stream for gzip). */
  maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = Object.freeze({
  maxTotalBytes: 4 * 1024 ** 3,
  maxEntries: 100_000,
  maxDepth: 5,
  maxRatio: 200,
});

/** The environment variables the command line reads the limits from (wired by the import layer). */
export const ARCHIVE_LIMIT_ENV = Object.freeze({
  maxTotalBytes: 'TROVE_MAX_ARCHIVE_MB',
  maxEntries: 'TROVE_MAX_ARCHIVE_ENTRIES',
  maxDepth: 'TROVE_MAX_ARCHIVE_DEPTH',
  maxRatio: 'TROVE_MAX_ARCHIVE_RATIO',
});

/** Below this many unpacked bytes the ratio is not checked: a small run of blank lines or zeros
 *  compresses a thousandfold and is harmless; the total and entry limits bound the rest. */
export const RATIO_GRACE_BYTES = 1024 * 1024;

export class ArchiveBudget {
  unpacked = 0;
  entries = 0;

  constructor(readonly limits: ArchiveLimits) {}

  get bytesLeft(): number {
    return Math.max(0, this.limits.maxTotalBytes - this.unpacked);
  }

  /** Counts one entry; false once the entry limit is reached (the entry is then not read). */
  takeEntry(): boolean {
    if (this.entries >= this.limits.maxEntries) return false;
    this.entries += 1;
    return true;
  }

  /** Whether `unpacked` bytes out of `compressed` break the ratio limit. */
  ratioExceeded(unpacked: number, compressed: number): boolean {
    return unpacked > RATIO_GRACE_BYTES && unpacked > this.limits.maxRatio * Math.max(compressed, 1);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const raise = (env: string): string => `Raise ${env} if you trust this archive.`;

export const refusal = {
  total(limits: ArchiveLimits, entrySize?: number): string {
    const size = entrySize === undefined ? '' : ` (${formatBytes(entrySize)})`;
    return (
      `Not unpacked: it${size} would take this archive past ${formatBytes(limits.maxTotalBytes)} unpacked, ` +
      `the limit for one archive with everything nested in it. ${raise(ARCHIVE_LIMIT_ENV.maxTotalBytes)}`
    );
  },
  entries(limits: ArchiveLimits): string {
    return (
      `The rest of this archive was not read: it has more than ${limits.maxEntries} entries ` +
      `(nested archives included), the limit for one archive. ${raise(ARCHIVE_LIMIT_ENV.maxEntries)}`
    );
  },
  depth(limits: ArchiveLimits): string {
    return `Not unpacked: this archive is nested more than ${limits.maxDepth} archives deep. ` + raise(ARCHIVE_LIMIT_ENV.maxDepth);
  },
  ratio(limits: ArchiveLimits, what: string): string {
    return (
      `Not unpacked: ${what} more than ${limits.maxRatio} times its compressed size, the mark of a ` +
      `decompression bomb. ${raise(ARCHIVE_LIMIT_ENV.maxRatio)}`
    );
  },
  encrypted(what: 'entry' | 'archive' = 'entry'): string {
    return `Not unpacked: this ${what} is encrypted. Decrypt the archive and import it again.`;
  },
  link(target: string): string {
    const to = target ? ` to "${target}"` : '';
    return `Not imported: this entry is a link${to}, and links inside archives are not followed. Import the file it points to instead.`;
  },
  notFile(type: string): string {
    return `Not imported: this entry is a ${type.replace(/-/g, ' ')}, not a file.`;
  },
  /** The same reason for an entry that stops a solid stream: nothing after it can be reached. */
  rest(reason: string): string {
    return reason.replace(/^Not unpacked: /, 'Not unpacked, nor anything after it in this archive: ');
  },
  unavailable(detail: string): string {
    return `Not unpacked: the 7-Zip reader could not start (${detail}). Reinstall Trove's dependencies with npm ci.`;
  },
  method(method: string): string {
    return `Not unpacked: it is compressed with ${method}, which Trove cannot read. Re-create the archive with ordinary (deflate) compression.`;
  },
  overlap(): string {
    return 'Not unpacked: its data overlaps another entry, the mark of a zip bomb. Re-create the archive from the original files.';
  },
  damagedRest(detail: string): string {
    return `The rest of this archive was not read: it is damaged from here on (${detail}). Check the file or re-create the archive.`;
  },
  corrupt(detail: string): string {
    return `Not unpacked: the data is damaged or not in the format its name says (${detail}). Check the file or re-create the archive.`;
  },
};
