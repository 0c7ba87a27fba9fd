// Reads a decompressing stream into memory while enforcing the limits on every chunk, so a
// header that lies about sizes never decides how much is inflated.
import { type ArchiveBudget, refusal } from './archive-limits.ts';

export interface BoundedReadOptions {
  budget: ArchiveBudget;
  /** Compressed bytes behind the output so far, for the ratio check. */
  compressed: () => number;
  /** Size the archive declares, when it declares one: output past it is refused as damaged. */
  declared?: number;
  /** The bytes were already counted upstream (tar entries inside a counted gzip stream). */
  uncounted?: boolean;
}

/** Declared sizes up to this are allocated up front; past it the output is gathered as it comes,
 *  so a header's claim never reserves memory that the data does not fill. */
const PREALLOCATE_MAX = 16 * 1024 * 1024;

export type BoundedRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export async function readBounded(stream: AsyncIterable<Uint8Array>, options: BoundedReadOptions): Promise<BoundedRead> {
  const { budget, declared } = options;
  const preallocated = declared !== undefined && declared <= PREALLOCATE_MAX ? new Uint8Array(declared) : null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      // Counted before it is kept or refused: the work was done either way.
      if (!options.uncounted) budget.unpacked += chunk.length;
      const next = length + chunk.length;
      const reason = limitReason(options, next);
      if (reason) return { ok: false, reason };
      if (preallocated) preallocated.set(chunk, length);
      else chunks.push(chunk);
      length = next;
    }
  } catch (error) {
    return { ok: false, reason: refusal.corrupt(describe(error)) };
  }
  if (declared !== undefined && length !== declared) {
    return { ok: false, reason: refusal.corrupt(`${length} bytes where the header declares ${declared}`) };
  }
  return { ok: true, bytes: preallocated ?? concat(chunks, length) };
}

function limitReason(options: BoundedReadOptions, length: number): string | null {
  const { budget, declared } = options;
  if (declared !== undefined && length > declared) {
    return refusal.corrupt(`it unpacks to more than the ${declared} bytes its header declares`);
  }
  if (!options.uncounted && budget.unpacked > budget.limits.maxTotalBytes) {
    return refusal.total(budget.limits);
  }
  if (budget.ratioExceeded(length, options.compressed())) {
    return refusal.ratio(budget.limits, 'it unpacks to');
  }
  return null;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 200) || 'unknown error';
}
