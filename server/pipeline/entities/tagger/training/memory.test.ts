import { describe, expect, it } from 'vitest';
import { labelIndex } from '../labels.ts';
import { decodeModel, encodeModel } from '../model-file.ts';
import { emptyResources } from '../resources.ts';
import { buildMemory, jackknifedResources, MEMORY_CLASS_BITS, MEMORY_FOLDS, MEMORY_MOSTLY, withMemory } from './memory.ts';
import { trainPerceptron } from './perceptron.ts';

// Synthetic sentences written for this test.
const sentences = [
  { words: ['Hadi', 'Amiri', 'went', 'to', 'Basra'], tags: ['B-PER', 'I-PER', 'O', 'O', 'B-LOC'] },
  { words: ['basra', 'is', 'warm'], tags: ['O', 'O', 'O'] },
  { words: ['Basra', 'Oil', 'signed'], tags: ['B-ORG', 'I-ORG', 'O'] },
  { words: ['Basra', 'again'], tags: ['B-LOC', 'O'] },
].map((s) => ({ words: s.words, labels: s.tags.map(labelIndex) }));

describe('the training-data memory', () => {
  it('remembers each name’s classes and whether it is mostly a name', () => {
    const memory = buildMemory(sentences);
    expect(memory.get('hadi amiri')).toBe(MEMORY_CLASS_BITS.PER! | MEMORY_MOSTLY);
    // Tagged twice out of four occurrences (one of them inside "Basra Oil").
    expect(memory.get('basra')).toBe(MEMORY_CLASS_BITS.LOC! | MEMORY_MOSTLY);
    expect(memory.get('basra oil')).toBe(MEMORY_CLASS_BITS.ORG! | MEMORY_MOSTLY);
    expect(memory.has('went')).toBe(false);
  });

  it('gives each training sentence the memory of the other folds only', () => {
    const many = Array.from({ length: MEMORY_FOLDS * 2 }, (_, i) => ({ words: [`Name${i}`], labels: [labelIndex('B-PER')] }));
    const resourcesFor = jackknifedResources(emptyResources(), many);
    many.forEach((s, i) => expect(resourcesFor(i).memory!.has(`name${i}`)).toBe(false));
    expect(resourcesFor(0).memory!.has('name1')).toBe(true);
  });

  it('survives the weights file', () => {
    const resources = withMemory(emptyResources(), buildMemory(sentences));
    const model = trainPerceptron(sentences, resources, { epochs: 2, seed: 1, minCount: 1, pruneBelow: 0 });
    const decoded = decodeModel(encodeModel({ language: 'en', model, resources, info: {} }));
    expect(decoded.resources.memory).toEqual(resources.memory);
    expect(decoded.resources.memoryStarts!.get('hadi')).toBe(2);
  });
});
