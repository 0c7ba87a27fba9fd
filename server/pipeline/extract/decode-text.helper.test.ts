import { describe, expect, it } from 'vitest';
import { decodeUtf8Text, firstInvalidUtf8Offset } from './decode-text.helper.ts';

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
    // A fixed linear congruential sequence keeps the test deterministic.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
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

describe('decodeUtf8Text', () => {
  it('decodes valid UTF-8', () => {
    expect(decodeUtf8Text(new TextEncoder().encode('Tehran — تهران'))).toBe('Tehran — تهران');
  });

  it('names the offset and line of the first invalid sequence', () => {
    const input = Uint8Array.from([0x6f, 0x6b, 0x0a, 0x61, 0xc3, 0x28]);
    expect(() => decodeUtf8Text(input)).toThrow('starts at byte offset 4 (line 2)');
  });
});
