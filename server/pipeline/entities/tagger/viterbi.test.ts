import { describe, expect, it } from 'vitest';
import { LABEL_COUNT, labelIndex, labelsToSpans } from './labels.ts';
import { viterbi } from './viterbi.ts';

const L = LABEL_COUNT;

function emissionsFor(rows: Record<string, number>[]): Float64Array {
  const e = new Float64Array(rows.length * L);
  rows.forEach((row, i) => {
    for (const [tag, score] of Object.entries(row)) e[i * L + labelIndex(tag)] = score;
  });
  return e;
}

describe('viterbi', () => {
  it('picks the best well-formed sequence, never O followed by I-', () => {
    // Greedy would say O, I-PER; the lattice forbids that and B-PER, I-PER scores higher.
    const e = emissionsFor([{ O: 1, 'B-PER': 0.8 }, { 'I-PER': 3 }]);
    const out = new Int32Array(2);
    viterbi(e, 2, new Float64Array((L + 1) * L), out);
    expect(Array.from(out)).toEqual([labelIndex('B-PER'), labelIndex('I-PER')]);
  });

  it('uses transition scores', () => {
    const e = emissionsFor([
      { 'B-LOC': 1, 'B-ORG': 1 },
      { 'I-LOC': 1, 'I-ORG': 1 },
    ]);
    const transitions = new Float64Array((L + 1) * L);
    transitions[(labelIndex('B-ORG') + 1) * L + labelIndex('I-ORG')] = 0.5;
    const out = new Int32Array(2);
    viterbi(e, 2, transitions, out);
    expect(labelsToSpans(out)).toEqual([{ start: 0, end: 2, cls: 'ORG' }]);
  });

  it('never starts with an inside label', () => {
    const out = new Int32Array(1);
    viterbi(emissionsFor([{ 'I-PER': 5 }]), 1, new Float64Array((L + 1) * L), out);
    expect(out[0]).not.toBe(labelIndex('I-PER'));
  });
});
