// .zip through yauzl: the central directory is read one entry at a time and each entry is inflated
// as a stream, so a refused entry costs nothing and a lying one stops at the first limit it breaks.
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { type ArchiveBudget, refusal } from './archive-limits.ts';
import { cleanEntryPath } from './archive-path.ts';
import type { ArchiveItem, ArchiveReader } from './archive.types.ts';
import { describe } from './bounded-read.ts';
import { ZipBufferReader } from './zip-buffer-reader.ts';
import { readEntryData } from './zip-entry-data.ts';
import { ZipEntryQueue } from './zip-entry-queue.ts';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const MADE_BY_UNIX = 3;
const LOCAL_HEADER_MIN = 30;
/** Link targets are short paths; anything longer is not read to show it. */
const LINK_TARGET_MAX = 4096;

const METHOD_NAMES: Record<number, string> = {
  1: 'Shrink',
  6: 'Implode',
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
  99: 'AES encryption',
};

export const readZip: ArchiveReader = async function* (_name, bytes, budget) {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(bytes);
  } catch (error) {
    yield { kind: 'refused', path: '', reason: refusal.corrupt(describe(error)) };
    return;
  }
  const entries = new ZipEntryQueue(zip);
  const spans = new SpanSet();
  try {
    for (let index = 0; ; index += 1) {
      const next = await entries.next();
      if (next.kind === 'end') return;
      if (next.kind === 'error') {
        yield { kind: 'refused', path: '', reason: refusal.damagedRest(next.message) };
        return;
      }
      if (!budget.takeEntry()) {
        yield { kind: 'refused', path: '', reason: refusal.entries(budget.limits) };
        return;
      }
      const item = await readEntry({ zip, bytes, budget, spans }, next.entry, index);
      if (item) yield item;
    }
  } finally {
    zip.close();
  }
};

function open(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  const reader = new ZipBufferReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // Names are decoded here (CP437 unless the UTF-8 flag or an Info-ZIP Unicode path says otherwise)
  // rather than by yauzl, which rejects the whole archive over one '../' name; sizes are checked
  // while inflating instead of by yauzl's stream, which would error without saying which limit.
  const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false };
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(reader, bytes.length, options, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

interface ZipContext {
  zip: yauzl.ZipFile;
  bytes: Uint8Array;
  budget: ArchiveBudget;
  spans: SpanSet;
}

async function readEntry(context: ZipContext, entry: yauzl.Entry, index: number): Promise<ArchiveItem | null> {
  const { budget } = context;
  const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
  const mode = (entry.versionMadeBy >> 8 === MADE_BY_UNIX ? entry.externalFileAttributes >>> 16 : 0) & S_IFMT;
  if (raw.endsWith('/') || mode === S_IFDIR) return null;
  const path = cleanEntryPath(raw) || `unnamed entry ${index + 1}`;
  const refuse = (reason: string): ArchiveItem => ({ kind: 'refused', path, reason });

  if (!context.spans.add(entry.relativeOffsetOfLocalHeader, LOCAL_HEADER_MIN + entry.compressedSize)) {
    return refuse(refusal.overlap());
  }
  if (entry.isEncrypted()) return refuse(refusal.encrypted());
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    const method = METHOD_NAMES[entry.compressionMethod] ?? `method ${entry.compressionMethod}`;
    return refuse(refusal.method(method));
  }
  if (mode === S_IFLNK) return refuse(refusal.link(await linkTarget(context, entry)));
  if (entry.uncompressedSize > budget.bytesLeft) return refuse(refusal.total(budget.limits, entry.uncompressedSize));
  if (budget.ratioExceeded(entry.uncompressedSize, entry.compressedSize)) {
    return refuse(refusal.ratio(budget.limits, 'its header says it unpacks to'));
  }
  const read = await readEntryData(context.zip, context.bytes, entry, budget);
  if (!read.ok) return refuse(read.reason);
  if (crc32(read.bytes) >>> 0 !== entry.crc32 >>> 0) return refuse(refusal.corrupt('its checksum does not match'));
  return { kind: 'file', path, bytes: read.bytes };
}

async function linkTarget(context: ZipContext, entry: yauzl.Entry): Promise<string> {
  if (entry.uncompressedSize > LINK_TARGET_MAX || entry.compressedSize > LINK_TARGET_MAX) return '';
  const read = await readEntryData(context.zip, context.bytes, entry, context.budget);
  return read.ok ? Buffer.from(read.bytes).toString('utf8') : '';
}

/**
 * Byte ranges already claimed by entries. Two entries sharing compressed data is how the
 * "better zip bomb" multiplies one deflate stream into thousands of files; real zips never do it.
 * Ranges are kept sorted by start; central directories are nearly always in file order, so the
 * common insertion is an append.
 */
class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  add(start: number, length: number): boolean {
    const end = start + length;
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.starts[middle] ?? 0) < start) low = middle + 1;
      else high = middle;
    }
    const before = this.ends[low - 1];
    const after = this.starts[low];
    if ((before !== undefined && before > start) || (after !== undefined && after < end)) return false;
    this.starts.splice(low, 0, start);
    this.ends.splice(low, 0, end);
    return true;
  }
}
