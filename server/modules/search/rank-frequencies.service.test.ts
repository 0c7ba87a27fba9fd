import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { VocabularyRepository } from '../../../db/vocabulary.repository.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { parseQuery } from '../../pipeline/query-parser.ts';
import { RankFrequencies, UNKNOWN_FREQUENCY } from './rank-frequencies.service.ts';

// Synthetic passages, written for this test.
const CABLES = [
  { ref: 'F-1', body: 'The report on the courier.' },
  { ref: 'F-2', body: 'Reports of a courier at the border.' },
  { ref: 'F-3', body: 'The border post reported nothing.' },
];

let db: TroveDatabase;
let frequencies: RankFrequencies;
beforeEach(async () => {
  db = await openDatabase(':memory:');
  await addDocuments(db, CABLES);
  new VocabularyRepository(db).refresh();
  frequencies = new RankFrequencies(new VocabularyRepository(db));
});
afterEach(async () => db.close());

const of = (q: string) => frequencies.of(parseQuery(q));

describe('RankFrequencies', () => {
  it('gives each phrase its passage count, in the order FTS5 numbers them, excluded terms last', () => {
    expect(of('courier border')).toEqual([2, 2]);
    expect(of('-nothing the OR courier')).toEqual([3, 2, 1]);
  });

  it('counts a prefix as the sum over its words, and a phrase as its rarest word', () => {
    expect(of('report*')).toEqual([3]);
    expect(of('"the border post"')).toEqual([1]);
  });

  it('leaves words the vocabulary has not seen to be counted by the ranking function', async () => {
    await addDocuments(db, [{ ref: 'F-4', body: 'A new word: exfiltration.' }]);
    expect(of('exfiltration courier')).toEqual([UNKNOWN_FREQUENCY, 2]);
    expect(of('zzz*')).toEqual([UNKNOWN_FREQUENCY]);
    expect(of('"courier exfiltration"')).toEqual([UNKNOWN_FREQUENCY]);
  });
});
