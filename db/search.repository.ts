import { sql, type RawBuilder } from 'kysely';
import type { Db } from './client.ts';
import { filterClause, type DocumentFilters } from './document-filters.ts';
import { BM25_WEIGHTS } from './fts.ts';
import { PASSAGE_ID_FACTOR } from './passage-id.ts';

export type { DocumentFilters };

export const FACET_NAMES = ['kind', 'origin', 'year', 'language', 'collection'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
export type Facets = Record<FacetName, Array<{ value: string; count: number }>>;

export interface RankedPassage {
  passageId: number;
  documentId: number;
  score: number;
}

export interface PassageText {
  id: number;
  documentId: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

const RANK = sql`bm25(passage_fts, ${sql.lit(BM25_WEIGHTS[0])}, ${sql.lit(BM25_WEIGHTS[1])})`;
// Passage ids carry their document id (see passage-id.ts), so ranking never joins the passage table.
// SQLite prefers the primary key for an id lookup, but the covering index never touches the fat rows.
const FACET_DOCUMENT = sql`document d indexed by document_facet_idx`;
const DOCUMENT_OF_ROWID = sql`(f.rowid / ${sql.lit(PASSAGE_ID_FACTOR)})`;

function hasFilters(f: DocumentFilters): boolean {
  return Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined));
}

/** Top passages by bm25, title weighted up; documents rank by their best passage. */
export function rankedPassagesSql(match: string, filters: DocumentFilters, limit: number): RawBuilder<RankedPassage> {
  const join = hasFilters(filters)
    ? sql`join ${FACET_DOCUMENT} on d.id = ${DOCUMENT_OF_ROWID} join collection c on c.id = d.collection_id where ${filterClause(filters)} and`
    : sql`where`;
  return sql<RankedPassage>`
    select f.rowid as "passageId", ${DOCUMENT_OF_ROWID} as "documentId", ${RANK} as score
    from passage_fts f ${join} passage_fts match ${match}
    order by score, f.rowid
    limit ${limit}`;
}

/** Matching documents counted by every facet value combination; no scores, so FTS5 skips ranking work. */
export function facetCountsSql(
  match: string | null,
  filters: DocumentFilters,
): RawBuilder<Record<FacetName, string | null> & { n: number }> {
  const matched =
    match === null
      ? sql`document d`
      : sql`(select distinct f.rowid / ${sql.lit(PASSAGE_ID_FACTOR)} as id from passage_fts f where passage_fts match ${match}) m
            join ${FACET_DOCUMENT} on d.id = m.id`;
  return sql`
    select d.kind as kind, d.origin as origin, d.language as language, substr(d.date, 1, 4) as year, c.name as collection, count(*) as n
    from ${matched} join collection c on c.id = d.collection_id
    where ${filterClause(filters)}
    group by 1, 2, 3, 4, 5`;
}

export function browseSql(filters: DocumentFilters, limit: number, offset: number): RawBuilder<{ documentId: number }> {
  return sql`
    select d.id as "documentId" from document d join collection c on c.id = d.collection_id
    where ${filterClause(filters)}
    order by d.date desc nulls last, d.id
    limit ${limit} offset ${offset}`;
}

export class SearchRepository {
  constructor(private readonly reader: Db) {}

  async rankedPassages(match: string, filters: DocumentFilters, limit: number): Promise<RankedPassage[]> {
    return (await rankedPassagesSql(match, filters, limit).execute(this.reader)).rows;
  }

  async facets(match: string | null, filters: DocumentFilters): Promise<{ total: number; facets: Facets }> {
    const { rows } = await facetCountsSql(match, filters).execute(this.reader);
    const counts = Object.fromEntries(FACET_NAMES.map((name) => [name, new Map<string, number>()])) as Record<
      FacetName,
      Map<string, number>
    >;
    let total = 0;
    for (const row of rows) {
      total += row.n;
      for (const name of FACET_NAMES) {
        const value = row[name];
        if (value !== null) counts[name].set(value, (counts[name].get(value) ?? 0) + row.n);
      }
    }
    const facets = Object.fromEntries(
      FACET_NAMES.map((name) => [
        name,
        [...counts[name]].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      ]),
    ) as Facets;
    return { total, facets };
  }

  async browse(filters: DocumentFilters, limit: number, offset: number): Promise<number[]> {
    return (await browseSql(filters, limit, offset).execute(this.reader)).rows.map((r) => r.documentId);
  }

  async passagesByIds(ids: number[]): Promise<PassageText[]> {
    if (ids.length === 0) return [];
    return this.reader
      .selectFrom('passage')
      .select(['id', 'document_id as documentId', 'ordinal', 'start', 'end', 'text'])
      .where('id', 'in', ids)
      .execute();
  }
}
