import type { ReadScope } from '../../../db/access.ts';
import type { DocumentFilters } from '../../../db/document-filters.ts';
import type { DocumentsRepository } from '../../../db/documents.repository.ts';
import { toFtsMatch } from '../../../db/fts.ts';
import type { SearchEntitiesRepository } from '../../../db/search-entities.repository.ts';
import type { CounterpartLinkRow, RankedPassage, SearchFilters, SearchRepository } from '../../../db/search.repository.ts';
import type { VocabularyRepository } from '../../../db/vocabulary.repository.ts';
import { AppError, notFound } from '../../errors.ts';
import { narrowestRange } from '../../pipeline/dates.ts';
import { buildSnippet, termRanges } from '../../pipeline/highlight.ts';
import { parseQuery, QuerySyntaxError, type Filters, type ParsedQuery } from '../../pipeline/query-parser.ts';
import { asList } from '../schemas.ts';
import { toSummary } from '../documents/documents.service.ts';
import { EntitySearchService } from './entity-search.service.ts';
import { FuzzyExpansionService } from './fuzzy-expansion.service.ts';
import { PrefixExpansionService } from './prefix-expansion.service.ts';
import { RankFrequencies } from './rank-frequencies.service.ts';
import { SearchCounterparts } from './search-counterparts.service.ts';
import type { HighlightsResponse, SearchQuery, SearchResponse } from './search.schemas.ts';

type Result = SearchResponse['results'][number];
/** A result before its side of a translation is known. */
type Ranked = Omit<Result, 'side'>;
/** A page of results before their sides are known, with each document's counterpart links. */
interface RankedPage {
  results: Ranked[];
  links: Map<number, CounterpartLinkRow[]>;
  /** The ranking limit when more passages matched than it ranks; null when every match was ranked. */
  rankedAmong: number | null;
}

const PASSAGES_PER_DOCUMENT = 3;
/**
 * Facets count at most this many matching documents (TROVE_FACET_LIMIT): past it the counts are lower bounds,
 * marked approximate, so a common word in a huge archive does not pay for tallying every hit.
 */
// Above the 8–9k documents a common word matches in the 10k benchmark: there, counting everything is still
// cheaper than stopping and then counting the total a second time.
export const DEFAULT_FACET_LIMIT = 10_000;
/**
 * A text search ranks at most this many matching passages, the first in archive order (TROVE_RANK_LIMIT), unless
 * the request asks for `rank=all`: scoring every match of a common word in ten million passages takes seconds,
 * this many tens of milliseconds. The response says when the limit applied (rankedAmong).
 */
export const DEFAULT_RANK_LIMIT = 20_000;
// First guesses at how many ranked passages hold a page of distinct documents: the first page's, whose texts come along,
// and a deeper page's, only ids; each grown until they do.
const PASSAGES_PER_RESULT_GUESS = 2;
const DEEP_PASSAGES_PER_RESULT_GUESS = 8;

export class SearchService {
  private readonly entities: EntitySearchService;
  private readonly counterparts: SearchCounterparts;
  private readonly fuzzy: FuzzyExpansionService;
  private readonly prefixes: PrefixExpansionService;
  private readonly frequencies: RankFrequencies;

  constructor(
    private readonly search: SearchRepository,
    private readonly documents: DocumentsRepository,
    entities: SearchEntitiesRepository,
    vocabulary: VocabularyRepository,
    private readonly facetLimit = DEFAULT_FACET_LIMIT,
    private readonly rankLimit = DEFAULT_RANK_LIMIT,
  ) {
    this.entities = new EntitySearchService(entities);
    this.fuzzy = new FuzzyExpansionService(vocabulary);
    this.prefixes = new PrefixExpansionService(vocabulary);
    this.frequencies = new RankFrequencies(vocabulary);
    this.counterparts = new SearchCounterparts(search);
  }

  async run(request: SearchQuery, scope: ReadScope): Promise<SearchResponse> {
    const q = request.q ?? '';
    const { query: parsed, expansions } = await this.expandFuzzy(parse(q), scope);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const offset = (page - 1) * pageSize;
    const resolved = await this.entities.resolveFilters(parsed.filters.entity ?? [], scope);
    // An entity the reader may not know of matches nothing, exactly as one that does not exist.
    if (resolved === null)
      return {
        query: q,
        total: 0,
        totalApproximate: false,
        totalLowerBound: false,
        page,
        pageSize,
        results: [],
        rankedAmong: null,
        facets: NO_FACETS,
        alsoSearch: null,
        expansions,
      };
    const query = { ...parsed, include: [...parsed.include, ...resolved.include] };
    const searched = this.prefixes.expand(query);
    const match = toFtsMatch(searched);
    const filters: SearchFilters = { ...mergeFilters(parsed.filters, request), entities: resolved.groups };
    // Ranking, counting and the spelling lookup are independent: they run at once, on the reader threads. The result
    // page's query also brings its pages and counterparts, so there is no second round of queries.
    const rankAll = request.rank === 'all';
    const among = rankAll ? Infinity : this.rankLimit;
    const [ranked, { total, totalApproximate, totalLowerBound, approximate, entitiesLoading, facets }, alsoSearch] = await Promise.all([
      match === null
        ? this.browse(filters, scope, pageSize, offset)
        : this.rank(match, query, filters, scope, { offset, pageSize, among, frequencies: this.frequencies.of(searched) }),
      this.search.facets(match, filters, scope, this.facetLimit, { countTotal: rankAll }),
      this.entities.alsoSearch(q, parsed, scope),
    ]);
    const results = await this.counterparts.attach(ranked.results, ranked.links);
    const { rankedAmong } = ranked;
    return {
      query: q,
      total,
      totalApproximate,
      totalLowerBound,
      page,
      pageSize,
      results,
      rankedAmong,
      facets: { ...facets, approximate, entitiesLoading },
      alsoSearch,
      expansions,
    };
  }

  async highlights(documentId: number, q: string, scope: ReadScope): Promise<HighlightsResponse> {
    if (!(await this.documents.exists(documentId, scope)))
      throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    const { query: parsed } = await this.expandFuzzy(parse(q), scope);
    const passages = await this.documents.passagesOf(documentId);
    const hits = passages.flatMap((p) =>
      termRanges(p.text, parsed).map((r) => ({ passageId: p.id, start: p.start + r.start, end: p.start + r.end })),
    );
    return { hits };
  }

  /** word~1 becomes word OR its close spellings; a query without ~ passes through untouched, at no cost. */
  private async expandFuzzy(
    parsed: ParsedQuery,
    scope: ReadScope,
  ): Promise<{ query: ParsedQuery; expansions: SearchResponse['expansions'] }> {
    if (!hasFuzzy(parsed)) return { query: parsed, expansions: [] };
    return this.fuzzy.expand(parsed, scope);
  }

  /** One page of documents in rank order (each by its best passage), with their best passages as excerpts. */
  private async rank(
    match: string,
    query: ParsedQuery,
    filters: SearchFilters,
    scope: ReadScope,
    { offset, pageSize, among, frequencies }: { offset: number; pageSize: number; among: number; frequencies: number[] },
  ): Promise<RankedPage> {
    const wanted = offset + pageSize;
    const limited = (rows: { candidates?: number }[]) => ((rows[0]?.candidates ?? 0) >= among ? among : null);
    if (offset === 0) {
      // The first page in one query, its passages' texts and documents joined on: usually enough on its own.
      const limit = wanted * PASSAGES_PER_RESULT_GUESS;
      const ranked = await this.search.rankedPassages(match, filters, scope, limit, among, frequencies);
      const documents = groupByDocument(ranked);
      if (documents.size >= wanted || ranked.length < limit)
        return toPage([...documents.values()].slice(0, wanted), query, limited(ranked));
    }
    // A deeper page ranks hundreds of passages to find its documents. Only their ids and scores are read; the texts and
    // documents are joined to the few passages the page shows. Ranking more ids costs FTS5 little, so the guess is generous.
    for (let limit = wanted * DEEP_PASSAGES_PER_RESULT_GUESS; ; limit *= 4) {
      const hits = await this.search.rankedHits(match, filters, scope, limit, among, frequencies);
      const documents = groupByDocument(hits);
      if (documents.size >= wanted || hits.length < limit) {
        const shown = [...documents.values()].slice(offset, wanted).map((passages) => passages.slice(0, PASSAGES_PER_DOCUMENT));
        const rows = new Map((await this.search.resultPassages(shown.flat(), scope)).map((row) => [row.passageId, row]));
        const page = shown.map((passages) => passages.map((hit) => rows.get(hit.passageId)).filter((row) => row !== undefined));
        return toPage(
          page.filter((passages) => passages.length > 0),
          query,
          limited(hits),
        );
      }
    }
  }

  private async browse(filters: SearchFilters, scope: ReadScope, limit: number, offset: number): Promise<RankedPage> {
    const rows = await this.search.browse(filters, scope, limit, offset);
    const groups = filters.entities ?? [];
    const passages = groups.length
      ? await this.entities.mentionPassages(
          rows.map((r) => r.id),
          groups,
          PASSAGES_PER_DOCUMENT,
        )
      : new Map<number, Result['passages']>();
    return {
      results: rows.map((row) => ({ document: toSummary(row), score: 0, passages: passages.get(row.id) ?? [] })),
      links: new Map(rows.map((row) => [row.id, parseLinks(row.links)])),
      rankedAmong: null,
    };
  }
}

function parseLinks(json: string): CounterpartLinkRow[] {
  return JSON.parse(json) as CounterpartLinkRow[];
}

/** A page of documents, each with its ranked passages (best first), as results. */
function toPage(page: RankedPassage[][], query: ParsedQuery, rankedAmong: number | null): RankedPage {
  const results = page.map((passages) => ({
    document: toSummary({ ...passages[0]!, id: passages[0]!.documentId }),
    score: -passages[0]!.score,
    passages: passages
      .slice(0, PASSAGES_PER_DOCUMENT)
      .map((p) => toHit(p, query))
      .filter((hit) => hit !== null),
  }));
  return { results, links: new Map(page.map((passages) => [passages[0]!.documentId, parseLinks(passages[0]!.links)])), rankedAmong };
}

/** Passages arrive best first, so each document's first passage is its best and the map keeps rank order. */
function groupByDocument<P extends { documentId: number }>(ranked: P[]): Map<number, P[]> {
  const documents = new Map<number, P[]>();
  for (const p of ranked) {
    const list = documents.get(p.documentId);
    if (list) list.push(p);
    else documents.set(p.documentId, [p]);
  }
  return documents;
}

/** A passage that matched only through its document's title has nothing to show as an excerpt. */
function toHit(p: RankedPassage, query: ParsedQuery) {
  const ranges = termRanges(p.text, query);
  if (ranges.length === 0) return null;
  return { id: p.passageId, ordinal: p.ordinal, start: p.start, end: p.end, snippet: buildSnippet(p.text, ranges), page: p.page };
}

function hasFuzzy(query: ParsedQuery): boolean {
  return query.include.some((group) => group.some((t) => t.fuzzy)) || query.exclude.some((t) => t.fuzzy);
}

function parse(q: string): ParsedQuery {
  try {
    return parseQuery(q);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new AppError('search.invalid_query', error.message, 400, { position: error.position });
    }
    throw error;
  }
}

const NO_FACETS: SearchResponse['facets'] = {
  kind: [],
  origin: [],
  year: [],
  language: [],
  collection: [],
  entity: [],
  approximate: false,
  entitiesLoading: false,
};

/** Filters written in the query and given as URL parameters both apply; entity: filters are resolved apart. */
export function mergeFilters({ entity: _, from, to, ...fromQuery }: Filters, request: SearchQuery): DocumentFilters {
  const merged: DocumentFilters = { ...fromQuery, ...narrowestRange([...(from ?? []), request.from], [...(to ?? []), request.to]) };
  for (const field of ['kind', 'origin', 'language', 'collection'] as const) {
    const values = [...(fromQuery[field] ?? []), ...(asList(request[field]) ?? [])];
    if (values.length) merged[field] = values;
  }
  return merged;
}
