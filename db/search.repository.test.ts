import { describe, expect, it } from 'vitest';
import { sqlCompiler as compiler, squash } from './sql-snapshot.ts';
import { browseSql, matchingDocumentIdsSql, rankedPassagesSql } from './search.repository.ts';

describe('search SQL', () => {
  it('ranks passages straight from the FTS5 index when nothing is filtered', () => {
    const query = rankedPassagesSql('"meeting"', {}, 80).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual(['"meeting"', 80]);
  });

  it('filters ranking through the covering index', () => {
    const query = rankedPassagesSql(
      '"meeting"',
      { kind: ['cable'], origin: ['Basra station'], year: ['2014'], from: '2014-03', to: '2015' },
      80,
    ).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual(['cable', 'Basra station', '2014', 7, '2014-03', 4, '2015', '"meeting"', 80]);
  });

  it('lists distinct matching documents for facet counting', () => {
    expect(squash(matchingDocumentIdsSql('"meeting"', { language: ['fa'] }).compile(compiler).sql)).toMatchSnapshot();
    expect(squash(matchingDocumentIdsSql(null, {}).compile(compiler).sql)).toMatchSnapshot();
  });

  it('browses newest first', () => {
    expect(squash(browseSql({ collection: ['sample'] }, 20, 40).compile(compiler).sql)).toMatchSnapshot();
  });
});
