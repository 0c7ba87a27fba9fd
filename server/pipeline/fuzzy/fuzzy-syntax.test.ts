import { describe, expect, it } from 'vitest';
import { parseQuery, QuerySyntaxError } from '../query-parser.ts';
import { expandQuery, fuzzyTermsOf } from './expand-query.ts';

describe('word~N in the query language', () => {
  it('marks a word fuzzy with its edits, folded as exact words are', () => {
    const q = parseQuery('OSWALD~1 -Müller~2 title:كنسولگري~1 embassy');
    expect(fuzzyTermsOf(q).map((t) => [t.tokens, t.fuzzy, t.titleOnly])).toEqual([
      [['oswald'], 1, false],
      [['muller'], 2, false],
      [['کنسولگری'], 1, true],
    ]);
    expect(q.include.flat().find((t) => t.tokens[0] === 'embassy')?.fuzzy).toBeUndefined();
  });

  it('keeps ~ inside quotes as text, and a word without ~ exact', () => {
    expect(parseQuery('"oswald~1"').include[0]![0]).toMatchObject({ tokens: ['oswald', '1'], quoted: true });
    expect(parseQuery('oswald').include[0]![0]!.fuzzy).toBeUndefined();
  });

  it.each([
    ['~', 'A ~ must follow a word, like oswald~1 (position 1).'],
    ['~9', 'A ~ must follow a word, like oswald~1 (position 1).'],
    ['oswald ~2', 'A ~ must follow a word, like oswald~1 (position 8).'],
    ['oswald~9', '~ allows 1 or 2 differences, not 9 (position 1): try oswald~1 or oswald~2.'],
    ['oswald~10', '~ allows 1 or 2 differences, not 10 (position 1): try oswald~1 or oswald~2.'],
    ['oswald~0', '~ allows 1 or 2 differences, not 0 (position 1): try oswald~1 or oswald~2.'],
    ['oswald~', 'Say how many letters may differ after ~, like oswald~1 or oswald~2 (position 1).'],
    ['a~1', 'a~1 is too short for ~1: a fuzzy word needs at least 4 letters or digits (position 1).'],
    ['oswal~2', 'oswal~2 is too short for ~2: a fuzzy word needs at least 6 letters or digits (position 1).'],
    ['cable "lee oswald"~1', '~ works on single words, not on "phrases" (position 19): remove the quotes or the ~.'],
    ['osw*~1', 'A word cannot be both a prefix* and fuzzy~ (position 1): use one or the other.'],
    ['al-amiri~1', '~ works on one word at a time, and al-amiri~1 reads as 2 words (position 1): search the words apart.'],
    ['aaaa~1 bbbb~1 cccc~1 dddd~1 eeee~1', 'The query has too many fuzzy~ words: use at most 4.'],
  ])('refuses %s', (input, message) => {
    expect(() => parseQuery(input)).toThrow(QuerySyntaxError);
    expect(() => parseQuery(input)).toThrow(message);
  });
});

describe('expandQuery', () => {
  it('puts each expansion beside its word: in its OR group, or among the excluded', () => {
    const q = parseQuery('cable oswald~1 OR ruby -smith~1');
    const [oswald, smith] = fuzzyTermsOf(q);
    const expanded = expandQuery(
      q,
      new Map([
        [oswald!, ['oswaid', '0swald']],
        [smith!, ['smlth']],
      ]),
    );
    expect(expanded.include.map((g) => g.map((t) => t.tokens[0]))).toEqual([['cable'], ['oswald', 'oswaid', '0swald', 'ruby']]);
    expect(expanded.exclude.map((t) => t.tokens[0])).toEqual(['smith', 'smlth']);
    expect(fuzzyTermsOf(expanded)).toEqual([]);
  });
});
