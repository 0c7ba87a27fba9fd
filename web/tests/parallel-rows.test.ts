import { describe, expect, it } from 'vitest';
import type { AlignmentResponse, Passage } from '../src/lib/api/types.ts';
import { parallelRows } from '../src/lib/parallel-rows.ts';

const passage = (id: number, ordinal: number): Passage => ({ id, ordinal, start: 0, end: 1, text: `p${id}` });
const alignment = (pairs: AlignmentResponse['pairs']) => ({ pairs }) as AlignmentResponse;

describe('parallelRows', () => {
  const persian = [passage(1, 1), passage(2, 2), passage(3, 3)];
  const english = [passage(11, 1), passage(12, 2), passage(13, 3)];
  const pairs = [
    { original: [1], translation: [11, 12] },
    { original: [3], translation: [13] },
  ];

  it('puts the document being read first, from either side of the pair', () => {
    const fromOriginal = parallelRows(alignment(pairs), persian, english, true);
    expect(fromOriginal.map((r) => [r.primary.map((p) => p.id), r.other.map((p) => p.id)])).toEqual([
      [[1], [11, 12]],
      [[2], []],
      [[3], [13]],
    ]);
    const fromTranslation = parallelRows(alignment(pairs), english, persian, false);
    expect(fromTranslation.map((r) => [r.primary.map((p) => p.id), r.other.map((p) => p.id)])).toEqual([
      [[11, 12], [1]],
      [[13], [3]],
    ]);
  });

  it('skips pairs whose passages no longer exist', () => {
    expect(parallelRows(alignment([{ original: [99], translation: [98] }]), persian.slice(0, 1), [], true).map((r) => r.key)).toEqual([
      'only-1',
    ]);
  });
});
