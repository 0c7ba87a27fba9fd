import type { DocumentsRepository } from '../../../db/documents.repository.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, toFtsMatch } from '../../../db/fts.ts';
import type { DocumentFilters, SearchRepository } from '../../../db/search.repository.ts';
import { AppError, notFound } from '../../errors.ts';
import { buildSnippet, originalHighlights } from '../../pipeline/highlight.ts';
import { parseQuery, QuerySyntaxError, type Filters, type ParsedQuery } from '../../pipeline/query-parser.ts';
import { asList } from '../schemas.ts';
import { toSummary } from '../documents/documents.service.ts';
import type { HighlightsResponse, SearchQuery, SearchResponse } from './search.schemas.ts';

const PASSAGES_PER_DOCUMENT = 3;

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
    const match = toFtsMatch(parsed);
    const result = await this.search.searchPage({
      match,
      filters: mergeFilters(parsed.filters, request),
      limit: pageSize,
      offset: (page - 1) * pageSize,
      passagesPerDocument: PASSAGES_PER_DOCUMENT,
    });
    const summaries = await this.documents.summariesByIds(result.documents.map((d) => d.id));
    const results = result.documents.map((d) => ({
      document: toSummary(summaries.get(d.id)!),
      score: d.score,
      passages: result.passages
        .filter((p) => p.documentId === d.id)
        .map((p) => {
          const ranges = originalHighlights(p.text, p.marked, HIGHLIGHT_START, HIGHLIGHT_END);
          return { id: p.id, ordinal: p.ordinal, start: p.start, end: p.end, snippet: buildSnippet(p.text, ranges, HIGHLIGHT_START, HIGHLIGHT_END) };
        }),
    }));
    return { query: q, total: result.total, page, pageSize, results, facets: result.facets };
  }

  async highlights(documentId: number, q: string): Promise<HighlightsResponse> {
    if (!(await this.documents.exists(documentId))) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    const match = toFtsMatch(parse(q));
    if (match === null) return { hits: [] };
    const rows = await this.search.documentHits(match, documentId);
    const hits = rows.flatMap((row) =>
      originalHighlights(row.text, row.marked, HIGHLIGHT_START, HIGHLIGHT_END).map((r) => ({
        passageId: row.id,
        start: row.start + r.start,
        end: row.start + r.end,
      })),
    );
    return { hits };
  }
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
