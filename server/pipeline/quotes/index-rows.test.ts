import { describe, expect, it } from 'vitest';
import { documentOfRow, neighbourRow, quoteIndexRow } from './index-rows.ts';

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
