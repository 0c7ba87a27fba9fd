import { describe, expect, it } from 'vitest';
import { ANONYMOUS, OPERATOR, type ReadScope } from './access.ts';
import { sqlCompiler as compiler, squash } from './sql-snapshot.ts';
import { browseSql, matchingDocumentIdsSql, rankedPassagesSql } from './search.repository.ts';

const ALICE: ReadScope = { kind: 'account', accountId: 7 };

describe('search SQL', () => {
  it('ranks passages straight from the FTS5 index when nothing is filtered and everything is readable', () => {
    const query = rankedPassagesSql('"meeting"', {}, OPERATOR, 80).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual(['"meeting"', 80]);
  });

  it('checks each hit only when some document is out of reach', () => {
    const query = rankedPassagesSql('"meeting"', {}, ALICE, 80).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual(['"meeting"', 7, 7, 80]);
  });

  it('filters ranking through the covering index', () => {
    const query = rankedPassagesSql(
      '"meeting"',
      { kind: ['cable'], origin: ['Basra station'], year: ['2014'], from: '2014-03', to: '2015' },
      ANONYMOUS,
      80,
    ).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual(['cable', 'Basra station', '2014', 7, '2014-03', 4, '2015', '"meeting"', 80]);
  });

  it('lists distinct matching documents for facet counting', () => {
    expect(squash(matchingDocumentIdsSql('"meeting"', { language: ['fa'] }, ALICE).compile(compiler).sql)).toMatchSnapshot();
    expect(squash(matchingDocumentIdsSql(null, {}, ANONYMOUS).compile(compiler).sql)).toMatchSnapshot();
  });

  it('browses newest first', () => {
    expect(squash(browseSql({ collection: ['sample'] }, ANONYMOUS, 20, 40).compile(compiler).sql)).toMatchSnapshot();
  });
});
