import type { DocumentResponse } from './api/types.ts';

// Source documents the report reader has fetched, by id, so stepping back to a quotation of the same
// cable redraws at once. A plain (non-reactive) map, like search-cache.ts: read once per request.
const LIMIT = 30;
const entries = new Map<number, DocumentResponse>();

export function cachedDocument(id: number): DocumentResponse | null {
  return entries.get(id) ?? null;
}

export function rememberDocument(response: DocumentResponse): void {
  entries.delete(response.document.id);
  entries.set(response.document.id, response);
  const oldest = entries.keys().next();
  if (entries.size > LIMIT && !oldest.done) entries.delete(oldest.value);
}
