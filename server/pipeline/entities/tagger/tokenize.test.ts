import { describe, expect, it } from 'vitest';
import { splitSentences, tokenize } from './tokenize.ts';

const texts = (s: string): string[] => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('splits as the English training data does and keeps exact offsets', () => {
    const text = "Mr. O'Brien didn't meet Bailey-Ross's envoy in the U.S. on 12.5.2014 (see https://example.org/a).";
    const tokens = tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.map((t) => t.text)).toEqual([
      'Mr.',
      "O'Brien",
      'did',
      "n't",
      'meet',
      'Bailey',
      '-',
      'Ross',
      "'s",
      'envoy',
      'in',
      'the',
      'U.S.',
      'on',
      '12.5.2014',
      '(',
      'see',
      'https://example.org/a',
      ')',
      '.',
    ]);
  });

  it('keeps Persian clitics and ZWNJ inside the word and splits Persian punctuation', () => {
    expect(texts('سردار قاسم سلیمانی‌ها در «تهران»، گفت؟')).toEqual([
      'سردار',
      'قاسم',
      'سلیمانی‌ها',
      'در',
      '«',
      'تهران',
      '»',
      '،',
      'گفت',
      '؟',
    ]);
  });

  it('keeps handles, hashtags and e-mail addresses whole', () => {
    expect(texts('@bob_1 #Tehran2014 a.b@example.org')).toEqual(['@bob_1', '#Tehran2014', 'a.b@example.org']);
  });

  it('skips control characters and a trailing ZWNJ without losing offsets', () => {
    const text = 'a\u0000b\u200c c\u0007';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['a', 'b', 'c']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('copes with empty input and surrogate pairs', () => {
    expect(tokenize('')).toEqual([]);
    const text = 'Ali 😀 Reza';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('splitSentences', () => {
  it('breaks after a full stop and at line breaks', () => {
    const text = 'He came. She went\nHEADER LINE';
    const sentences = splitSentences(text, tokenize(text)).map((s) => s.map((t) => t.text).join(' '));
    expect(sentences).toEqual(['He came .', 'She went', 'HEADER LINE']);
  });
});
