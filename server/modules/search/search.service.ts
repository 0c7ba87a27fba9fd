import type { DocumentsRepository } from '../../../db/documents.repository.ts';
import { toFtsMatch } from '../../../db/fts.ts';
import type { DocumentFilters, PassageText, RankedPassage, SearchRepository } from '../../../db/search.repository.ts';
import { AppError, notFound } from '../../errors.ts';
import { buildSnippet, termRanges } from '../../pipeline/highlight.ts';
import { parseQuery, QuerySyntaxError, type Filters, type ParsedQuery } from '../../pipeline/query-parser.ts';
import { asList } from '../schemas.ts';
import { toSummary } from '../documents/documents.service.ts';
import type { HighlightsResponse, SearchQuery, SearchResponse } from './search.schemas.ts';

const PASSAGES_PER_DOCUMENT = 3;
const NO_DOCUMENTS: Map<number, RankedPassage[]> = new Map();
// First guess at how many ranked passages hold a page of distinct documents; doubled until they do.
const PASSAGES_PER_RESULT_GUESS = 4;

export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly documents: DocumentsRepository,
  ) {}

  async run(request: SearchQuery): Promise<SearchResponse> {
    const q = request.q ?? '';
    const parsed = parse(q);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const offset = (page - 1) * pageSize;
    const match = toFtsMatch(parsed);
    const filters = mergeFilters(parsed.filters, request);
    // Ranking and counting are independent: they run at once, on different reader threads.
    const [ranked, { total, facets }] = await Promise.all([
      match === null ? NO_DOCUMENTS : this.rankDocuments(match, filters, offset + pageSize),
      this.search.facets(match, filters),
    ]);
    const pageDocuments =
      match === null ? await this.search.browse(filters, pageSize, offset) : [...ranked.keys()].slice(offset, offset + pageSize);
    const bestPassageIds = pageDocuments.flatMap((id) => (ranked.get(id) ?? []).slice(0, PASSAGES_PER_DOCUMENT).map((p) => p.passageId));
    const [summaries, passages] = await Promise.all([
      this.documents.summariesByIds(pageDocuments),
      this.search.passagesByIds(bestPassageIds),
    ]);
    const passageById = new Map(passages.map((p) => [p.id, p]));
    const results = pageDocuments.map((id) => ({
      document: toSummary(summaries.get(id)!),
      score: -(ranked.get(id)?.[0]?.score ?? 0),
      passages: (ranked.get(id) ?? [])
        .slice(0, PASSAGES_PER_DOCUMENT)
        .map((p) => toHit(passageById.get(p.passageId)!, parsed))
        .filter((hit) => hit !== null),
    }));
    return { query: q, total, page, pageSize, results, facets };
  }

  async highlights(documentId: number, q: string): Promise<HighlightsResponse> {
    if (!(await this.documents.exists(documentId))) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    const parsed = parse(q);
    const passages = await this.documents.passagesOf(documentId);
    const hits = passages.flatMap((p) =>
      termRanges(p.text, parsed).map((r) => ({ passageId: p.id, start: p.start + r.start, end: p.start + r.end })),
    );
    return { hits };
  }

  /** Documents in rank order (each by its best passage) with their ranked passages; at least `wanted` documents when that many match. */
  private async rankDocuments(match: string, filters: DocumentFilters, wanted: number): Promise<Map<number, RankedPassage[]>> {
    for (let limit = wanted * PASSAGES_PER_RESULT_GUESS; ; limit *= 4) {
      const ranked = await this.search.rankedPassages(match, filters, limit);
      const documents = groupByDocument(ranked);
      if (documents.size >= wanted || ranked.length < limit) return documents;
    }
  }
}

/** Passages arrive best first, so each document's first passage is its best and the map keeps rank order. */
function groupByDocument(ranked: RankedPassage[]): Map<number, RankedPassage[]> {
  const documents = new Map<number, RankedPassage[]>();
  for (const p of ranked) {
    const list = documents.get(p.documentId);
    if (list) list.push(p);
    else documents.set(p.documentId, [p]);
  }
  return documents;
}

/** A passage that matched only through its document's title has nothing to show as an excerpt. */
function toHit(p: PassageText, query: ParsedQuery) {
  const ranges = termRanges(p.text, query);
  if (ranges.length === 0) return null;
  return { id: p.id, ordinal: p.ordinal, start: p.start, end: p.end, snippet: buildSnippet(p.text, ranges) };
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

/** Filters written in the query and given as URL parameters both apply. */
export function mergeFilters(fromQuery: Filters, request: SearchQuery): DocumentFilters {
  const merged: DocumentFilters = { ...fromQuery, from: request.from, to: request.to };
  for (const field of ['kind', 'origin', 'language', 'collection'] as const) {
    const values = [...(fromQuery[field] ?? []), ...(asList(request[field]) ?? [])];
    if (values.length) merged[field] = values;
  }
  return merged;
}
