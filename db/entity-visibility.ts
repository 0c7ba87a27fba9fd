import { sql, type RawBuilder } from 'kysely';
import { canReadCollection, canReadDocument, type ReadScope } from './access.ts';

/**
 * Who may know that an entity exists. An entity is visible when it is not merged away and has a
 * mention (not rejected) in a document the scope may read; one with no such mention anywhere (made by
 * hand, not yet tagged, and none in a document the scope may not read) is visible to anyone signed in. So an entity known only from a restricted
 * collection does not exist for outsiders: not its name, its counts, nor its type-ahead entry.
 */
export function canSeeEntity(scope: ReadScope, entity = 'e'): RawBuilder<boolean> {
  const id = sql.ref(`${entity}.id`);
  const merged = sql.ref(`${entity}.merged_into`);
  if (scope.kind === 'operator') return sql<boolean>`${merged} is null`;
  const readableMention = sql`exists (select 1 from mention vm where vm.entity_id = ${id} and vm.status != 'rejected'
    and ${canReadDocument(scope, sql`vm.document_id`)})`;
  if (scope.kind === 'anonymous') return sql<boolean>`(${merged} is null and ${readableMention})`;
  return sql<boolean>`(${merged} is null and (${readableMention} or ${unmentioned(scope, id)}))`;
}

/**
 * No live mention anywhere, and none at all (rejected ones included) in a document the scope may not
 * read: a hand-made entity not tagged yet, but not one whose only mentions a vault member rejected.
 */
export function unmentioned(scope: ReadScope, id: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<boolean> {
  const live = sql`not exists (select 1 from mention vm where vm.entity_id = ${id} and vm.status != 'rejected')`;
  const hidden = sql`not exists (select 1 from mention vm where vm.entity_id = ${id} and not ${canReadDocument(scope, sql`vm.document_id`)})`;
  return scope.kind === 'operator' ? sql<boolean>`${live}` : sql<boolean>`(${live} and ${hidden})`;
}

/** A spelling learned from a document is as visible as that document; one a person typed is visible with its entity. */
export function canSeeAlias(scope: ReadScope, alias = 'a'): RawBuilder<boolean> {
  const source = sql.ref(`${alias}.source_document_id`);
  if (scope.kind === 'operator') return sql<boolean>`1 = 1`;
  return sql<boolean>`(${source} is null or ${canReadDocument(scope, sql`${source}`)})`;
}

/** A condition on the `d` (document) alias of a query. */
export const readableDocument = (scope: ReadScope, document = 'd') => canReadCollection(scope, sql.ref(`${document}.collection_id`));

export const signedIn = (scope: ReadScope) => scope.kind !== 'anonymous';
