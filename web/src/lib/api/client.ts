import type {
  ApiErrorBody,
  CollectionsResponse,
  DocumentListResponse,
  DocumentQuotedInResponse,
  DocumentResponse,
  HighlightsResponse,
  ListParams,
  Quotation,
  ReportResponse,
  SearchParams,
  SearchResponse,
  Span,
} from './types.ts';

/** An error the API answered with, or a transport failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly position: number | undefined;

  constructor(status: number, code: string, message: string, position?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.position = position;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

function queryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // Empty strings are dropped so the server sees "no filter" rather than "filter by empty".
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

async function requestJson<T>(path: string, init: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'network', 'The Trove server could not be reached. Check your connection and try again.');
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
  }
  if (!response.ok) {
    if (isErrorBody(body)) {
      const { code, message, position } = body.error;
      throw new ApiError(response.status, code, message, typeof position === 'number' ? position : undefined);
    }
    throw new ApiError(response.status, 'http', `The server answered ${response.status} ${response.statusText}.`);
  }
  if (body === null) throw new ApiError(response.status, 'invalid_json', 'The server sent a response that is not JSON.');
  return body as T;
}

function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson(path, { signal });
}

function sendJson<T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T> {
  return requestJson(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

export const api = {
  search(params: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
    return getJson(`/api/search${queryString(params)}`, signal);
  },
  listDocuments(params: ListParams, signal?: AbortSignal): Promise<DocumentListResponse> {
    return getJson(`/api/documents${queryString(params)}`, signal);
  },
  documentByRef(ref: string, signal?: AbortSignal): Promise<DocumentResponse> {
    return getJson(`/api/documents/by-ref/${encodeURIComponent(ref)}`, signal);
  },
  document(id: number, signal?: AbortSignal): Promise<DocumentResponse> {
    return getJson(`/api/documents/${id}`, signal);
  },
  highlights(id: number, q: string, signal?: AbortSignal): Promise<HighlightsResponse> {
    return getJson(`/api/documents/${id}/highlights${queryString({ q })}`, signal);
  },
  collections(signal?: AbortSignal): Promise<CollectionsResponse> {
    return getJson('/api/collections', signal);
  },
  reportByRef(ref: string, signal?: AbortSignal): Promise<ReportResponse> {
    return getJson(`/api/reports/by-ref/${encodeURIComponent(ref)}`, signal);
  },
  quotedIn(documentId: number, signal?: AbortSignal): Promise<DocumentQuotedInResponse> {
    return getJson(`/api/documents/${documentId}/quoted-in`, signal);
  },
  // Review actions answer with the quotation as it now stands, links included. `by` names the person
  // acting until Trove has accounts.
  reviewLink(linkId: number, status: 'confirmed' | 'rejected', by: string): Promise<Quotation> {
    return sendJson('PATCH', `/api/quote-links/${linkId}`, { status, by });
  },
  detachLink(linkId: number, by: string): Promise<Quotation> {
    return sendJson('POST', `/api/quote-links/${linkId}/detach`, { by });
  },
  attachLink(quotationId: number, documentId: number, fragments: Span[], by: string): Promise<Quotation> {
    return sendJson('POST', `/api/quotations/${quotationId}/links`, { documentId, fragments, by });
  },
  decideQuotation(quotationId: number, decision: 'not_in_archive' | null, by: string): Promise<Quotation> {
    return sendJson('PATCH', `/api/quotations/${quotationId}`, { decision, by });
  },
};
