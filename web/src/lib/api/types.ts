// Wire types for the Trove HTTP API. Written from the API contract rather than imported from server/,
// so the web bundle never pulls server code in.

export type DocumentKind = 'cable' | 'report' | 'document';

export interface DocumentSummary {
  id: number;
  ref: string;
  title: string | null;
  date: string | null;
  dateText: string | null;
  kind: DocumentKind;
  origin: string | null;
  language: string | null;
  collection: string;
}

export interface DocumentDetail extends DocumentSummary {
  author: string | null;
  classification: string | null;
  sourceFile: string | null;
  sha256: string;
  metadata: Record<string, unknown>;
  body: string;
}

/** A search snippet: U+0002 opens a highlight and U+0003 closes it; may begin or end with '…'. */
export interface SearchPassage {
  id: number;
  ordinal: number;
  start: number;
  end: number;
  snippet: string;
}

export interface SearchResult {
  document: DocumentSummary;
  score: number;
  passages: SearchPassage[];
}

export interface Facet {
  value: string;
  count: number;
}

export type FacetField = 'kind' | 'origin' | 'year' | 'language' | 'collection';

export type Facets = Record<FacetField, Facet[]>;

export interface SearchResponse {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  results: SearchResult[];
  facets: Facets;
}

export type DocumentSort = 'date' | '-date' | 'ref';

export interface DocumentListResponse {
  total: number;
  page: number;
  pageSize: number;
  documents: DocumentSummary[];
}

export interface Passage {
  id: number;
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

export interface DocumentResponse {
  document: DocumentDetail;
  passages: Passage[];
}

/** Offsets are into the document body: body.slice(start, end) is the matched text. */
export interface Hit {
  passageId: number;
  start: number;
  end: number;
}

export interface HighlightsResponse {
  hits: Hit[];
}

export interface Collection {
  id: number;
  name: string;
  documentCount: number;
}

export interface CollectionsResponse {
  collections: Collection[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; position?: number };
}

/** Filters shared by /api/search and /api/documents. Dates are ISO YYYY-MM-DD. */
export interface DocumentFilters {
  kind?: string;
  origin?: string;
  language?: string;
  collection?: string;
  from?: string;
  to?: string;
}

export interface SearchParams extends DocumentFilters {
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ListParams extends DocumentFilters {
  sort?: DocumentSort;
  page?: number;
  pageSize?: number;
}
