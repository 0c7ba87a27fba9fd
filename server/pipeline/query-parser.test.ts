import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, parseQuery, QuerySyntaxError } from './query-parser.ts';

function rejection(q: string): { message: string; position: number } {
  try {
    parseQuery(q);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { message: error.message, position: error.position };
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(q)} to be rejected`);
}

describe('the entity: filter', () => {
  it.each([
    ['entity:"Hadi al-Amiri"', ['Hadi al-Amiri'], []],
    ['entity:Amiri', ['Amiri'], []],
    ['entity:“هادی العامری”', ['هادی العامری'], []],
    ['Entity:"Blue Lantern" courier', ['Blue Lantern'], ['courier']],
    ['courier entity:"Blue Lantern" entity:"source 126674"', ['Blue Lantern', 'source 126674'], ['courier']],
    ['entity:"  padded  "', ['padded'], []],
  ])('reads %j as the names it filters by, apart from the words', (input, names, words) => {
    const parsed = parseQuery(input);
    expect(parsed.filters.entity).toEqual(names);
    expect(parsed.include.flat().flatMap((t) => t.tokens)).toEqual(words);
  });

  it('is only a filter: it adds no words to the full-text match', () => {
    expect(parseQuery('entity:"Hadi al-Amiri"').include).toEqual([]);
  });

  it.each([
    ['entity:"Hadi', 'The query has an unclosed quote at position 8.', 7],
    ['meeting entity:"', 'The query has an unclosed quote at position 16.', 15],
    ['entity:"..."', 'entity: needs a name with letters or digits, like entity:"Hadi al-Amiri" (position 1).', 0],
    ['entity:""', 'The filter entity: at position 1 has no value.', 0],
    ['-entity:"Hadi al-Amiri" x', 'Filters cannot be negated (position 1): use -word to exclude words.', 0],
  ])('rejects %j with a message that says where', (input, message, position) => {
    expect(rejection(input)).toEqual({ message, position });
  });

  it('needs its value right after the colon, as every field does: otherwise the words are searched', () => {
    const parsed = parseQuery('entity: "Hadi"');
    expect(parsed.filters).toEqual({});
    expect(parsed.include.flat().flatMap((t) => t.tokens)).toEqual(['entity', 'hadi']);
  });

  it('limits how many entity: filters one query may have', () => {
    const eight = Array.from({ length: 8 }, (_, i) => `entity:e${i}`).join(' ');
    expect(parseQuery(eight).filters.entity).toHaveLength(8);
    expect(rejection(`${eight} entity:e8`).message).toBe('The query has too many entity: filters: use at most 8.');
  });

  it('keeps a huge or hostile value as data', () => {
    const huge = 'x'.repeat(MAX_QUERY_LENGTH - 'entity:""'.length);
    expect(parseQuery(`entity:"${huge}"`).filters.entity).toEqual([huge]);
    expect(rejection(`entity:"${huge}x"`).message).toMatch(/too long/);
    const hostile = `entity:"'); drop table entity; -- \u0000 NEAR(a b) *"`;
    expect(parseQuery(hostile).filters.entity).toEqual(["'); drop table entity; -- \u0000 NEAR(a b) *"]);
  });
});

describe('where terms are written', () => {
  it('keeps each term’s place in the query, quotes included, for rewriting', () => {
    const input = 'courier "Hadi al-Amiri" OR Ameri -x title:y';
    const parsed = parseQuery(input);
    const written = parsed.include.flat().map((t) => [input.slice(t.start, t.end), t.quoted]);
    expect(written).toEqual([
      ['courier', false],
      ['"Hadi al-Amiri"', true],
      ['Ameri', false],
      ['title:y', false],
    ]);
  });
});
