import type {
  AccountChange,
  AdminAccount,
  AdminAccountsResponse,
  AdminCollectionsResponse,
  AlignmentPair,
  AlignmentResponse,
  ApiErrorBody,
  AuditParams,
  AuditResponse,
  MemberRole,
  MembersResponse,
  NewAccount,
  Visibility,
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
  SessionResponse,
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

/** Any failure as an ApiError, so that pages have one shape of error to show. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
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

/** `?a=1&b=2` from defined, non-empty values; '' when there are none. */
export function queryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // Empty strings are dropped so the server sees "no filter" rather than "filter by empty".
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

// Kept in memory only: the session cookie is HttpOnly, and every change made under it must echo this
// token, which GET and POST /api/session hand out.
let csrfToken: string | null = null;

/** The parsed answer, or null for an empty one (204). Throws ApiError for anything but 2xx. */
async function request(path: string, init: RequestOptions = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'network', 'The Trove server could not be reached. Check your connection and try again.');
  }
  let body: unknown = null;
  try {
    if (response.status !== 204) body = await response.json();
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
  if (body === null && response.status !== 204) {
    throw new ApiError(response.status, 'invalid_json', 'The server sent a response that is not JSON.');
  }
  return body;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request(path, { signal })) as T;
}

function sendOnce(method: Exclude<Method, 'GET'>, path: string, body: unknown): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body === undefined) return request(path, { method, headers });
  headers['content-type'] = 'application/json';
  return request(path, { method, headers, body: JSON.stringify(body) });
}

/** A change, sent with the session's CSRF token; a token gone stale (signed in in another tab) is fetched again once. */
export async function send<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<T> {
  try {
    return (await sendOnce(method, path, body)) as T;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403 || error.code !== 'auth.csrf') throw error;
    await api.session();
    return (await sendOnce(method, path, body)) as T;
  }
}

function keepToken(session: SessionResponse): SessionResponse {
  csrfToken = session.csrfToken;
  return session;
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
  alignment(id: number, withId: number, signal?: AbortSignal): Promise<AlignmentResponse> {
    return getJson(`/api/documents/${id}/alignment${queryString({ with: withId })}`, signal);
  },
  saveAlignment(id: number, withId: number, pairs: AlignmentPair[]): Promise<AlignmentResponse> {
    return send('PUT', `/api/documents/${id}/alignment${queryString({ with: withId })}`, { pairs });
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
  /** Who is signed in; also refreshes the CSRF token that changes are sent with. */
  async session(signal?: AbortSignal): Promise<SessionResponse> {
    return keepToken(await getJson('/api/session', signal));
  },
  /** Signs in: the server sets an HttpOnly session cookie. 401 auth.invalid_credentials, 429 auth.rate_limited. */
  async signIn(name: string, password: string): Promise<SessionResponse> {
    return keepToken(await send('POST', '/api/session', { name, password }));
  },
  async signOut(): Promise<void> {
    await send('DELETE', '/api/session');
    csrfToken = null;
  },
  // Review actions answer with the quotation as it now stands, links included. The person acting is
  // the signed-in account: 401 auth.required without one, 403 auth.forbidden without the rights.
  reviewLink(linkId: number, status: 'confirmed' | 'rejected'): Promise<Quotation> {
    return send('PATCH', `/api/quote-links/${linkId}`, { status });
  },
  detachLink(linkId: number): Promise<Quotation> {
    return send('POST', `/api/quote-links/${linkId}/detach`, {});
  },
  attachLink(quotationId: number, documentId: number, fragments: Span[]): Promise<Quotation> {
    return send('POST', `/api/quotations/${quotationId}/links`, { documentId, fragments });
  },
  decideQuotation(quotationId: number, decision: 'not_in_archive' | null): Promise<Quotation> {
    return send('PATCH', `/api/quotations/${quotationId}`, { decision });
  },
  // Administration: admins only (401 auth.required signed out, 403 auth.forbidden for other roles).
  adminAccounts(signal?: AbortSignal): Promise<AdminAccountsResponse> {
    return getJson('/api/admin/accounts', signal);
  },
  /** 409 account.exists, 400 account.weak_password or account.invalid_name. */
  createAccount(account: NewAccount): Promise<AdminAccount> {
    return send('POST', '/api/admin/accounts', account);
  },
  /** Disabling ends the account's sessions at once. */
  changeAccount(name: string, change: AccountChange): Promise<AdminAccount> {
    return send('PATCH', `/api/admin/accounts/${encodeURIComponent(name)}`, change);
  },
  /** Signs the account out everywhere. */
  async setPassword(name: string, password: string): Promise<void> {
    await send('POST', `/api/admin/accounts/${encodeURIComponent(name)}/password`, { password });
  },
  adminCollections(signal?: AbortSignal): Promise<AdminCollectionsResponse> {
    return getJson('/api/admin/collections', signal);
  },
  async setVisibility(collection: string, visibility: Visibility): Promise<void> {
    await send('PATCH', `/api/admin/collections/${encodeURIComponent(collection)}`, { visibility });
  },
  members(collection: string, signal?: AbortSignal): Promise<MembersResponse> {
    return getJson(`/api/admin/collections/${encodeURIComponent(collection)}/members`, signal);
  },
  /** Adds a member, or changes their role in the collection. */
  async putMember(collection: string, account: string, role: MemberRole): Promise<void> {
    await send('PUT', `/api/admin/collections/${encodeURIComponent(collection)}/members/${encodeURIComponent(account)}`, { role });
  },
  async removeMember(collection: string, account: string): Promise<void> {
    await send('DELETE', `/api/admin/collections/${encodeURIComponent(collection)}/members/${encodeURIComponent(account)}`);
  },
  /** Newest first; pass nextBefore as `before` for the next page. */
  audit(params: AuditParams, signal?: AbortSignal): Promise<AuditResponse> {
    return getJson(`/api/audit${queryString(params)}`, signal);
  },
};
