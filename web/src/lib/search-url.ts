// The search page keeps its whole state in the URL so every search is a shareable link and
// back/forward just work. These helpers are the only place that knows the parameter names.

import type { FacetField, SearchParams } from './api/types.ts';

export const FILTER_FIELDS = ['kind', 'origin', 'language', 'collection'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export interface SearchQuery {
  q: string;
  kind: string;
  origin: string;
  language: string;
  collection: string;
  from: string;
  to: string;
  page: number;
  /** Rank every match (`rank=all`), not only the first the server ranks by default (rankedAmong). */
  rankAll: boolean;
}

export const EMPTY_QUERY: SearchQuery = {
  q: '',
  kind: '',
  origin: '',
  language: '',
  collection: '',
  from: '',
  to: '',
  page: 1,
  rankAll: false,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseSearchQuery(search: string): SearchQuery {
  const params = new URLSearchParams(search);
  const text = (name: string) => (params.get(name) ?? '').trim();
  const date = (name: string) => (ISO_DATE.test(text(name)) ? text(name) : '');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    kind: text('kind'),
    origin: text('origin'),
    language: text('language'),
    collection: text('collection'),
    from: date('from'),
    to: date('to'),
    page: Number.isFinite(page) && page > 0 ? page : 1,
    rankAll: params.get('rank') === 'all',
  };
}

export function searchHref(query: Partial<SearchQuery>): string {
  const full = { ...EMPTY_QUERY, ...query };
  const params = new URLSearchParams();
  if (full.q.trim()) params.set('q', full.q);
  for (const field of FILTER_FIELDS) if (full[field]) params.set(field, full[field]);
  if (full.from) params.set('from', full.from);
  if (full.to) params.set('to', full.to);
  if (full.page > 1) params.set('page', String(full.page));
  if (full.rankAll && full.q.trim()) params.set('rank', 'all');
  const text = params.toString();
  return text ? `/search?${text}` : '/';
}

/** One query-string parameter, trimmed; '' when absent. */
export function readParam(search: string, name: string): string {
  return (new URLSearchParams(search).get(name) ?? '').trim();
}

export function hasCriteria(query: SearchQuery): boolean {
  return Boolean(query.q.trim() || FILTER_FIELDS.some((field) => query[field]) || query.from || query.to);
}

export function toApiParams(query: SearchQuery, pageSize: number): SearchParams {
  return {
    q: query.q.trim(),
    kind: query.kind,
    origin: query.origin,
    language: query.language,
    collection: query.collection,
    from: query.from,
    to: query.to,
    page: query.page,
    pageSize,
    rank: query.rankAll ? 'all' : undefined,
  };
}

/** The API has no year filter; a year facet is the date range covering that calendar year. */
export function yearRange(year: string): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function activeYear(query: SearchQuery): string | null {
  const match = /^(\d{4})-01-01$/.exec(query.from);
  return match && query.to === `${match[1]}-12-31` ? match[1]! : null;
}

export function isFacetActive(query: SearchQuery, field: FacetField, value: string): boolean {
  return field === 'year' ? activeYear(query) === value : query[field] === value;
}

/** Toggling a facet value replaces that field's filter (one value per field) and returns to page 1. */
export function toggleFacet(query: SearchQuery, field: FacetField, value: string): SearchQuery {
  const active = isFacetActive(query, field, value);
  if (field === 'year') {
    return { ...query, ...(active ? { from: '', to: '' } : yearRange(value)), page: 1 };
  }
  return { ...query, [field]: active ? '' : value, page: 1 };
}

export function documentHref(ref: string, options: { q?: string; ordinal?: number; with?: string } = {}): string {
  const params = new URLSearchParams();
  const q = options.q?.trim();
  if (q) params.set('q', q);
  if (options.with) params.set('with', options.with);
  const search = params.size > 0 ? `?${params.toString()}` : '';
  const hash = options.ordinal !== undefined ? `#p${options.ordinal}` : '';
  return `/documents/${encodeURIComponent(ref)}${search}${hash}`;
}
