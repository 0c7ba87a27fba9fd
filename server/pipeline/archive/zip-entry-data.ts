// The bytes of one zip entry. Small entries (most of a leak: letters, cables, memos) are inflated
// in one synchronous call capped at their declared size; large ones as a stream checked on every
// chunk. Either way nothing is inflated past what the header declares and the limits allow.
import type { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import type yauzl from 'yauzl';
import { type ArchiveBudget, RATIO_GRACE_BYTES, refusal } from './archive-limits.ts';
import { type BoundedRead, describe, readBounded } from './bounded-read.ts';

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const STORED = 0;

export async function readEntryData(
  zip: yauzl.ZipFile,
  bytes: Uint8Array,
  entry: yauzl.Entry,
  budget: ArchiveBudget,
): Promise<BoundedRead> {
  // At or under the ratio's grace, a declared size needs no ratio check: the output is capped at it.
  if (entry.uncompressedSize <= RATIO_GRACE_BYTES) return readSmall(bytes, entry, budget);
  let stream: Readable;
  try {
    stream = await new Promise<Readable>((resolve, reject) => {
      zip.openReadStream(entry, (error, opened) => (error ? reject(error) : resolve(opened)));
    });
  } catch (error) {
    return { ok: false, reason: refusal.corrupt(describe(error)) };
  }
  const read = await readBounded(stream, {
    budget,
    compressed: () => entry.compressedSize,
    declared: entry.uncompressedSize,
  });
  stream.destroy();
  return read;
}

function readSmall(bytes: Uint8Array, entry: yauzl.Entry, budget: ArchiveBudget): BoundedRead {
  const declared = entry.uncompressedSize;
  const start = dataStart(bytes, entry.relativeOffsetOfLocalHeader);
  if (start === null) return { ok: false, reason: refusal.corrupt('its local header is missing') };
  const end = start + entry.compressedSize;
  if (end > bytes.length) return { ok: false, reason: refusal.corrupt('its data runs past the end of the archive') };
  const raw = bytes.subarray(start, end);
  let out: Uint8Array;
  try {
    out = entry.compressionMethod === STORED ? raw.slice() : inflateRawSync(raw, { maxOutputLength: declared + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      budget.unpacked += declared + 1;
      return { ok: false, reason: refusal.corrupt(`it unpacks to more than the ${declared} bytes its header declares`) };
    }
    return { ok: false, reason: refusal.corrupt(describe(error)) };
  }
  budget.unpacked += out.length;
  if (out.length !== declared) {
    return { ok: false, reason: refusal.corrupt(`${out.length} bytes where the header declares ${declared}`) };
  }
  return { ok: true, bytes: out };
}

function dataStart(bytes: Uint8Array, offset: number): number | null {
  if (offset + LOCAL_HEADER_SIZE > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, LOCAL_HEADER_SIZE);
  if (view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE) return null;
  return offset + LOCAL_HEADER_SIZE + view.getUint16(26, true) + view.getUint16(28, true);
}
