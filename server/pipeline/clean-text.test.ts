import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text.ts';

describe('cleanText', () => {
  it('strips a leading byte-order mark but keeps a zero-width no-break space elsewhere', () => {
    expect(cleanText('\uFEFFHello\uFEFFworld')).toBe('Hello\uFEFFworld');
  });

  it('turns CRLF, lone CR and Unicode line separators into LF', () => {
    expect(cleanText('a\r\nb\rc\u2028d\u2029e\u0085f')).toBe('a\nb\nc\nd\ne\nf');
  });

  it('removes C0 and C1 controls, including the highlight sentinels, but keeps tab and newline', () => {
    expect(cleanText('x\u0002y\u0003z\u0000\u0007\u001B[0m\u007F\u0080\u009F\tq\nr')).toBe('xyz[0m\tq\nr');
  });

  it('treats form feed and vertical tab as line breaks so words are not glued together', () => {
    expect(cleanText('page one\fpage two\vline')).toBe('page one\npage two\nline');
  });

  it('normalises to NFC', () => {
    const decomposed = 'Cafe\u0301';
    expect(cleanText(decomposed)).toBe('Caf\u00e9');
    expect(cleanText(decomposed)).toHaveLength(4);
  });

  it('trims trailing whitespace on every line but keeps indentation', () => {
    expect(cleanText('first  \t\n    indented\u00a0 \nlast ')).toBe('first\n    indented\nlast');
  });

  it('collapses runs of blank lines into a single blank line', () => {
    expect(cleanText('a\n\n\n\nb\n \n\t\n\nc\n\nd')).toBe('a\n\nb\n\nc\n\nd');
  });

  it('trims the whole text', () => {
    expect(cleanText('\n\n   body text   \n\n\n')).toBe('body text');
  });

  it('keeps bidi override characters, which are part of the evidence', () => {
    expect(cleanText('abc \u202Efed\u202C \u2067x\u2069')).toBe('abc \u202Efed\u202C \u2067x\u2069');
  });

  it('replaces lone surrogates, which cannot be stored as UTF-8', () => {
    expect(cleanText('a\uD800b\uDC00c \uD83D\uDE00')).toBe('a\uFFFDb\uFFFDc \uD83D\uDE00');
  });

  it('returns an empty string for whitespace and control characters only', () => {
    expect(cleanText(' \n\u0001\t\r\n ')).toBe('');
  });

  it('is idempotent', () => {
    const once = cleanText('\uFEFF A\u0301 \r\n\r\n\r\n\u0002B\t \n');
    expect(cleanText(once)).toBe(once);
  });
});
