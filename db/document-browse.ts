import { sql, type RawBuilder } from 'kysely';
import { canReadCollection, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { filterClause, type DocumentFilters } from './document-filters.ts';
import type { DocumentSummaryRow } from './documents.repository.ts';

export type DocumentSort = 'date' | '-date' | 'ref';

// Each order is one the indexes of migration 0014 (or ref's unique index) hold, so a page reads
// offset + limit index entries instead of sorting the archive. The trailing id is the rowid every
// index entry ends with; unknown dates come last in both directions.
const SORTS: Record<DocumentSort, RawBuilder<unknown>> = {
  date: sql`(d.date is null), d.date, d.id`,
  '-date': sql`(d.date is null), d.date desc, d.id`,
  ref: sql`d.ref, d.id`,
};

/** Newest first, unknown dates last: the order searching without words browses in. */
export const BROWSE_ORDER = SORTS['-date'];

/** How far a filtered count is exact; beyond it the total is estimated from a sample and labelled. */
export interface BrowseCounting {
  /** Filtered lists over at most this many readable documents are counted exactly. */
  exactUpTo: number;
  /** Index entries read, spread over the archive, to estimate a filtered total beyond `exactUpTo`. */
  sampleSize: number;
}

export const DEFAULT_COUNTING: BrowseCounting = { exactUpTo: 10_000, sampleSize: 4_000 };

export interface BrowseTotal {
  total: number;
  approximate: boolean;
}

// Samples are read in this many stretches of the id range, so one import batch cannot be the sample.
const STRETCHES = 20;

/** A page of documents in `sort` order; `cross join` keeps the document index the outer loop so the page stops early. */
export function browsePageSql(
  filters: DocumentFilters,
  scope: ReadScope,
  sort: DocumentSort,
  limit: number,
  offset: number,
): RawBuilder<DocumentSummaryRow> {
  return sql<DocumentSummaryRow>`
    select d.id, d.ref, d.title, d.date, d.date_text, d.kind, d.origin, d.language, c.name as collection
    from document d cross join collection c
    where c.id = d.collection_id and ${filterClause(filters)} and ${canReadCollection(scope, sql.ref('d.collection_id'))}
    order by ${SORTS[sort]}
    limit ${limit} offset ${offset}`;
}

/**
 * How many documents the list holds. Unfiltered (or filtered by collection only) it is the sum of
 * the kept counts of the collections the scope may read: exact and a few rows to read at any size.
 * Other filters are counted exactly over a small archive and estimated over a large one.
 */
export async function browseTotal(reader: Db, filters: DocumentFilters, scope: ReadScope, counting: BrowseCounting): Promise<BrowseTotal> {
  const candidates = await readableCount(reader, filters.collection, scope);
  if (!hasRowFilters(filters)) return { total: candidates, approximate: false };
  if (candidates <= counting.exactUpTo) return { total: await exactCount(reader, filters, scope), approximate: false };
  const share = await sampledShare(reader, filters, scope, counting.sampleSize);
  return { total: Math.round(candidates * share), approximate: true };
}

/** The kept document counts of the collections the scope may read, by name when filtered to some. */
export async function readableCount(reader: Db, collections: string[] | undefined, scope: ReadScope): Promise<number> {
  const named = collections?.length ? sql`and c.name collate nocase in (${sql.join(collections)})` : sql``;
  const { rows } = await sql<{ n: number | null }>`
    select sum(c.document_count) as n from collection c where ${canReadCollection(scope, sql.ref('c.id'))} ${named}`.execute(reader);
  return Number(rows[0]?.n ?? 0);
}

function hasRowFilters(filters: DocumentFilters): boolean {
  return Object.entries(filters).some(([field, value]) => field !== 'collection' && (Array.isArray(value) ? value.length > 0 : !!value));
}

// Only documents of readable collections are visited (through the collection index), at most
// `exactUpTo` of them, which is what makes this count bounded.
async function exactCount(reader: Db, filters: DocumentFilters, scope: ReadScope): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from document d join collection c on c.id = d.collection_id
    where d.collection_id in (select c2.id from collection c2 where ${canReadCollection(scope, sql.ref('c2.id'))})
      and ${filterClause(filters)}`.execute(reader);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The share of readable documents (in the filtered collections) that match the other filters, from
 * `sampleSize` entries of the narrow facet index read in stretches spread over the id range: the
 * work is the same at any archive size. Unreadable documents in a stretch are read and skipped.
 */
async function sampledShare(reader: Db, filters: DocumentFilters, scope: ReadScope, sampleSize: number): Promise<number> {
  // Two subqueries: SQLite answers a lone min() or max() from the end of the index, but not both at once.
  const bounds = await sql<{ low: number | null; high: number | null }>`
    select (select min(id) from document) as low, (select max(id) from document) as high`.execute(reader);
  const low = Number(bounds.rows[0]?.low ?? 0);
  const high = Number(bounds.rows[0]?.high ?? 0);
  // The stretches tile the id range without overlapping, so no document is counted twice, and a
  // sample at least as large as the archive reads all of it.
  const count = Math.max(1, Math.min(STRETCHES, high - low + 1));
  const step = Math.ceil((high - low + 1) / count);
  const per = Math.max(1, Math.ceil(sampleSize / count));
  const readable = canReadCollection(scope, sql.ref('d.collection_id'));
  const inCollections = filters.collection?.length ? sql`c.name collate nocase in (${sql.join(filters.collection)})` : sql`1 = 1`;
  const stretches = Array.from(
    { length: count },
    (_, i) => sql`select * from (
      select (${readable} and ${inCollections}) as seen, (${readable} and ${filterClause(filters)}) as matched
      from document d indexed by document_facet_idx cross join collection c
      where c.id = d.collection_id and d.id >= ${low + i * step} and d.id < ${low + (i + 1) * step} order by d.id limit ${per})`,
  );
  const { rows } = await sql<{ seen: number | null; matched: number | null }>`
    select sum(seen) as seen, sum(matched) as matched from (${sql.join(stretches, sql` union all `)})`.execute(reader);
  const seen = Number(rows[0]?.seen ?? 0);
  return seen === 0 ? 0 : Number(rows[0]?.matched ?? 0) / seen;
}
