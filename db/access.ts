import { sql, type RawBuilder } from 'kysely';

/**
 * Whose reading a query serves. Every repository read of documents, passages, quotations or links
 * takes one, so access is decided in SQL rather than by remembering to check in a route.
 * `operator` is the command line, run by whoever holds the database file.
 */
export type ReadScope = { kind: 'operator' } | { kind: 'anonymous' } | { kind: 'account'; accountId: number };

export const OPERATOR: ReadScope = { kind: 'operator' };
export const ANONYMOUS: ReadScope = { kind: 'anonymous' };

/**
 * `select id from collection …` for the collections the scope may NOT read; null when it may read all.
 * Stated negatively because the common case is "nothing hidden", which the checks below can skip.
 */
export function unreadableCollectionIds(scope: ReadScope): RawBuilder<{ id: number }> | null {
  switch (scope.kind) {
    case 'operator':
      return null;
    case 'anonymous':
      return sql`select id from collection where visibility != 'public'`;
    case 'account':
      // Restricted means members only: an admin manages membership but reads nothing unasked.
      return sql`select id from collection where visibility = 'restricted'
                 and id not in (select collection_id from collection_member where account_id = ${scope.accountId})`;
  }
}

/** A condition on a collection id column: true when the scope may read that collection. */
export function canReadCollection(scope: ReadScope, collectionId: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<boolean> {
  const hidden = unreadableCollectionIds(scope);
  return hidden === null ? sql<boolean>`1 = 1` : sql<boolean>`${collectionId} not in (${hidden})`;
}

/** The same condition for a document id, for queries that have no document row joined (FTS5 hits). */
export function canReadDocument(scope: ReadScope, documentId: RawBuilder<unknown>): RawBuilder<boolean> {
  const hidden = unreadableCollectionIds(scope);
  if (hidden === null) return sql<boolean>`1 = 1`;
  // The hidden documents' ids are built once per statement into a small in-memory table, and when
  // there are none (the usual case) the constant first test skips the per-hit lookup altogether.
  // Looking up each hit's collection in the document table instead doubled the cost of a search.
  // A collection's documents are imported together, so their ids are mostly one run: a hit outside the
  // hidden ids' bounds (two constants, also computed once) needs no lookup, which cost a common word's
  // search and its facets a fifth of their time each.
  const hiddenDocuments = sql`select id from document where collection_id in (${hidden})`;
  const bound = (edge: 'min' | 'max') => sql`(select ${sql.raw(edge)}(id) from document where collection_id in (${hidden}))`;
  return sql<boolean>`(not exists (${hiddenDocuments}) or ${documentId} < ${bound('min')} or ${documentId} > ${bound('max')}
    or ${documentId} not in (${hiddenDocuments}))`;
}
