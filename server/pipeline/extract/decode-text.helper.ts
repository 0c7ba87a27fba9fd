// Turns the bytes of a text-format file into a string, or explains why they are not text.
import { extractError } from './extract-error.ts';

/** Rejects bytes that cannot be text in any encoding we accept. */
export function assertNotBinary(bytes: Uint8Array): void {
  const nul = bytes.indexOf(0);
  if (nul === -1) return;
  throw extractError(
    'extract.binary',
    `The file contains binary data (a NUL byte at offset ${nul}), not text; check that its extension matches its contents.`,
  );
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  const [first, second] = bytes;
  return (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff);
}

/** Strict UTF-8 decoding; a leading BOM is dropped. */
export function decodeUtf8Text(bytes: Uint8Array): string {
  // Checked before the NUL test because UTF-16 text is full of NULs, and "binary" would mislead.
  if (hasUtf16Bom(bytes)) {
    throw extractError('extract.invalid_utf8', 'The file is encoded as UTF-16, not UTF-8; save it again as UTF-8 and re-import it.');
  }
  assertNotBinary(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidUtf8Error(bytes);
  }
}

function invalidUtf8Error(bytes: Uint8Array): Error {
  const offset = firstInvalidUtf8Offset(bytes);
  if (offset === -1) {
    return extractError('extract.invalid_utf8', 'The file is not valid UTF-8; save it again as UTF-8 and re-import it.');
  }
  const line = countLines(bytes, offset);
  return extractError(
    'extract.invalid_utf8',
    `The file is not valid UTF-8: the first invalid byte sequence starts at byte offset ${offset} (line ${line}); save it again as UTF-8 and re-import it.`,
  );
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

// [continuation bytes, lowest allowed first continuation, highest allowed first continuation]
// per the UTF-8 well-formedness table (Unicode 15, table 3-7). The narrower first ranges reject
// overlong forms, surrogates and code points above U+10FFFF, exactly as TextDecoder does.
type Shape = readonly [number, number, number];

function sequenceShape(lead: number): Shape | null {
  if (lead < 0x80) return [0, 0, 0];
  if (lead >= 0xc2 && lead <= 0xdf) return [1, 0x80, 0xbf];
  if (lead === 0xe0) return [2, 0xa0, 0xbf];
  if (lead === 0xed) return [2, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [2, 0x80, 0xbf];
  if (lead === 0xf0) return [3, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [3, 0x80, 0xbf];
  if (lead === 0xf4) return [3, 0x80, 0x8f];
  return null;
}

/** Byte offset where the first ill-formed sequence starts, or -1 if the bytes are valid UTF-8. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const shape = sequenceShape(bytes[i] ?? 0);
    if (shape === null) return i;
    const [count, low, high] = shape;
    for (let k = 1; k <= count; k += 1) {
      const next = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next === undefined || next < min || next > max) return i;
    }
    i += count + 1;
  }
  return -1;
}
