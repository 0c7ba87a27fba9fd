import { describe, expect, it } from 'vitest';
import { ANONYMOUS, OPERATOR, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { coMentionedSql, entityCountSql, entityListSql, entitySummarySql, timelineSql } from './entities.repository.ts';
import { entityMentionCountSql, entityMentionPageSql } from './entity-mentions.repository.ts';
import { canSeeEntity } from './entity-visibility.ts';
import { sqlCompiler as compiler, squash } from './sql-snapshot.ts';

const ALICE: ReadScope = { kind: 'account', accountId: 7 };

describe('entity SQL', () => {
  it('lists entities with counts over readable documents, filtered by type and type-ahead', () => {
    const query = entityListSql(ANONYMOUS, { type: 'person', key: 'al am', raw: 'al-Am' }, '-mentions', 20, 40).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    const filter = ['person', 'al am%', '% al am%', 'al-Am%', '% al-Am%'];
    // The filter twice: once to choose whose mentions to count, once on the entities themselves.
    expect(query.parameters).toEqual([...filter, ...filter, 20, 40]);
    expect(squash(entityCountSql(ALICE, {}).compile(compiler).sql)).toMatchSnapshot();
  });

  it('counts one entity through mention_entity_idx, for the entity page', () => {
    const query = entitySummarySql(42, ALICE).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual([42, 7, 42, 7, 7]);
  });

  it('counts the timeline and co-mentions of one entity', () => {
    expect(squash(timelineSql(42, OPERATOR).compile(compiler).sql)).toMatchSnapshot();
    expect(squash(coMentionedSql(42, ANONYMOUS, 20).compile(compiler).sql)).toMatchSnapshot();
  });

  it('pages one entity’s mentions in readable documents', () => {
    const query = entityMentionPageSql(42, ALICE, 'live', 'desc', 20, 40).compile(compiler);
    expect(squash(query.sql)).toMatchSnapshot();
    expect(query.parameters).toEqual([42, 'suggested', 'confirmed', 7, 20, 40]);
    expect(squash(entityMentionCountSql(42, ANONYMOUS, 'rejected').compile(compiler).sql)).toMatchSnapshot();
  });

  it('decides who may see an entity', () => {
    for (const scope of [OPERATOR, ANONYMOUS, ALICE]) {
      const query = (compiler as unknown as Db).selectFrom('entity as e').select('e.id').where(canSeeEntity(scope)).compile();
      expect(squash(query.sql)).toMatchSnapshot();
    }
  });
});
