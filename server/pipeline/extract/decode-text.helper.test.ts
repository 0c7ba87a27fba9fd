import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ENCODED_SAMPLES, encodedPath, sampleText } from '../../../fixtures/formats/encodings/make-encodings.ts';
import { decodeText, firstInvalidUtf8Offset, scanUtf8 } from './decode-text.helper.ts';
import { canonicalEncoding } from './detect-encoding.helper.ts';
import type { ExtractError } from './extract-error.ts';

// A fixed linear congruential sequence keeps the random tests deterministic.
function randomBytes(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) % 256;
}

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['valid ASCII and multibyte text', [0x61, 0xc3, 0xa9, 0xe2, 0x80, 0x94, 0xf0, 0x9f, 0x98, 0x80], -1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['a lead byte followed by ASCII', [0x61, 0x62, 0xc3, 0x28], 2],
    ['a truncated sequence at the end', [0x61, 0xe2, 0x80], 1],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['an encoded surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a byte that never occurs in UTF-8', [0x61, 0xff], 1],
  ])('finds %s', (_name, input, offset) => {
    expect(firstInvalidUtf8Offset(Uint8Array.from(input))).toBe(offset);
  });

  it('agrees with TextDecoder on random input', () => {
    const next = randomBytes(12345);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let round = 0; round < 2000; round += 1) {
      const input = Uint8Array.from({ length: 1 + (round % 12) }, () => (round % 3 === 0 ? next() % 128 : next()));
      let valid = true;
      try {
        decoder.decode(input);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Offset(input) === -1).toBe(valid);
    }
  });
});

describe('scanUtf8', () => {
  it('counts one replacement wherever TextDecoder puts one U+FFFD', () => {
    const next = randomBytes(777);
    const decoder = new TextDecoder('utf-8');
    for (let round = 0; round < 2000; round += 1) {
      const input = Uint8Array.from({ length: 1 + (round % 16) }, next);
      const decoded = decoder.decode(input);
      // An encoded U+FFFD in the input is text, not a replacement; random bytes almost never hold one.
      if (Buffer.from(input).includes(Buffer.from([0xef, 0xbf, 0xbd]))) continue;
      expect(scanUtf8(input).illFormed).toBe(decoded.split('\ufffd').length - 1);
    }
  });

  it('counts well-formed multi-byte sequences', () => {
    expect(scanUtf8(new TextEncoder().encode('a é — 😀'))).toEqual({ wellFormed: 3, illFormed: 0 });
  });
});

describe('decodeText', () => {
  const persian = sampleText('persian-cable');

  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Tehran — تهران'))).toEqual({ text: 'Tehran — تهران', encoding: 'utf-8', replaced: 0 });
  });

  it('drops a UTF-8 byte-order mark', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('گزارش')]);
    expect(decodeText(bytes)).toEqual({ text: 'گزارش', encoding: 'utf-8', replaced: 0 });
  });

  it.each(['utf-16le', 'utf-16be'])('reads %s by its byte-order mark', (encoding) => {
    const bytes = iconv.encode(persian, encoding, { addBOM: true });
    expect(decodeText(bytes)).toEqual({ text: persian, encoding, replaced: 0 });
  });

  it.each([
    ['utf-16le', 'english-cable'],
    ['utf-16be', 'russian-report'],
    ['utf-16le', 'persian-cable'],
  ])('recognises %s without a byte-order mark by where its NULs fall (%s)', (encoding, name) => {
    const text = sampleText(name);
    expect(decodeText(iconv.encode(text, encoding))).toEqual({ text, encoding, replaced: 0 });
  });

  // ISO-8859-1 text reads identically as Windows-1252 (they differ only in 0x80–0x9F, which
  // Latin-1 text never uses), and the HTML standard names it so: one label, the same characters.
  const expected: Record<string, string> = { 'iso-8859-1': 'windows-1252' };

  it.each(ENCODED_SAMPLES)('detects %s in %s and reads it back exactly', (name, encoding) => {
    const bytes = readFileSync(encodedPath(name, encoding));
    expect(bytes).toEqual(iconv.encode(sampleText(name), encoding));
    expect(decodeText(bytes)).toEqual({ text: sampleText(name), encoding: expected[encoding] ?? encoding, replaced: 0 });
  });

  // Single-byte code pages are told apart by letter statistics, which need some text: from 160
  // bytes on (two lines of a cable) every excerpt of every sample must read back exactly.
  it.each(ENCODED_SAMPLES)('reads 160-byte excerpts of %s in %s exactly', (name, encoding) => {
    const bytes = readFileSync(encodedPath(name, encoding));
    for (let start = 0; start + 160 <= bytes.length; start += 97) {
      const excerpt = bytes.subarray(start, start + 160);
      if (excerpt.every((byte) => byte < 0x80)) continue;
      expect(decodeText(excerpt).text).toBe(iconv.decode(excerpt, encoding));
    }
  });

  it('reads a short Windows-1252 phrase as Latin text, not Greek', () => {
    expect(decodeText(iconv.encode('café crème', 'windows-1252'))).toEqual({ text: 'café crème', encoding: 'windows-1252', replaced: 0 });
  });

  it('reads French whose only accents are "à" as Latin, where the detector alone guesses Cyrillic', () => {
    // Windows-1251 has "а" where Windows-1252 has "à", so the guess "Cyrillic" leaves three
    // one-letter Cyrillic words in a Latin sentence, which the tie-breaker counts against it.
    const text = "ents maritimes s'attendent à un retour à la normale avant la fin novembre, à con";
    const decoded = decodeText(iconv.encode(text, 'windows-1252'));
    expect(decoded.text).toBe(text);
    // ISO-8859-15 and Windows-1252 agree on every byte of this sentence; either is right.
    expect(decoded.encoding).toMatch(/^(?:windows-1252|iso-8859-15)$/);
  });

  it('reads an ASCII file with one stray Windows-1252 byte as Windows-1252', () => {
    const bytes = iconv.encode(`${'Port officials met on Monday. '.repeat(40)}The café was closed.`, 'windows-1252');
    expect(decodeText(bytes)).toMatchObject({
      encoding: 'windows-1252',
      replaced: 0,
      text: expect.stringContaining('The café was closed.'),
    });
  });

  it('keeps mostly-valid UTF-8 as UTF-8, with U+FFFD for each damaged sequence and their count', () => {
    const [head, middle, tail] = [persian.slice(0, 50), persian.slice(50, 200), persian.slice(200)];
    const utf8 = (text: string) => Buffer.from(text, 'utf8');
    // A stray 0xFF, a lead byte without its continuation, and a three-byte sequence cut short at the end.
    const damaged = Buffer.concat([
      utf8(head),
      Buffer.from([0xff]),
      utf8(middle),
      Buffer.from([0xd8]),
      utf8(tail),
      Buffer.from([0xe2, 0x80]),
    ]);
    expect(decodeText(damaged)).toEqual({ text: `${head}\ufffd${middle}\ufffd${tail}\ufffd`, encoding: 'utf-8', replaced: 3 });
  });

  it('refuses NUL bytes that do not have the shape of UTF-16 as binary', () => {
    const next = randomBytes(99);
    const bytes = Uint8Array.from({ length: 4096 }, next);
    bytes[10] = 0;
    expect(() => decodeText(bytes)).toThrow(
      expect.objectContaining({ code: 'extract.binary', message: expect.stringContaining('NUL byte') }) as ExtractError,
    );
  });

  it('refuses random bytes without NULs as binary, in a sentence', () => {
    const next = randomBytes(5);
    const bytes = Uint8Array.from({ length: 4096 }, () => 1 + (next() % 255));
    expect(() => decodeText(bytes)).toThrow(
      expect.objectContaining({ code: 'extract.binary', message: expect.stringMatching(/^The file .*\.$/) }) as ExtractError,
    );
  });

  it('uses a declared encoding, unless the bytes are UTF-8 with non-ASCII text', () => {
    const arabic = sampleText('arabic-report');
    expect(decodeText(iconv.encode(arabic, 'iso-8859-6'), { declared: 'ISO-8859-6' }).encoding).toBe('iso-8859-6');
    expect(decodeText(iconv.encode(arabic, 'windows-1256'), { declared: 'cp1256' }).encoding).toBe('windows-1256');
    expect(decodeText(new TextEncoder().encode(arabic), { declared: 'windows-1256' })).toEqual({
      text: arabic,
      encoding: 'utf-8',
      replaced: 0,
    });
    expect(decodeText(new TextEncoder().encode('plain'), { declared: 'no-such-encoding' }).encoding).toBe('utf-8');
  });
});

describe('canonicalEncoding', () => {
  it.each([
    ['Windows-1256', 'windows-1256'],
    ['cp1251', 'windows-1251'],
    ['iso8859-15', 'iso-8859-15'],
    ['ISO_8859-6', 'iso-8859-6'],
    ['KOI8-R', 'koi8-r'],
    ['latin1', 'windows-1252'],
    ['MacCyrillic', 'x-mac-cyrillic'],
    ['UTF-16-LE', 'utf-16le'],
  ])('spells %s as %s', (name, label) => {
    expect(canonicalEncoding(name)).toBe(label);
  });
});
