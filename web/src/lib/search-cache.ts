import type { SearchResponse } from './api/types.ts';

// Recent answers by request key, so back/forward redraws at once and can restore the scroll position.
// A plain (non-reactive) map: entries are read once per request, never rendered directly.
const LIMIT = 20;
const MAX_AGE_MS = 5 * 60_000;
const entries = new Map<string, { at: number; response: SearchResponse }>();

export function cached(key: string): SearchResponse | null {
  const entry = entries.get(key);
  if (!entry || Date.now() - entry.at > MAX_AGE_MS) return null;
  return entry.response;
}

export function remember(key: string, response: SearchResponse): void {
  entries.delete(key);
  entries.set(key, { at: Date.now(), response });
  const oldest = entries.keys().next();
  if (entries.size > LIMIT && !oldest.done) entries.delete(oldest.value);
}
