// .tar, .tar.gz/.tgz and single-file .gz. tar-stream parses tar as a stream; node:zlib inflates
// gzip as a stream. A gzip stream is solid: once it breaks a limit, nothing after can be reached
// without inflating it, so the rest of the archive is refused with the reason.
import { createGunzip, type Gunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { type ArchiveBudget, refusal } from './archive-limits.ts';
import { cleanEntryPath, gunzippedName } from './archive-path.ts';
import type { ArchiveItem, ArchiveReader } from './archive.types.ts';
import { describe, readBounded } from './bounded-read.ts';

type TarEntry = tarStream.Extract extends AsyncIterable<infer E> ? E : never;

/** Why a gzip stream was stopped, for whoever notices the stream breaking. */
interface Stop {
  reason: string | null;
}

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const readTar: ArchiveReader = async function* (_name, bytes, budget) {
  const extract = tarStream.extract();
  extract.end(toBuffer(bytes));
  yield* readEntries(extract, budget, { reason: null }, true);
};

export const readTarGz: ArchiveReader = async function* (_name, bytes, budget) {
  const extract = tarStream.extract();
  const stop: Stop = { reason: null };
  const gunzip = createGunzip();
  let inflated = 0;
  // Every inflated byte counts, tar headers included, and the tar entries are not counted again.
  gunzip.on('data', (chunk: Buffer) => {
    if (stop.reason) return;
    budget.unpacked += chunk.length;
    inflated += chunk.length;
    stop.reason = gzipLimit(budget, gunzip, inflated);
    if (stop.reason) {
      gunzip.destroy();
      extract.destroy(new Error(stop.reason));
    } else if (!extract.write(chunk)) gunzip.pause();
  });
  extract.on('drain', () => gunzip.resume());
  gunzip.on('end', () => extract.end(null));
  gunzip.on('error', (error) => extract.destroy(error));
  extract.on('error', () => gunzip.destroy());
  gunzip.end(toBuffer(bytes));
  try {
    yield* readEntries(extract, budget, stop, false);
  } finally {
    gunzip.destroy();
  }
};

export const readGzip: ArchiveReader = async function* (name, bytes, budget) {
  const path = gunzippedName(name);
  if (!budget.takeEntry()) {
    yield { kind: 'refused', path, reason: refusal.entries(budget.limits) };
    return;
  }
  const gunzip = createGunzip();
  gunzip.end(toBuffer(bytes));
  const read = await readBounded(gunzip, { budget, compressed: () => gunzip.bytesWritten });
  gunzip.destroy();
  yield read.ok ? { kind: 'file', path, bytes: read.bytes } : { kind: 'refused', path, reason: read.reason };
};

function gzipLimit(budget: ArchiveBudget, gunzip: Gunzip, inflated: number): string | null {
  if (budget.unpacked > budget.limits.maxTotalBytes) return refusal.total(budget.limits);
  if (budget.ratioExceeded(inflated, gunzip.bytesWritten)) return refusal.ratio(budget.limits, 'it unpacks to');
  return null;
}

async function* readEntries(
  extract: tarStream.Extract,
  budget: ArchiveBudget,
  stop: Stop,
  countBytes: boolean,
): AsyncGenerator<ArchiveItem> {
  let read = 0;
  try {
    for await (const entry of extract) {
      read += 1;
      if (!budget.takeEntry()) {
        yield { kind: 'refused', path: '', reason: refusal.entries(budget.limits) };
        return;
      }
      const item = await readEntry(entry, budget, countBytes);
      if (stop.reason) {
        yield { kind: 'refused', path: item?.path ?? '', reason: refusal.rest(stop.reason) };
        return;
      }
      if (item) yield item;
    }
  } catch (error) {
    if (stop.reason) yield { kind: 'refused', path: '', reason: refusal.rest(stop.reason) };
    else if (read === 0) yield { kind: 'refused', path: '', reason: refusal.corrupt(describe(error)) };
    else yield { kind: 'refused', path: '', reason: refusal.damagedRest(describe(error)) };
  }
}

async function readEntry(entry: TarEntry, budget: ArchiveBudget, countBytes: boolean): Promise<ArchiveItem | null> {
  const { header } = entry;
  const path = cleanEntryPath(header.name) || 'unnamed entry';
  const type = header.type ?? 'file';
  const skip = (reason: string | null): ArchiveItem | null => {
    entry.resume();
    return reason === null ? null : { kind: 'refused', path, reason };
  };
  if (type === 'directory') return skip(null);
  if (type === 'symlink' || type === 'link') return skip(refusal.link(header.linkname ?? ''));
  if (type !== 'file' && type !== 'contiguous-file') return skip(refusal.notFile(type));
  const size = header.size ?? 0;
  if (size > budget.bytesLeft) return skip(refusal.total(budget.limits, size));
  const read = await readBounded(entry as unknown as AsyncIterable<Uint8Array>, {
    budget,
    compressed: () => size,
    declared: size,
    uncounted: !countBytes,
  });
  return read.ok ? { kind: 'file', path, bytes: read.bytes } : { kind: 'refused', path, reason: read.reason };
}
