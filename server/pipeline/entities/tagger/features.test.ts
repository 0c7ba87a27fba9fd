import { describe, expect, it } from 'vitest';
import { FeatureExtractor } from './features.ts';
import { buildGazetteerStarts, GAZ_COUNTRY, packLexicon, CAP_ALWAYS, type TaggerResources } from './resources.ts';

function resources(): TaggerResources {
  const gazetteer = new Map([['united kingdom', GAZ_COUNTRY]]);
  return {
    lexicon: new Map([['smith', packLexicon(3, 1, CAP_ALWAYS)]]),
    gazetteer,
    gazetteerStarts: buildGazetteerStarts(gazetteer),
    titles: new Set(['colonel']),
    extendedFeatures: true,
  };
}

const featureSet = (keys: Uint32Array, offsets: Int32Array, i: number): Set<number> => new Set(keys.subarray(offsets[i]!, offsets[i + 1]!));

describe('FeatureExtractor', () => {
  it('is deterministic and gives every token its own feature run', () => {
    const a = new FeatureExtractor(resources()).extract(['Colonel', 'Smith', 'left']);
    const b = new FeatureExtractor(resources()).extract(['Colonel', 'Smith', 'left']);
    expect(a.offsets.length).toBe(4);
    expect(Array.from(a.keys.subarray(0, a.offsets[3]))).toEqual(Array.from(b.keys.subarray(0, b.offsets[3])));
    for (let i = 0; i < 3; i++) expect(a.offsets[i + 1]! - a.offsets[i]!).toBeGreaterThan(30);
  });

  it('describes a word the same in an ALL-CAPS line whatever its case', () => {
    const extractor = new FeatureExtractor(resources());
    const upper = extractor.extract(['COLONEL', 'SMITH', 'LEFT', 'TODAY']);
    const title = extractor.extract(['COLONEL', 'Smith', 'LEFT', 'TODAY']);
    // "Smith" in a line that is mostly capitals is read as a caps-line word: same word and shape features.
    const shared = [...featureSet(upper.keys, upper.offsets, 1)].filter((k) => featureSet(title.keys, title.offsets, 1).has(k));
    expect(shared.length).toBeGreaterThan(25);
  });

  it('marks gazetteer phrases, the neighbour of a title and cluster ids', () => {
    const extractor = new FeatureExtractor(resources());
    const inPhrase = extractor.extract(['the', 'United', 'Kingdom']);
    const outside = extractor.extract(['the', 'United', 'Kingdoms']);
    expect(featureSet(inPhrase.keys, inPhrase.offsets, 1)).not.toEqual(featureSet(outside.keys, outside.offsets, 1));
    const afterTitle = extractor.extract(['Colonel', 'Smith']);
    const afterOther = extractor.extract(['Kernel', 'Smith']);
    const diff = [...featureSet(afterTitle.keys, afterTitle.offsets, 1)].filter(
      (k) => !featureSet(afterOther.keys, afterOther.offsets, 1).has(k),
    );
    expect(diff.length).toBeGreaterThan(0);
  });

  it('marks the features that name the word itself, and only those', () => {
    const { keys, offsets, lexical } = new FeatureExtractor(resources()).extract(['Colonel', 'Smith', 'left']);
    const marked = Array.from(lexical.subarray(offsets[1]!, offsets[2]!));
    expect(marked.filter((m) => m === 1).length).toBeGreaterThan(4);
    expect(marked.filter((m) => m === 0).length).toBeGreaterThan(15);
    expect(lexical.length).toBeGreaterThanOrEqual(keys.length);
  });

  it('hashes a 1 MB token without trouble', () => {
    const { offsets } = new FeatureExtractor(resources()).extract(['x'.repeat(1 << 20)]);
    expect(offsets[1]).toBeGreaterThan(0);
  });
});

describe('FeatureExtractor.score', () => {
  it('gives the same label scores as summing the weights of extract()', async () => {
    const { trainPerceptron } = await import('./training/perceptron.ts');
    const { labelIndex } = await import('./labels.ts');
    // Synthetic sentences written for this test.
    const sentences = [
      ['Colonel', 'Smith', 'flew', 'to', 'the', 'United', 'Kingdom', '.'],
      ['AMBASSADOR', 'JONES', 'MET', 'THE', 'MINISTER', '.'],
      ['Smith', 'and', 'Jones', 'left', 'Kingdom', 'Hall'],
    ];
    const labelled = sentences.map((words) => ({ words, labels: words.map((w) => labelIndex(/^[A-Z]/.test(w) ? 'B-PER' : 'O')) }));
    const r = resources();
    const model = trainPerceptron(labelled, r, { epochs: 3, seed: 3, minCount: 1, pruneBelow: 0 });
    const extractor = new FeatureExtractor(r);
    for (const words of [...sentences, ['Smith'], ['United', 'Kingdom', 'Smith', 'Colonel']]) {
      const fast = new Float64Array(words.length * 9);
      extractor.score(words, model, fast);
      const { keys, offsets } = extractor.extract(words);
      const slow = new Float64Array(words.length * 9);
      model.emissions(keys, offsets, words.length, slow);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 4);
    }
  });
});

describe('Persian morphology features', () => {
  function persian(): TaggerResources {
    const gazetteer = new Map([
      ['جمهوری اسلامی ایران', GAZ_COUNTRY],
      ['ایران', GAZ_COUNTRY],
    ]);
    return {
      lexicon: new Map([['تهران', packLexicon(5, 2, 0)]]),
      gazetteer,
      gazetteerStarts: buildGazetteerStarts(gazetteer),
      titles: new Set(['سردار']),
      extendedFeatures: true,
      morphology: true,
    };
  }

  it('describes a word with and without its zero-width non-joiner alike', () => {
    const extractor = new FeatureExtractor(persian());
    const joined = featureSet(...keysOf(extractor.extract(['تهرانیها'])), 0);
    const apart = featureSet(...keysOf(extractor.extract(['تهرانی\u200cها'])), 0);
    expect([...joined].filter((k) => apart.has(k)).length).toBeGreaterThan(5);
  });

  it('scores a sentence as summing the weights of extract() (phrases, stems, the article)', async () => {
    const { trainPerceptron } = await import('./training/perceptron.ts');
    const { labelIndex } = await import('./labels.ts');
    // Synthetic sentences written for this test.
    const sentences = [
      ['سردار', 'سلیمانی', 'در', 'تهران\u200cهای', 'جمهوری', 'اسلامی', 'ایران'],
      ['العامری', 'به', 'ایران', 'رفت'],
    ];
    const labelled = sentences.map((words) => ({ words, labels: words.map((_, i) => labelIndex(i % 2 ? 'B-PER' : 'O')) }));
    const r = persian();
    const model = trainPerceptron(labelled, r, { epochs: 3, seed: 3, minCount: 1, pruneBelow: 0 });
    const extractor = new FeatureExtractor(r);
    for (const words of [...sentences, ['ایران'], ['جمهوری', 'اسلامی']]) {
      const fast = new Float64Array(words.length * 9);
      extractor.score(words, model, fast);
      const { keys, offsets } = extractor.extract(words);
      const slow = new Float64Array(words.length * 9);
      model.emissions(keys, offsets, words.length, slow);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 4);
    }
  });
});

function keysOf(x: { keys: Uint32Array; offsets: Int32Array }): [Uint32Array, Int32Array] {
  return [x.keys, x.offsets];
}
