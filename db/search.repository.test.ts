import { describe, expect, it } from 'vitest';
import { ANONYMOUS, OPERATOR, type ReadScope } from './access.ts';
import { sqlCompiler as compiler, squash } from './sql-snapshot.ts';
import { entitiesByKeySql, entitiesByNameSql, mentionsInPassagesSql, spellingsSql } from './search-entities.repository.ts';
import { browseSql, matchingIdsSql, rankedPassagesSql } from './search.repository.ts';

const ALICE: ReadScope = { kind: 'account', accountId: 7 };

describe('search SQL', () => {
  it('ranks passages straight from the FTS5 index when nothing is filtered and everything is readable', () => {
    const query = rankedPassagesSql('"meeting"', {}, OPERATOR, 80).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual(['"meeting"', 80]);
  });

  it('with a ranking limit, ranks only the first matches in rowid order, which FTS5 stops at, and counts them', () => {
    const query = rankedPassagesSql('"meeting"', {}, ALICE, 80, 20_000).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(squash(query.sql)).toContain('order by f.rowid limit ?');
    expect(query.parameters.slice(-2)).toEqual([20_000, 80]);
  });

  it('checks each hit only when some document is out of reach', () => {
    const query = rankedPassagesSql('"meeting"', {}, ALICE, 80).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    // The account id twice for the counterparts the reader may see, then the match, the hidden-document check (with its two bounds) and the limit.
    expect(query.parameters).toEqual([7, 7, '"meeting"', 7, 7, 7, 7, 80]);
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

  it('lists matching passages (or, browsing, documents) for facet counting', () => {
    expect(squash(matchingIdsSql('"meeting"', { language: ['fa'] }, ALICE).compile(compiler).sql)).toMatchSnapshot();
    expect(squash(matchingIdsSql(null, {}, ANONYMOUS).compile(compiler).sql)).toMatchSnapshot();
  });

  it('keeps to passages that mention the entity: filter entities, each filter in its own condition', () => {
    const query = rankedPassagesSql('"meeting"', { entities: [[3, 4], [9]] }, OPERATOR, 80).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual(['"meeting"', 3, 4, 9, 80]);
    const filtered = matchingIdsSql('"meeting"', { kind: ['cable'], entities: [[3]] }, ANONYMOUS).compile(compiler);
    expect(squash(filtered.sql)).toMatchSnapshot();
  });

  it('browses and counts the documents that mention the entity: filter entities', () => {
    const browse = browseSql({ entities: [[3]] }, ALICE, 20, 0).compile(compiler);
    expect(squash(browse.sql)).toMatchSnapshot();
    expect(browse.parameters).toEqual([7, 7, 7, 3, 20, 0]);
    expect(squash(matchingIdsSql(null, { entities: [[3], [5, 6]] }, OPERATOR).compile(compiler).sql)).toMatchSnapshot();
  });

  it('browses newest first', () => {
    expect(squash(browseSql({ collection: ['sample'] }, ANONYMOUS, 20, 40).compile(compiler).sql)).toMatchSnapshot();
  });
});

describe('entity lookup SQL for search', () => {
  it('finds visible entities by alias key, through the key index, for each kind of reader', () => {
    for (const scope of [OPERATOR, ANONYMOUS, ALICE]) {
      expect(squash(entitiesByKeySql(['hadi al amiri'], scope).compile(compiler).sql)).toMatchSnapshot();
    }
  });

  it('finds visible entities by canonical name and lists visible spellings', () => {
    expect(squash(entitiesByNameSql(['Hadi al-Amiri'], ALICE).compile(compiler).sql)).toMatchSnapshot();
    expect(squash(spellingsSql([3, 4], ANONYMOUS).compile(compiler).sql)).toMatchSnapshot();
  });

  it('finds the passages of a page of documents that mention the entities', () => {
    const query = mentionsInPassagesSql([10, 11], [3]).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual([3, 10, 11]);
  });
});
