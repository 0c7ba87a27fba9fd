import { describe, expect, it } from 'vitest';
import { fold, normalise, toOriginalRange } from './normalise.ts';

describe('normalise', () => {
  it.each([
    ['Müller MEETS José', 'muller meets jose'],
    ['“Curly” ‘quotes’ «guillemets»', '"curly" \'quotes\' "guillemets"'],
    ['a \t\n\n  b', 'a b'],
    ['يك كتاب', 'یک کتاب'],
    ['۱۳۹۳/۰۸/۱۲', '1393/08/12'],
    ['می\u200Cشود', 'می شود'],
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
