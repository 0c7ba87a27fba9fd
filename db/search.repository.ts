import { sql, type RawBuilder } from 'kysely';
import { canReadCollection, canReadDocument, type ReadScope } from './access.ts';
import type { TroveDatabase } from './client.ts';
import { BROWSE_ORDER, browseTotal, DEFAULT_COUNTING, type BrowseCounting } from './document-browse.ts';
import { filterClause, type DocumentFilters } from './document-filters.ts';
import { documentSetParameter, SET_FILTERS, type DocumentSetFilters } from './document-sets.mjs';
import type { DocumentSummaryRow } from './documents.repository.ts';
import { BM25_WEIGHTS } from './fts.ts';
import { PASSAGE_ID_FACTOR } from './passage-id.ts';
import type { FacetCounts } from './reader-pool.ts';
import { passageText } from './passage-text.ts';
import { rankExtensionAvailable } from './rank-extension.mjs';

export type { DocumentFilters, FacetCounts };

/** Facet counts and the total; `totalApproximate` when the total is an estimate (browsing a large archive with filters). */
export interface SearchCounts extends FacetCounts {
  totalApproximate: boolean;
}

/**
 * Document filters plus the `entity:` filters, each resolved to the ids of the visible entities it
 * names: every filter must match (AND), any one of a filter's entities will do (OR).
 */
export interface SearchFilters extends DocumentFilters {
  entities?: number[][];
  /**
   * Facet filters checked against the reader thread's facet values (db/document-sets.mjs) instead of by a join to the
   * document table; a text search moves them here when its reader can (SearchRepository.textFilters).
   */
  documentSet?: DocumentSetFilters;
}

/**
 * A ranked passage with its text, its page, its document's summary and the document's counterparts,
 * so a result page needs no second query (each one is a round trip to a reader thread).
 */
export interface RankedPassage extends Omit<DocumentSummaryRow, 'id'>, ResultDocumentExtras {
  passageId: number;
  /** As RankedHit's: present when ranking had a limit. */
  candidates?: number;
  documentId: number;
  score: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  /** The page of a PDF or scan the passage starts on; null in a document without pages. */
  page: number | null;
}

/** What a result document carries beside its summary. */
export interface ResultDocumentExtras {
  /** Its originals and translations that the scope may read: a JSON array of CounterpartLinkRow. */
  links: string;
}

/** A browsed document with its counterparts (see ResultDocumentExtras). */
export type BrowsedDocument = DocumentSummaryRow & ResultDocumentExtras;

const WEIGHTS = sql`${sql.lit(BM25_WEIGHTS[0])}, ${sql.lit(BM25_WEIGHTS[1])}`;

/**
 * Okapi BM25, title weighted up. Given each phrase's passage count (rank-frequencies.service.ts), trove_bm25 scores as
 * bm25() does without first walking every posting of each word to count them (db/native/trove-rank.c).
 */
function rankSql(frequencies: readonly number[] | undefined): RawBuilder<number> {
  if (frequencies === undefined || !rankExtensionAvailable()) return sql<number>`bm25(passage_fts, ${WEIGHTS})`;
  const counts = frequencies.map((n) => Math.trunc(n)).join(' ');
  return sql<number>`trove_bm25(passage_fts, ${WEIGHTS}, ${sql.lit(counts)})`;
}
// Passage ids carry their document id (see passage-id.ts), so ranking never joins the passage table.
const DOCUMENT_OF_ROWID = sql`(f.rowid / ${sql.lit(PASSAGE_ID_FACTOR)})`;
// SQLite prefers the primary key for an id lookup, but the covering index never touches the fat rows.
const FILTER_DOCUMENT = sql`document d indexed by document_facet_idx`;
const SUMMARY_COLUMNS = sql`d.ref, d.title, d.date, d.date_text, d.kind, d.origin, d.language, c.name as collection`;

function hasDocumentFilters({ entities: _, documentSet: __, ...f }: SearchFilters): boolean {
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
  const inSet = filters.documentSet ? sql` and trove_in_set(${DOCUMENT_OF_ROWID}, ${documentSetParameter(filters.documentSet)})` : sql``;
  if (!hasDocumentFilters(filters))
    return sql`from passage_fts f where passage_fts match ${match} and ${canReadDocument(scope, DOCUMENT_OF_ROWID)}${inSet}${mentioned}`;
  return sql`from passage_fts f join ${FILTER_DOCUMENT} on d.id = ${DOCUMENT_OF_ROWID} join collection c on c.id = d.collection_id
    where ${filterClause(filters)} and ${readable(scope)} and passage_fts match ${match}${inSet}${mentioned}`;
}

/**
 * The filters with their facet filters moved to a document set, when every document filter is one; otherwise as
 * they are (the other filters are checked by the join, and so are these with them).
 */
export function withDocumentSet(filters: SearchFilters): SearchFilters {
  if (!hasDocumentFilters(filters)) return filters;
  const rest: SearchFilters = { ...filters };
  const documentSet: DocumentSetFilters = {};
  for (const name of SET_FILTERS) {
    const values = rest[name];
    if (values?.length) documentSet[name] = values;
    delete rest[name];
  }
  if (hasDocumentFilters(rest)) return filters;
  return { ...rest, documentSet };
}

const readable = (scope: ReadScope) => canReadCollection(scope, sql.ref('d.collection_id'));

/**
 * The page a passage starting at `start` is on: the first page, in page order, that ends after it. That is the page
 * holding it, or the next page when it starts between two (the blank line joining them), or none past the last
 * (as pageAt in pages.repository.ts decides over bounds in memory). One step down the page table's primary key.
 */
export function pageOfSql(documentId: RawBuilder<unknown>, start: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(select pg.number from document_page pg where pg.document_id = ${documentId} and pg."end" > ${start}
    order by pg.number limit 1)`;
}

/** The originals and translations of a document that the scope may read, as JSON; a hidden counterpart does not exist. */
function counterpartLinksSql(documentId: RawBuilder<unknown>, scope: ReadScope): RawBuilder<string> {
  // Most documents have no counterpart: two probes of the pairing's indexes say so before any JSON is built.
  return sql<string>`(case when exists (select 1 from document_translation where translation_id = ${documentId})
      or exists (select 1 from document_translation where original_id = ${documentId})
    then (select json_group_array(json_object('role', x.role, 'id', x.id, 'ref', x.ref, 'title', x.title,
      'language', x.language, 'alignment', x.alignment) order by x.ref)
    from (
      select 'original' as role, o.id, o.ref, o.title, o.language, t.alignment from document_translation t
      join document o on o.id = t.original_id where t.translation_id = ${documentId} and ${canReadCollection(scope, sql.ref('o.collection_id'))}
      union all
      select 'translation' as role, tr.id, tr.ref, tr.title, tr.language, t.alignment from document_translation t
      join document tr on tr.id = t.translation_id where t.original_id = ${documentId} and ${canReadCollection(scope, sql.ref('tr.collection_id'))}
    ) x) else '[]' end)`;
}

/** A ranked hit before anything is joined to it. */
export interface RankedHit {
  passageId: number;
  documentId: number;
  score: number;
  /** With a ranking limit: how many matching passages were ranked, at most the limit (so the limit means there are more). */
  candidates?: number;
}

/**
 * Top passages by bm25, title weighted up: ids and scores only, read straight off the search index. With `among`, only
 * the first `among` matching passages in archive order are ranked: FTS5 walks its postings in rowid order and stops
 * there, where ranking every match would score each of them, millions for a common word.
 */
export function rankedHitsSql(
  match: string,
  filters: SearchFilters,
  scope: ReadScope,
  limit: number,
  among = Infinity,
  frequencies?: readonly number[],
): RawBuilder<RankedHit> {
  const rank = rankSql(frequencies);
  if (!Number.isFinite(among))
    return sql<RankedHit>`select f.rowid as "passageId", ${DOCUMENT_OF_ROWID} as "documentId", ${rank} as score
      ${matchingRows(match, filters, scope)}
      order by score, f.rowid
      limit ${limit}`;
  return sql<RankedHit>`select "passageId", "documentId", score, count(*) over () as candidates from (
      select f.rowid as "passageId", ${DOCUMENT_OF_ROWID} as "documentId", ${rank} as score
      ${matchingRows(match, filters, scope)}
      order by f.rowid
      limit ${among}
    ) order by score, "passageId"
    limit ${limit}`;
}

/** What a result shows of a passage and its document: the text, summary, page and counterparts. */
function resultColumns(documentId: RawBuilder<unknown>, scope: ReadScope): RawBuilder<unknown> {
  return sql`p.ordinal, p.start, p."end", ${passageText('p', 'd')} as text, ${SUMMARY_COLUMNS},
      ${pageOfSql(documentId, sql`p.start`)} as page, ${counterpartLinksSql(documentId, scope)} as links`;
}

/** Top passages by bm25 with what a result shows of them; documents rank by their best passage. Joins happen after the limit. */
export function rankedPassagesSql(
  match: string,
  filters: SearchFilters,
  scope: ReadScope,
  limit: number,
  among = Infinity,
  frequencies?: readonly number[],
): RawBuilder<RankedPassage> {
  const candidates = Number.isFinite(among) ? sql`r.candidates, ` : sql``;
  return sql<RankedPassage>`
    select r."passageId", r."documentId", r.score, ${candidates}${resultColumns(sql`r."documentId"`, scope)}
    from (${rankedHitsSql(match, filters, scope, limit, among, frequencies)}) r
    join passage p on p.id = r."passageId"
    join document d on d.id = r."documentId"
    join collection c on c.id = d.collection_id
    order by r.score, r."passageId"`;
}

/** rankedPassagesSql's rows for chosen hits, in no order: the passages a deep page shows, found by rankedHitsSql. */
export function resultPassagesSql(hits: readonly RankedHit[], scope: ReadScope): RawBuilder<RankedPassage> {
  const scores = sql.join(hits.map((h) => sql`(${h.passageId}, ${h.score})`));
  return sql<RankedPassage>`
    with hit ("passageId", score) as (values ${scores})
    select h."passageId", p.document_id as "documentId", h.score, ${resultColumns(sql`p.document_id`, scope)}
    from hit h
    join passage p on p.id = h."passageId"
    join document d on d.id = p.document_id
    join collection c on c.id = d.collection_id
    where ${readable(scope)}`;
}

/**
 * For facet counting (doc-values.mjs): every matching passage of a text search, or every matching
 * document when browsing (at most `atMost` of them). No scores, so FTS5 skips ranking work; the column
 * name says which it is.
 */
export function matchingIdsSql(
  match: string | null,
  filters: SearchFilters,
  scope: ReadScope,
  atMost?: number,
): RawBuilder<{ id: number }> {
  if (match === null) {
    const documents = sql<{ id: number }>`select d.id as document_id from ${FILTER_DOCUMENT} join collection c on c.id = d.collection_id
      where ${filterClause(filters)} and ${readable(scope)}${mentionClause(filters, 'document_id', sql`d.id`)}`;
    // Wrapped, so that the facet counter can still append its own LIMIT.
    return atMost === undefined ? documents : sql<{ id: number }>`select document_id from (${documents} limit ${atMost})`;
  }
  return sql`select f.rowid as passage_id ${matchingRows(match, filters, scope)}`;
}

export function browseSql(filters: SearchFilters, scope: ReadScope, limit: number, offset: number): RawBuilder<BrowsedDocument> {
  // The counterparts are looked up outside the page's query, so only for the page's rows whatever the order costs.
  return sql`
    select b.*, ${counterpartLinksSql(sql`b.id`, scope)} as links from (
      select d.id, ${SUMMARY_COLUMNS} from document d join collection c on c.id = d.collection_id
      where ${filterClause(filters)} and ${readable(scope)}${mentionClause(filters, 'document_id', sql`d.id`)}
      order by ${BROWSE_ORDER}
      limit ${limit} offset ${offset}
    ) b`;
}

/** A result's original or translation, when the scope may read it, with the pairing of their passages (JSON). */
export interface CounterpartLinkRow {
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

/** What ranking is asked: match, filters, scope, limit, and optionally `among` and `frequencies`. */
type RankRequest = Parameters<typeof rankedHitsSql>;

export class SearchRepository {
  constructor(
    private readonly db: TroveDatabase,
    private readonly counting: BrowseCounting = DEFAULT_COUNTING,
  ) {}

  /**
   * The best `limit` passages, ranked among the first `among` matching passages in archive order (all by default).
   * `frequencies`: how many passages hold each phrase of the match, when known (see rankSql).
   */
  async rankedPassages(...[match, filters, ...rest]: RankRequest): Promise<RankedPassage[]> {
    return (await rankedPassagesSql(match, this.textFilters(filters), ...rest).execute(this.db.reader)).rows;
  }

  async rankedHits(...[match, filters, ...rest]: RankRequest): Promise<RankedHit[]> {
    return (await rankedHitsSql(match, this.textFilters(filters), ...rest).execute(this.db.reader)).rows;
  }

  /** A text search's filters as its reader checks them fastest (withDocumentSet), when it can bind document sets. */
  private textFilters(filters: SearchFilters): SearchFilters {
    return this.db.documentSets ? withDocumentSet(filters) : filters;
  }

  /** The result rows of hits found by rankedHits with the same scope, in no order. */
  async resultPassages(hits: readonly RankedHit[], scope: ReadScope): Promise<RankedPassage[]> {
    if (hits.length === 0) return [];
    return (await resultPassagesSql(hits, scope).execute(this.db.reader)).rows;
  }

  /**
   * Facets stop counting after `limit` matching documents (then `approximate`). The total of a text search is then
   * the limit, a lower bound (`totalLowerBound`), unless `countTotal`; browsing by entity counts it exactly. Browsing
   * past the limit otherwise takes its total as browsing documents does (browseTotal: the kept counts, or an estimate
   * from a sample, labelled), never by counting every match, which took most of a second at a million passages.
   */
  async facets(
    match: string | null,
    filters: SearchFilters,
    scope: ReadScope,
    limit?: number,
    { countTotal = false }: { countTotal?: boolean } = {},
  ): Promise<SearchCounts> {
    const estimable = match === null && !filters.entities?.length && limit !== undefined && Number.isFinite(limit);
    const ids = matchingIdsSql(match, match === null ? filters : this.textFilters(filters), scope, estimable ? limit + 1 : undefined);
    const counted = await this.db.countFacets(ids.compile(this.db.reader), limit, countTotal || match === null);
    if (!estimable || !counted.approximate) return { ...counted, totalApproximate: false };
    const { total, approximate } = await browseTotal(this.db.reader, filters, scope, this.counting);
    return { ...counted, total, totalApproximate: approximate };
  }

  async browse(filters: SearchFilters, scope: ReadScope, limit: number, offset: number): Promise<BrowsedDocument[]> {
    return (await browseSql(filters, scope, limit, offset).execute(this.db.reader)).rows;
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
