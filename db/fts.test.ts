import { describe, expect, it } from 'vitest';
import { parseQuery, QuerySyntaxError } from '../server/pipeline/query-parser.ts';
import { toFtsMatch } from './fts.ts';

const match = (q: string) => toFtsMatch(parseQuery(q));

function syntaxError(q: string): QuerySyntaxError {
  try {
    parseQuery(q);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${q}" to be rejected`);
}

describe('query translator', () => {
  it.each([
    ['militia', '"militia"'],
    ['Militia Commander', '"militia" AND "commander"'],
    ['"prime minister"', '"prime minister"'],
    ['recruit*', '"recruit" *'],
    ['brigade OR militia', '("brigade" OR "militia")'],
    ['funds brigade OR militia', '"funds" AND ("brigade" OR "militia")'],
    ['a OR b OR c', '("a" OR "b" OR "c")'],
    ['meeting -Basra', '("meeting") NOT ("basra")'],
    ['meeting -"prime minister" -x', '("meeting") NOT ("prime minister" OR "x")'],
    ['title:expenses', 'title : "expenses"'],
    ['title:"field report"', 'title : "field report"'],
    ['Müller', '"muller"'],
    ['al-Maliki', '"al maliki"'],
    ['“curly phrase”', '"curly phrase"'],
    ['كتاب يك', '"کتاب" AND "یک"'],
    ['۱۳۹۳', '"1393"'],
    ['meeting AND report', '"meeting" AND "report"'],
  ])('translates %s', (input, expected) => {
    expect(match(input)).toBe(expected);
  });

  it('pulls field filters out of the text query', () => {
    const parsed = parseQuery('kind:cable origin:"Baghdad station" year:2014 money');
    expect(parsed.filters).toEqual({ kind: ['cable'], origin: ['Baghdad station'], year: ['2014'] });
    expect(toFtsMatch(parsed)).toBe('"money"');
  });

  it('treats a filter-only query as browsing', () => {
    expect(match('kind:report')).toBeNull();
    expect(match('')).toBeNull();
    expect(match('   ')).toBeNull();
  });

  it.each([
    // FTS5 syntax typed by a user is data, not syntax.
    ['NEAR(a b)', '"near a" AND "b"'],
    ['a:b', null],
    ['col:x', null],
    ['^start', '"start"'],
    ['{title}: x', '"title" AND "x"'],
    ['"a" "b"', '"a" AND "b"'],
    ['"; DROP TABLE passage; --', null],
    ['\u0000\u0002evil\u0003', '"evil"'],
    ["o'brien", '"o brien"'],
    ['+++ --- ***', null],
  ])('neutralises hostile input %j', (input, expected) => {
    if (expected === null) {
      expect(() => match(input)).toThrow(QuerySyntaxError);
    } else {
      expect(match(input)).toBe(expected);
    }
  });

  it.each([
    ['"unclosed phrase', 'The query has an unclosed quote at position 1.', 0],
    ['word "unclosed', 'The query has an unclosed quote at position 6.', 5],
    ['OR militia', 'OR at position 1 must stand between two words or phrases.', 0],
    ['militia OR', 'OR at position 9 must stand between two words or phrases.', 8],
    ['-militia', 'A query cannot only exclude: add at least one word to search for.', 0],
    [
      'colour:red',
      'Unknown field "colour" at position 1. Use one of: title, kind, origin, language, collection, author, classification, ref, year, from, to, entity.',
      0,
    ],
    ['kind:memo', 'kind must be one of cable, report, document (position 1).', 0],
    ['year:14', 'year needs four digits, like year:2014 (position 1).', 0],
    ['*', 'A * at position 1 must follow a letter or digit.', 0],
    ['ab*cd', 'A * can only end a word (position 1).', 0],
    ['-kind:cable x', 'Filters cannot be negated (position 1): use -word to exclude words.', 0],
  ])('rejects %j with a message that says where', (input, message, position) => {
    const error = syntaxError(input);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
  });

  it('rejects overlong queries', () => {
    expect(syntaxError('a '.repeat(600)).message).toMatch(/too long/);
    expect(syntaxError('w '.repeat(65)).message).toMatch(/too many terms/);
  });
});
