import { sql, type RawBuilder } from 'kysely';

/**
 * Whose reading a query serves. Every repository read of documents, passages, quotations or links
 * takes one, so access is decided in SQL rather than by remembering to check in a route.
 * `operator` is the command line, run by whoever holds the database file.
 */
export type ReadScope = { kind: 'operator' } | { kind: 'anonymous' } | { kind: 'account'; accountId: number };

export const OPERATOR: ReadScope = { kind: 'operator' };
export const ANONYMOUS: ReadScope = { kind: 'anonymous' };

/** `select id from collection …` for the collections the scope may read; null when it may read all. */
export function readableCollectionIds(scope: ReadScope): RawBuilder<{ id: number }> | null {
  switch (scope.kind) {
    case 'operator':
      return null;
    case 'anonymous':
      return sql`select id from collection where visibility = 'public'`;
    case 'account':
      // Restricted means members only: an admin manages membership but reads nothing unasked.
      return sql`select id from collection where visibility in ('public', 'internal')
                 or id in (select collection_id from collection_member where account_id = ${scope.accountId})`;
  }
}

/** A condition on a collection id column: true when the scope may read that collection. */
export function canReadCollection(scope: ReadScope, collectionId: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<boolean> {
  const readable = readableCollectionIds(scope);
  return readable === null ? sql<boolean>`1 = 1` : sql<boolean>`${collectionId} in (${readable})`;
}

/** The same condition for a document id, for queries that have no document row joined (FTS5 hits). */
export function canReadDocument(scope: ReadScope, documentId: RawBuilder<unknown>): RawBuilder<boolean> {
  const readable = readableCollectionIds(scope);
  if (readable === null) return sql<boolean>`1 = 1`;
  // The first test is a constant subquery that SQLite evaluates once: when every collection is readable
  // (the usual case) the per-row lookup is skipped.
  return sql<boolean>`(not exists (select 1 from collection where id not in (${readable}))
    or (select collection_id from document where id = ${documentId}) in (${readable}))`;
}
