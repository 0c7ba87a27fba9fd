// OOXML and OpenDocument files are zip packages. Only the parts a reader asks for are unpacked,
// each into a buffer of the size the zip's directory declares: fflate never grows that buffer, so
// a part that lies about its size comes out truncated (and fails to parse) rather than exhausting
// memory, and the sum of the declared sizes caps what one file can unpack.
import { unzipSync } from 'fflate';
import { extractError } from '../extract-error.ts';
import { malformedOffice } from './office-error.helper.ts';

export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export type ZipParts = Map<string, Uint8Array>;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
  );
}

function tooLarge(what: string, limit: number): Error {
  const mb = Math.round(limit / (1024 * 1024));
  return extractError(
    'extract.too_large',
    `The ${what} would unpack to more than ${mb} MB of text and markup, which looks like a zip bomb; Trove did not unpack it.`,
  );
}

/** The parts whose names `wanted` accepts, unpacked; throws ExtractError for a damaged zip or one past `limit`. */
export function readZipParts(bytes: Uint8Array, what: string, wanted: (name: string) => boolean, limit = MAX_UNPACKED_BYTES): ZipParts {
  if (!isZip(bytes)) throw malformedOffice(what, 'it is not a zip package');
  let total = 0;
  let overLimit = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (overLimit || !wanted(file.name)) return false;
        total += file.originalSize;
        overLimit = total > limit;
        return !overLimit;
      },
    });
  } catch (error) {
    if (overLimit) throw tooLarge(what, limit);
    throw malformedOffice(what, error instanceof Error ? error.message : String(error));
  }
  if (overLimit) throw tooLarge(what, limit);
  return new Map(Object.entries(files));
}

/** The names in a zip's directory, nothing unpacked. */
export function zipEntryNames(bytes: Uint8Array, what: string): string[] {
  const names: string[] = [];
  readZipParts(bytes, what, (name) => {
    names.push(name);
    return false;
  });
  return names;
}
