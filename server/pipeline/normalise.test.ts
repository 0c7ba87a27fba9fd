import { describe, expect, it } from 'vitest';
import { fold, joinPersianAffixes, normalise, toOriginalRange } from './normalise.ts';

describe('normalise', () => {
  it.each([
    ['Müller MEETS José', 'muller meets jose'],
    ['“Curly” ‘quotes’ «guillemets»', '"curly" \'quotes\' "guillemets"'],
    ['a \t\n\n  b', 'a b'],
    ['يك كتاب', 'یک کتاب'],
    ['۱۳۹۳/۰۸/۱۲', '1393/08/12'],
    ['می\u200Cشود', 'میشود'],
    ['كِتَاب', 'کتاب'],
    ['İstanbul', 'istanbul'],
  ])('folds %j', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('maps every folded character back to its original offset', () => {
    const original = 'Dr.  MÜLLER met “José”\n\nin Baġdād.';
    const n = normalise(original);
    expect(n.originIndex.length).toBe(n.text.length + 1);
    const at = n.text.indexOf('muller');
    const range = toOriginalRange(n, at, at + 'muller'.length);
    expect(original.slice(range.start, range.end)).toBe('MÜLLER');
    const jose = n.text.indexOf('jose');
    const back = toOriginalRange(n, jose, jose + 4);
    expect(original.slice(back.start, back.end)).toBe('José');
    const baghdad = n.text.indexOf('bagdad');
    const b = toOriginalRange(n, baghdad, baghdad + 6);
    expect(original.slice(b.start, b.end)).toBe('Baġdād');
  });

  it('keeps offsets right across characters outside the Basic Multilingual Plane', () => {
    const original = 'x 😀 Ahmad';
    const n = normalise(original);
    const at = n.text.indexOf('ahmad');
    const r = toOriginalRange(n, at, at + 5);
    expect(original.slice(r.start, r.end)).toBe('Ahmad');
  });

  it('folds without the map exactly as it folds with it', () => {
    for (const text of ['  Plain ASCII\t\ttext  ', 'Mixed Müller\n\n“quote”  ', '\n\nيك', 'a\u000bb\fc', '', ' ']) {
      expect(fold(text)).toBe(normalise(text).text);
    }
  });
});

describe('Persian half-spaces and affixes', () => {
  it.each([
    ['می\u200Cخواهیم', 'می خواهیم', 'میخواهیم'],
    ['نمی\u200Cدانم', 'نمی دانم', 'نمیدانم'],
    ['نسخه\u200Cای', 'نسخه ای', 'نسخهای'],
    ['کتاب\u200Cها', 'کتاب ها', 'کتابها'],
    ['کتاب\u200Cهای', 'کتاب های', 'کتابهای'],
    ['بزرگ\u200Cتر', 'بزرگ تر', 'بزرگتر'],
    ['بزرگ\u200Cترین', 'بزرگ\u00A0ترین', 'بزرگترین'],
    ['مي\u200Cشود', 'مي شود', 'ميشود'],
    ['خانه\u200Cی او', 'خانه ی او', 'خانه او'],
    ['خانۀ او', 'خانه ي او', 'خانه او'],
  ])('folds %j, %j and %j alike', (halfSpace, spaced, joined) => {
    expect(fold(halfSpace)).toBe(fold(joined));
    expect(fold(spaced)).toBe(fold(joined));
  });

  it.each([
    ['او می آید', 'او میاید'],
    ['دو کتاب', 'دو کتاب'],
    ['امی رفت', 'امی رفت'],
    ['کتاب هاشمی', 'کتاب هاشمی'],
    ['تر و تازه', 'تر و تازه'],
    ['the word ها alone', 'the word ها alone'],
  ])('joins only whole affixes beside Persian words: %j', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('maps a word joined across a space back onto both parts of the original', () => {
    const original = 'گفت که می خواهیم برویم';
    const n = normalise(original);
    const at = n.text.indexOf('میخواهیم');
    const range = toOriginalRange(n, at, at + 'میخواهیم'.length);
    expect(original.slice(range.start, range.end)).toBe('می خواهیم');
  });

  it('writes the joining spaces of a query as half-spaces, keeping every position', () => {
    const query = 'سند می خواهیم و کتاب ها';
    const joined = joinPersianAffixes(query);
    expect(joined).toBe('سند می\u200Cخواهیم و کتاب\u200Cها');
    expect(joined.length).toBe(query.length);
    expect(joinPersianAffixes('plain English')).toBe('plain English');
  });
});
