import { describe, expect, it } from 'vitest';
import { applyDocumentConsistency } from './consistency.ts';
import { labelIndex, LABELS } from './labels.ts';

// Sentences written for these tests; labels stand for what a model might have said.
function labelled(tags: string[]): Int32Array {
  return Int32Array.from(tags.map(labelIndex));
}

function tagsOf(labels: Int32Array): string[] {
  return Array.from(labels, (l) => LABELS[l]!);
}

describe('applyDocumentConsistency', () => {
  it('gives an untagged Persian occurrence of a tagged name, and the surname of a tagged person, their class', () => {
    const words = [
      ['مارک', 'چپمن', 'به', 'نیویورک', 'رفت'],
      ['چپمن', 'در', 'نیویورک', 'ماند'],
    ];
    const labels = [labelled(['B-PER', 'I-PER', 'O', 'B-LOC', 'O']), labelled(['O', 'O', 'O', 'O'])];
    applyDocumentConsistency(words, labels);
    expect(tagsOf(labels[1]!)).toEqual(['B-PER', 'O', 'B-LOC', 'O']);
  });

  it('finds the name in other spellings of the same letters (Arabic yeh and kaf)', () => {
    const words = [
      ['علی', 'به', 'کرمان', 'رفت'],
      ['كرمان', 'را', 'علي', 'دید'],
    ];
    const labels = [labelled(['B-PER', 'O', 'B-LOC', 'O']), labelled(['O', 'O', 'O', 'O'])];
    applyDocumentConsistency(words, labels);
    expect(tagsOf(labels[1]!)).toEqual(['B-LOC', 'O', 'B-PER', 'O']);
  });

  it('leaves ordinary English text as the model tagged it, but fills in ALL-CAPS lines', () => {
    const words = [
      ['Darnell', 'Hurt', 'arrived', '.'],
      ['Hurt', 'left', 'early', '.'],
      ['HURT', 'LEFT', 'EARLY', '.'],
    ];
    const labels = [labelled(['B-PER', 'I-PER', 'O', 'O']), labelled(['O', 'O', 'O', 'O']), labelled(['O', 'O', 'O', 'O'])];
    applyDocumentConsistency(words, labels);
    expect(tagsOf(labels[1]!)).toEqual(['O', 'O', 'O', 'O']);
    expect(tagsOf(labels[2]!)).toEqual(['B-PER', 'O', 'O', 'O']);
  });

  it('does not extend a name into a tagged span nor tag words shorter than three letters alone', () => {
    const words = [
      ['سپاه', 'و', 'ارتش'],
      ['سپاه', 'پاسداران', 'آمد'],
      ['و', 'رفت'],
    ];
    const labels = [labelled(['B-ORG', 'O', 'B-ORG']), labelled(['O', 'B-ORG', 'O']), labelled(['O', 'O'])];
    applyDocumentConsistency(words, labels);
    // "سپاه" is followed by a tagged token that does not continue it (B-), so it may be tagged on its own.
    expect(tagsOf(labels[1]!)).toEqual(['B-ORG', 'B-ORG', 'O']);
    expect(tagsOf(labels[2]!)).toEqual(['O', 'O']);
  });

  it('gives a name tagged with two classes the one it got most often', () => {
    const words = [['تهران'], ['تهران'], ['تهران']];
    const labels = [labelled(['B-LOC']), labelled(['B-LOC']), labelled(['B-ORG'])];
    applyDocumentConsistency(words, labels);
    expect(labels.map((l) => tagsOf(l)[0])).toEqual(['B-LOC', 'B-LOC', 'B-LOC']);
  });
});
