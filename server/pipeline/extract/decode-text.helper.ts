// Turns the bytes of a text-format file into a string in whatever encoding it was saved in, or
// explains why they are not text. Order: byte-order mark, UTF-16 by its NUL pattern, strict UTF-8
// (the common case, and the only work a UTF-8 file pays for), UTF-8 with a few damaged bytes,
// then a detector for the legacy code pages leaks are full of (Windows-1252, -1256, KOI8-R …).
import iconv from 'iconv-lite';
import { detectLegacyEncoding, resolveEncoding } from './detect-encoding.helper.ts';
import type { ResolvedEncoding } from './detect-encoding.helper.ts';
import { extractError } from './extract-error.ts';

export interface DecodedText {
  text: string;
  /** Lower-case WHATWG-style label of the encoding the text was read with: 'utf-8', 'utf-16le', 'windows-1256' … */
  encoding: string;
  /** How many U+FFFD replacement characters stand where bytes could not be decoded. */
  replaced: number;
}

const BOMS: ReadonlyArray<readonly [encoding: string, bom: readonly number[]]> = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  for (const [encoding, bom] of BOMS) {
    if (bom.every((byte, index) => bytes[index] === byte)) return { encoding, length: bom.length };
  }
  return null;
}

function binaryError(offset: number): Error {
  return extractError(
    'extract.binary',
    `The file contains binary data (a NUL byte at offset ${offset}), not text; check that its extension matches its contents.`,
  );
}

/** Rejects bytes that cannot be text in any encoding we accept. */
export function assertNotBinary(bytes: Uint8Array): void {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw binaryError(nul);
}

// UTF-16 without a byte-order mark: every ASCII character (spaces, digits, line breaks, Latin
// letters) has a zero high byte, so NULs pile up on one side of each byte pair. The other side is
// zero only for a few characters (U+0100, U+0600, U+3000, U+4E00 …). Persian or Russian text is
// about one character in six ASCII (its spaces), so one pair in twenty is a safe floor, and ten
// to one a safe lopsidedness; binary data that happens to pass is caught by its control codes.
const UTF16_SAMPLE_BYTES = 64 * 1024;
const UTF16_MIN_NUL_SHARE = 0.05;
const UTF16_MIN_LOPSIDEDNESS = 10;

function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(bytes.length, UTF16_SAMPLE_BYTES) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) even += 1;
    if (bytes[i + 1] === 0) odd += 1;
  }
  const floor = (end / 2) * UTF16_MIN_NUL_SHARE;
  if (odd >= floor && odd > 0 && even * UTF16_MIN_LOPSIDEDNESS <= odd) return 'utf-16le';
  if (even >= floor && even > 0 && odd * UTF16_MIN_LOPSIDEDNESS <= even) return 'utf-16be';
  return null;
}

// Control characters other than tab, line breaks, form feed and escape do not occur in text; a
// "UTF-16" decoding with more than one in a hundred of them was a binary file after all.
function looksLikeControlNoise(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1b) controls += 1;
  }
  return controls > text.length / 100;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', skip: number): DecodedText | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.length - skip), encoding);
  if (looksLikeControlNoise(text)) return null;
  return { text, encoding, replaced: countReplacements(text) };
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) count += 1;
  return count;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: false });

function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

// A few damaged bytes in a UTF-8 file (a truncated copy, one pasted sentence from another
// program) must not cost the rest of it. Text in a single-byte code page almost never forms a
// well-formed multi-byte sequence by chance: on paragraph-length Windows-1252, ISO-8859-2,
// Windows-1256 and KOI8-R samples there were at most 4 such sequences per 100 ill-formed ones.
// So when at least as many sequences are well-formed as ill-formed, the file is UTF-8 with damage,
// by a margin of more than twenty to one; a file with no well-formed sequence at all (ASCII and a
// stray 0xE9) goes to the detector, where "café" in Windows-1252 is the likely reading.
const UTF8_VERDICT_WINDOW = 64 * 1024;

function isMostlyUtf8({ wellFormed, illFormed }: Utf8Scan): boolean {
  return wellFormed > 0 && illFormed <= wellFormed;
}

function lenientUtf8Text(bytes: Uint8Array, scan: Utf8Scan): DecodedText {
  return { text: lenientUtf8.decode(bytes), encoding: 'utf-8', replaced: scan.illFormed };
}

function decodeLegacy(bytes: Uint8Array, codec: string, encoding: string): DecodedText {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec);
  return { text, encoding, replaced: countReplacements(text) };
}

export interface DecodeOptions {
  /** An encoding the file declares for itself (an HTML `<meta charset>`), tried before detection. */
  declared?: string;
}

/** The text of `bytes` in the encoding they were written in. Throws ExtractError for binary data. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom?.encoding === 'utf-8') {
    // The mark says UTF-8 in so many words: damaged bytes are replaced, however many.
    const body = bytes.subarray(bom.length);
    const strict = tryStrictUtf8(body);
    return strict === null ? lenientUtf8Text(body, scanUtf8(body)) : { text: strict, encoding: 'utf-8', replaced: 0 };
  }
  if (bom !== null) {
    const decoded = decodeUtf16(bytes, bom.encoding as 'utf-16le' | 'utf-16be', bom.length);
    if (decoded !== null) return decoded;
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const utf16 = sniffUtf16(bytes);
    const decoded = utf16 === null ? null : decodeUtf16(bytes, utf16, 0);
    if (decoded === null) throw binaryError(nul);
    return decoded;
  }
  return decodeByteText(bytes, options);
}

function decodeByteText(bytes: Uint8Array, options: DecodeOptions): DecodedText {
  const strict = tryStrictUtf8(bytes);
  const declared = options.declared === undefined ? null : legacyCodec(options.declared);
  // A declaration is trusted over a guess, but not over bytes that are valid UTF-8 with non-ASCII
  // text in them: that does not happen by chance in a legacy code page, and pages saved from a
  // browser keep their old <meta charset> after being re-encoded as UTF-8.
  if (strict !== null && (declared === null || hasNonAscii(bytes))) return { text: strict, encoding: 'utf-8', replaced: 0 };
  if (declared !== null) return decodeLegacy(bytes, declared.codec, declared.encoding);
  // A window decides most files at once: a code page shows itself within a few kilobytes of the
  // first bad byte, and only a file that still looks like UTF-8 up to there is counted whole.
  const first = firstInvalidUtf8Offset(bytes);
  if (!isMostlyUtf8(scanUtf8(bytes.subarray(0, first + UTF8_VERDICT_WINDOW)))) return fromDetector(bytes, first);
  const scan = scanUtf8(bytes);
  return isMostlyUtf8(scan) ? lenientUtf8Text(bytes, scan) : fromDetector(bytes, first);
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

function fromDetector(bytes: Uint8Array, firstInvalid: number): DecodedText {
  const detected = detectLegacyEncoding(bytes, firstInvalid);
  if (detected === null) {
    throw extractError(
      'extract.binary',
      'The file does not read as text in any encoding Trove knows (it looks like binary data); check that its extension matches its contents.',
    );
  }
  return decodeLegacy(bytes, detected.codec, detected.encoding);
}

/** The codec for a declared label, or null when it names UTF-8, UTF-16 or nothing iconv-lite decodes. */
function legacyCodec(label: string): ResolvedEncoding | null {
  const resolved = resolveEncoding(label);
  // A byte-oriented declaration cannot be right about UTF-16 (the HTML standard reads it as UTF-8).
  return resolved === null || resolved.encoding.startsWith('utf-') ? null : resolved;
}

export interface Utf8Scan {
  /** Well-formed sequences of two to four bytes. */
  wellFormed: number;
  /** Ill-formed subsequences, each of which a decoder replaces with one U+FFFD. */
  illFormed: number;
}

// [continuation bytes, lowest allowed first continuation, highest allowed first continuation]
// per the UTF-8 well-formedness table (Unicode 15, table 3-7). The narrower first ranges reject
// overlong forms, surrogates and code points above U+10FFFF, exactly as TextDecoder does.
type Shape = readonly [number, number, number];

const ASCII: Shape = [0, 0, 0];
const TWO: Shape = [1, 0x80, 0xbf];
const THREE_E0: Shape = [2, 0xa0, 0xbf];
const THREE_ED: Shape = [2, 0x80, 0x9f];
const THREE: Shape = [2, 0x80, 0xbf];
const FOUR_F0: Shape = [3, 0x90, 0xbf];
const FOUR: Shape = [3, 0x80, 0xbf];
const FOUR_F4: Shape = [3, 0x80, 0x8f];

function sequenceShape(lead: number): Shape | null {
  if (lead < 0x80) return ASCII;
  if (lead >= 0xc2 && lead <= 0xdf) return TWO;
  if (lead === 0xe0) return THREE_E0;
  if (lead === 0xed) return THREE_ED;
  if (lead >= 0xe1 && lead <= 0xef) return THREE;
  if (lead === 0xf0) return FOUR_F0;
  if (lead >= 0xf1 && lead <= 0xf3) return FOUR;
  if (lead === 0xf4) return FOUR_F4;
  return null;
}

/** Bytes of the well-formed sequence starting at `i`, or minus the length of the ill-formed subpart there. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const shape = sequenceShape(bytes[i] ?? 0);
  if (shape === null) return -1;
  const [count, low, high] = shape;
  for (let k = 1; k <= count; k += 1) {
    const next = bytes[i + k];
    const min = k === 1 ? low : 0x80;
    const max = k === 1 ? high : 0xbf;
    // The "maximal subpart" rule of the WHATWG decoder: the lead and the continuations that fit
    // so far become one U+FFFD, and decoding resumes at the byte that did not fit.
    if (next === undefined || next < min || next > max) return -k;
  }
  return count + 1;
}

/** Counts of well- and ill-formed sequences, with the same replacement count as TextDecoder. */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let wellFormed = 0;
  let illFormed = 0;
  let i = 0;
  while (i < bytes.length) {
    if ((bytes[i] ?? 0) < 0x80) {
      i += 1;
      continue;
    }
    const length = sequenceAt(bytes, i);
    if (length > 0) wellFormed += 1;
    else illFormed += 1;
    i += Math.abs(length);
  }
  return { wellFormed, illFormed };
}

/** Byte offset where the first ill-formed sequence starts, or -1 if the bytes are valid UTF-8. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = (bytes[i] ?? 0) < 0x80 ? 1 : sequenceAt(bytes, i);
    if (length < 0) return i;
    i += length;
  }
  return -1;
}

/** What a document's metadata says about its encoding: always the label, the replacements when there were any. */
export function encodingMetadata(decoded: DecodedText): { encoding: string; replacement_characters?: number } {
  return decoded.replaced > 0 ? { encoding: decoded.encoding, replacement_characters: decoded.replaced } : { encoding: decoded.encoding };
}
