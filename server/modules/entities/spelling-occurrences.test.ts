import { describe, expect, it } from 'vitest';
import { aliasKey } from '../../pipeline/entities/alias-key.ts';
import { excerptAround } from './excerpt.ts';
import { findSpelling } from './spelling-occurrences.ts';

const found = (text: string, spelling: string) => findSpelling(text, aliasKey(spelling)).map((o) => text.slice(o.start, o.end));

describe('findSpelling', () => {
  it('finds whole words whatever their case, accents and the punctuation between them', () => {
    const text = 'Hadi al-Amiri met HADI AL AMIRI and Hādī al‑Amīrī, not Hadi al-Amiriyah.';
    expect(found(text, 'Hadi al-Amiri')).toEqual(['Hadi al-Amiri', 'HADI AL AMIRI', 'Hādī al‑Amīrī']);
  });

  it('finds Persian and Arabic letter variants and keeps UTF-16 offsets exact', () => {
    const text = '😀 دیدار با هادی العامری و هادي العامري.';
    expect(found(text, 'هادی العامری')).toEqual(['هادی العامری', 'هادي العامري']);
  });

  it('finds nothing for a spelling without words', () => {
    expect(findSpelling('some text', '')).toEqual([]);
  });
});

describe('excerptAround', () => {
  it('cuts at spaces and says where the span is', () => {
    const text = `${'word '.repeat(100)}TARGET ${'more '.repeat(100)}`;
    const start = text.indexOf('TARGET');
    const excerpt = excerptAround(text, start, start + 6);
    expect(excerpt.text.length).toBeLessThanOrEqual(240);
    expect(excerpt.text.slice(excerpt.start, excerpt.end)).toBe('TARGET');
    expect(excerpt.text.startsWith('word')).toBe(true);
  });

  it('keeps short texts whole', () => {
    expect(excerptAround('a b c', 2, 3)).toEqual({ text: 'a b c', start: 2, end: 3 });
  });
});
