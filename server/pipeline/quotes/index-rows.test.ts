import { describe, expect, it } from 'vitest';
import { documentOfRow, documentRows, neighbourRow, quoteIndexRow, shingleRows } from './index-rows.ts';
import { shingles } from './shingles.ts';

describe('quote index rows', () => {
  it('number a document’s passages one after the other, 64 to a document', () => {
    expect([0, 1, 2].map((place) => quoteIndexRow(5, place, 3))).toEqual([320, 321, 322]);
    expect(quoteIndexRow(5, 63, 64)).toBe(383);
    expect(quoteIndexRow(6, 0, 1)).toBe(384);
    expect([320, 383, 384].map(documentOfRow)).toEqual([5, 5, 6]);
  });

  it('give a longer document two, four… passages to a row, so it keeps within its 64', () => {
    expect([0, 1, 2, 3, 127].map((place) => quoteIndexRow(5, place, 128))).toEqual([320, 320, 321, 321, 383]);
    expect(quoteIndexRow(5, 128, 129)).toBe(320 + 32);
    const rows = new Set(Array.from({ length: 5000 }, (_, place) => quoteIndexRow(5, place, 5000)));
    expect(rows.size).toBeLessThanOrEqual(64);
    expect([...rows].every((row) => documentOfRow(row) === 5)).toBe(true);
  });

  it('have neighbours only in their own document', () => {
    expect(neighbourRow(321, -1)).toBe(320);
    expect(neighbourRow(320, -1)).toBeNull();
    expect(neighbourRow(383, 1)).toBeNull();
    expect(neighbourRow(383, 0)).toBe(383);
  });
});

describe('a document’s quote index rows', () => {
  it('are one range of rowids, next to the next document’s', () => {
    expect(documentRows(5)).toEqual([320, 383]);
    expect(documentRows(6)[0]).toBe(documentRows(5)[1] + 1);
  });

  it('hold each passage’s shingles, and in a long document every shingle of the passages sharing a row once', () => {
    const short = shingleRows(5, ['harbour tanker cargo', '', 'harbour tanker']);
    expect([...short.keys()]).toEqual([320, 322]);
    expect([...short.get(322)!]).toEqual(shingles('harbour tanker'));
    const texts = Array.from({ length: 130 }, (_, k) => (k % 2 ? 'harbour tanker' : `courier ${k} paid`));
    const long = shingleRows(5, texts);
    expect(long.size).toBe(33);
    // 130 passages: four to a row (two would need 65 rows), the last two on their own.
    const first = [...long.get(320)!].sort();
    expect(first).toEqual([...new Set(texts.slice(0, 4).flatMap((t) => shingles(t)))].sort());
    expect([...long.keys()].every((row) => row >= documentRows(5)[0] && row <= documentRows(5)[1])).toBe(true);
  });
});
