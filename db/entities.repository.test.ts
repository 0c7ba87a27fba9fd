import { describe, expect, it } from 'vitest';
import { ANONYMOUS, OPERATOR, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { coMentionedSql, entityCountSql, entityListSql, entitySummarySql, timelineSql } from './entities.repository.ts';
import { entityMentionCountSql, entityMentionPageSql } from './entity-mentions.repository.ts';
import { canSeeEntity } from './entity-visibility.ts';
import { sqlCompiler as compiler, squash } from './sql-snapshot.ts';

const ALICE: ReadScope = { kind: 'account', accountId: 7 };

describe('entity SQL', () => {
  it('lists entities from the kept counts, filtered by type and type-ahead, in the order of an index', () => {
    const query = entityListSql(ANONYMOUS, { type: 'person', key: 'al am', raw: 'al-Am' }, '-mentions', 20, 40).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    const filter = ['person', 'al am%', '% al am%', 'al-Am%', '% al-Am%'];
    // The filter twice: on the entities read in index order (as far as the page reaches), and on those with hidden mentions.
    expect(query.parameters).toEqual([...filter, 60, ...filter, 20, 40]);
    // Nothing hidden from the operator: no hidden counts to take off, the index order alone.
    expect(squash(entityListSql(OPERATOR, {}, 'name', 20, 0).compile(compiler).sql)).toMatchSnapshot();
    const count = entityCountSql(ALICE, {}).compile(compiler);
    expect(squash(count.sql)).toMatchSnapshot();
    expect(count.parameters.at(-1)).toBe(10_001);
  });

  it('reads one entity from its kept counts and two steps into mention_entity_date_idx, for the entity page', () => {
    const query = entitySummarySql(42, ALICE).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual([...Array(8).fill(7), 42, 7, 42, 7, 7, 7, 7]);
  });

  it('counts the timeline and co-mentions of one entity', () => {
    expect(squash(timelineSql(42, OPERATOR).compile(compiler).sql)).toMatchSnapshot();
    expect(squash(coMentionedSql(42, ANONYMOUS, 20).compile(compiler).sql)).toMatchSnapshot();
  });

  it('pages one entity’s mentions in readable documents', () => {
    const query = entityMentionPageSql(42, ALICE, 'live', 'desc', 20, 40).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    // Each of the two ranges (dated, undated) reads as far as the page reaches.
    expect(query.parameters).toEqual([42, 'suggested', 'confirmed', 7, 7, 7, 7, 60, 42, 'suggested', 'confirmed', 7, 7, 7, 7, 60, 20, 40]);
    expect(squash(entityMentionCountSql(42, ALICE, 'live').compile(compiler).sql)).toMatchSnapshot();
    expect(squash(entityMentionCountSql(42, ANONYMOUS, 'rejected').compile(compiler).sql)).toMatchSnapshot();
  });

  it('decides who may see an entity', () => {
    for (const scope of [OPERATOR, ANONYMOUS, ALICE]) {
      const query = (compiler as unknown as Db).selectFrom('entity as e').select('e.id').where(canSeeEntity(scope)).compile();
      expect(squash(query.sql)).toMatchSnapshot();
    }
  });
});
