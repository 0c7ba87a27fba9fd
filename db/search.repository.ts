import { sql, type RawBuilder } from 'kysely';
import type { Db } from './client.ts';
import { filterClause, type DocumentFilters } from './document-filters.ts';
import { BM25_WEIGHTS, HIGHLIGHT_END, HIGHLIGHT_START } from './fts.ts';

export type { DocumentFilters };

export const FACET_NAMES = ['kind', 'origin', 'year', 'language', 'collection'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface SearchPageRequest {
  match: string | null;
  filters: DocumentFilters;
  limit: number;
  offset: number;
  passagesPerDocument: number;
}

export interface SearchPage {
  total: number;
  documents: Array<{ id: number; score: number }>;
  facets: Record<FacetName, Array<{ value: string; count: number }>>;
  /** Best passages of the page's documents, best first within each document (by their text alone: the title is shared). */
  passages: Array<{ id: number; documentId: number; ordinal: number; start: number; end: number; text: string; marked: string }>;
}

const FACET_COLUMNS: Record<FacetName, string> = { kind: 'kind', origin: 'origin', year: 'year', language: 'language', collection: 'collection' };

/**
 * The matching documents with their best score. Each hit keeps its passage id so the page's best
 * passages can be picked without running the MATCH a second time.
 */
function matchedDocuments(match: string | null, filters: DocumentFilters): RawBuilder<unknown> {
  const doc = sql`d.id, d.kind, d.origin, d.language, substr(d.date, 1, 4) as year, c.name as collection, d.date`;
  if (match === null) {
    return sql`doc as materialized (
      select ${doc}, 0.0 as score from document d join collection c on c.id = d.collection_id where ${filterClause(filters)}
    ), hit as (select null as passage_id, null as document_id, null as score, null as text_score where 0)`;
  }
  return sql`hit as materialized (
      select f.rowid as passage_id, p.document_id, bm25(passage_fts, ${sql.lit(BM25_WEIGHTS[0])}, ${sql.lit(BM25_WEIGHTS[1])}) as score,
        bm25(passage_fts, 0.0, 1.0) as text_score
      from passage_fts f join passage p on p.id = f.rowid
      where passage_fts match ${match}
    ), doc as materialized (
      select ${doc}, min(h.score) as score
      from hit h join document d on d.id = h.document_id join collection c on c.id = d.collection_id
      where ${filterClause(filters)}
      group by d.id
    )`;
}

export function searchSummarySql(request: SearchPageRequest): RawBuilder<{ part: string; value: string | number | null; n: number }> {
  const order = request.match === null ? sql`date desc nulls last, id` : sql`score, id`;
  const facets = FACET_NAMES.map(
    (name) => sql`select ${name} as part, ${sql.raw(FACET_COLUMNS[name])} as value, count(*) as n from doc where ${sql.raw(FACET_COLUMNS[name])} is not null group by 2`,
  );
  return sql`with ${matchedDocuments(request.match, request.filters)},
    page as (select id, score from doc order by ${order} limit ${request.limit} offset ${request.offset}),
    best as (
      select passage_id, document_id from (
        select h.passage_id, h.document_id, row_number() over (partition by h.document_id order by h.text_score, h.passage_id) as rank
        from hit h where h.document_id in (select id from page) and h.text_score < 0
      ) where rank <= ${request.passagesPerDocument}
    )
    select 'page' as part, id as value, score as n from page
    union all select 'passage', passage_id, document_id from best
    union all select 'total', null, count(*) from doc
    union all ${sql.join(facets, sql` union all `)}`;
}

export class SearchRepository {
  constructor(private readonly reader: Db) {}

  async searchPage(request: SearchPageRequest): Promise<SearchPage> {
    const { rows } = await searchSummarySql(request).execute(this.reader);
    const page: SearchPage = { total: 0, documents: [], passages: [], facets: { kind: [], origin: [], year: [], language: [], collection: [] } };
    const passageIds: number[] = [];
    for (const row of rows) {
      if (row.part === 'page') page.documents.push({ id: Number(row.value), score: row.n });
      else if (row.part === 'passage') passageIds.push(Number(row.value));
      else if (row.part === 'total') page.total = row.n;
      else page.facets[row.part as FacetName].push({ value: String(row.value), count: row.n });
    }
    for (const list of Object.values(page.facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    if (request.match !== null && passageIds.length > 0) page.passages = await this.markedPassages(request.match, passageIds);
    return page;
  }

  /** The passages with FTS5's markers around each matched phrase, in the folded text the index holds. */
  async markedPassages(match: string, passageIds: number[]) {
    const { rows } = await sql<{ id: number; documentId: number; ordinal: number; start: number; end: number; text: string; marked: string }>`
      select p.id, p.document_id as "documentId", p.ordinal, p.start, p."end", p.text,
        highlight(passage_fts, 1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}) as marked
      from passage_fts f join passage p on p.id = f.rowid
      where passage_fts match ${match} and f.rowid in (${sql.join(passageIds)})
      order by bm25(passage_fts, 0.0, 1.0), p.id`.execute(this.reader);
    return rows;
  }

  async documentHits(match: string, documentId: number) {
    const { rows } = await sql<{ id: number; start: number; text: string; marked: string }>`
      select p.id, p.start, p.text, highlight(passage_fts, 1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}) as marked
      from passage_fts f join passage p on p.id = f.rowid
      where passage_fts match ${match} and f.rowid in (select id from passage where document_id = ${documentId})
      order by p.ordinal`.execute(this.reader);
    return rows;
  }
}
