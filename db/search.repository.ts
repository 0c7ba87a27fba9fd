import { sql, type RawBuilder } from 'kysely';
import { canReadCollection, canReadDocument, type ReadScope } from './access.ts';
import type { TroveDatabase } from './client.ts';
import { BROWSE_ORDER } from './document-browse.ts';
import { filterClause, type DocumentFilters } from './document-filters.ts';
import type { DocumentSummaryRow } from './documents.repository.ts';
import { BM25_WEIGHTS } from './fts.ts';
import { PASSAGE_ID_FACTOR } from './passage-id.ts';
import type { FacetCounts } from './reader-pool.ts';
import { passageText } from './passage-text.ts';

export type { DocumentFilters, FacetCounts };

/**
 * Document filters plus the `entity:` filters, each resolved to the ids of the visible entities it
 * names: every filter must match (AND), any one of a filter's entities will do (OR).
 */
export interface SearchFilters extends DocumentFilters {
  entities?: number[][];
}

/** A ranked passage with its text and its document's summary, so a result page needs no second query. */
export interface RankedPassage extends Omit<DocumentSummaryRow, 'id'> {
  passageId: number;
  documentId: number;
  score: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

const RANK = sql`bm25(passage_fts, ${sql.lit(BM25_WEIGHTS[0])}, ${sql.lit(BM25_WEIGHTS[1])})`;
// Passage ids carry their document id (see passage-id.ts), so ranking never joins the passage table.
const DOCUMENT_OF_ROWID = sql`(f.rowid / ${sql.lit(PASSAGE_ID_FACTOR)})`;
// SQLite prefers the primary key for an id lookup, but the covering index never touches the fat rows.
const FILTER_DOCUMENT = sql`document d indexed by document_facet_idx`;
const SUMMARY_COLUMNS = sql`d.ref, d.title, d.date, d.date_text, d.kind, d.origin, d.language, c.name as collection`;

function hasDocumentFilters({ entities: _, ...f }: SearchFilters): boolean {
  return Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined));
}

/**
 * ` and <target> in (the passages or documents with a mention of one of the filter's entities)`, per
 * filter; nothing without entity filters. Rejected mentions never match.
 */
function mentionClause(filters: SearchFilters, column: 'passage_id' | 'document_id', target: RawBuilder<unknown>): RawBuilder<unknown> {
  const groups = filters.entities ?? [];
  if (groups.length === 0) return sql``;
  const conditions = groups.map(
    (ids) =>
      sql`${target} in (select m.${sql.raw(column)} from mention m where m.entity_id in (${sql.join(ids)}) and m.status != 'rejected')`,
  );
  return sql` and ${sql.join(conditions, sql` and `)}`;
}

function matchingRows(match: string, filters: SearchFilters, scope: ReadScope): RawBuilder<unknown> {
  // The unary + keeps the rowid test away from FTS5: offered to it, FTS5 runs the MATCH once per
  // mentioned passage (seconds for a common word) instead of once, then checks each hit against the list.
  const mentioned = mentionClause(filters, 'passage_id', sql`+f.rowid`);
  if (!hasDocumentFilters(filters))
    return sql`from passage_fts f where passage_fts match ${match} and ${canReadDocument(scope, DOCUMENT_OF_ROWID)}${mentioned}`;
  return sql`from passage_fts f join ${FILTER_DOCUMENT} on d.id = ${DOCUMENT_OF_ROWID} join collection c on c.id = d.collection_id
    where ${filterClause(filters)} and ${readable(scope)} and passage_fts match ${match}${mentioned}`;
}

const readable = (scope: ReadScope) => canReadCollection(scope, sql.ref('d.collection_id'));

/** Top passages by bm25, title weighted up; documents rank by their best passage. Joins happen after the limit. */
export function rankedPassagesSql(match: string, filters: SearchFilters, scope: ReadScope, limit: number): RawBuilder<RankedPassage> {
  return sql<RankedPassage>`
    select r."passageId", r."documentId", r.score, p.ordinal, p.start, p."end", ${passageText('p', 'd')} as text, ${SUMMARY_COLUMNS}
    from (
      select f.rowid as "passageId", ${DOCUMENT_OF_ROWID} as "documentId", ${RANK} as score
      ${matchingRows(match, filters, scope)}
      order by score, f.rowid
      limit ${limit}
    ) r
    join passage p on p.id = r."passageId"
    join document d on d.id = r."documentId"
    join collection c on c.id = d.collection_id
    order by r.score, r."passageId"`;
}

/**
 * For facet counting (doc-values.mjs): every matching passage of a text search, or every matching
 * document when browsing. No scores, so FTS5 skips ranking work; the column name says which it is.
 */
export function matchingIdsSql(match: string | null, filters: SearchFilters, scope: ReadScope): RawBuilder<{ id: number }> {
  if (match === null) {
    return sql`select d.id as document_id from ${FILTER_DOCUMENT} join collection c on c.id = d.collection_id
      where ${filterClause(filters)} and ${readable(scope)}${mentionClause(filters, 'document_id', sql`d.id`)}`;
  }
  return sql`select f.rowid as passage_id ${matchingRows(match, filters, scope)}`;
}

export function browseSql(filters: SearchFilters, scope: ReadScope, limit: number, offset: number): RawBuilder<DocumentSummaryRow> {
  return sql`
    select d.id, ${SUMMARY_COLUMNS} from document d join collection c on c.id = d.collection_id
    where ${filterClause(filters)} and ${readable(scope)}${mentionClause(filters, 'document_id', sql`d.id`)}
    order by ${BROWSE_ORDER}
    limit ${limit} offset ${offset}`;
}

/** A result's original or translation, when the scope may read it, with the pairing of their passages (JSON). */
export interface CounterpartLinkRow {
  documentId: number;
  /** What the counterpart is to the result document. */
  role: 'original' | 'translation';
  id: number;
  ref: string;
  title: string | null;
  language: string | null;
  alignment: string;
}

export interface CounterpartPassageRow {
  id: number;
  documentId: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

export class SearchRepository {
  constructor(private readonly db: TroveDatabase) {}

  async rankedPassages(match: string, filters: SearchFilters, scope: ReadScope, limit: number): Promise<RankedPassage[]> {
    return (await rankedPassagesSql(match, filters, scope, limit).execute(this.db.reader)).rows;
  }

  /** Facets stop counting after `limit` matching documents (then `approximate`); the total is exact either way. */
  async facets(match: string | null, filters: SearchFilters, scope: ReadScope, limit?: number): Promise<FacetCounts> {
    return this.db.countFacets(matchingIdsSql(match, filters, scope).compile(this.db.reader), limit);
  }

  async browse(filters: SearchFilters, scope: ReadScope, limit: number, offset: number): Promise<DocumentSummaryRow[]> {
    return (await browseSql(filters, scope, limit, offset).execute(this.db.reader)).rows;
  }

  /** The originals and translations of these documents that the scope may read; a hidden counterpart does not exist. */
  async counterpartLinks(documentIds: readonly number[], scope: ReadScope): Promise<CounterpartLinkRow[]> {
    if (documentIds.length === 0) return [];
    const ids = [...documentIds];
    const originals = this.db.reader
      .selectFrom('document_translation as t')
      .innerJoin('document as o', 'o.id', 't.original_id')
      .select((eb) => [
        't.translation_id as documentId',
        eb.val('original').as('role'),
        'o.id',
        'o.ref',
        'o.title',
        'o.language',
        't.alignment',
      ])
      .where('t.translation_id', 'in', ids)
      .where(canReadCollection(scope, sql.ref('o.collection_id')));
    const translations = this.db.reader
      .selectFrom('document_translation as t')
      .innerJoin('document as tr', 'tr.id', 't.translation_id')
      .select((eb) => [
        't.original_id as documentId',
        eb.val('translation').as('role'),
        'tr.id',
        'tr.ref',
        'tr.title',
        'tr.language',
        't.alignment',
      ])
      .where('t.original_id', 'in', ids)
      .where(canReadCollection(scope, sql.ref('tr.collection_id')));
    return (await originals.unionAll(translations).orderBy('ref').execute()) as CounterpartLinkRow[];
  }

  /** Passages by id, for showing a counterpart's paragraphs; callers pass only ids of documents the scope may read. */
  async passagesById(ids: readonly number[]): Promise<CounterpartPassageRow[]> {
    if (ids.length === 0) return [];
    return this.db.reader
      .selectFrom('passage as p')
      .innerJoin('document as d', 'd.id', 'p.document_id')
      .select(['p.id', 'p.document_id as documentId', 'p.ordinal', 'p.start', 'p.end', passageText('p', 'd').as('text')])
      .where('p.id', 'in', [...ids])
      .orderBy('p.ordinal')
      .execute();
  }
}
