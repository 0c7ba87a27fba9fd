// The entity index and entity pages keep their state in the URL (type, words, sort, page), so that a
// view can be shared and back/forward just work. These helpers are the only place that knows the names.

import type { EntitySort, MentionSort } from './api/types.ts';

export const ENTITIES_PATH = '/entities';

export const ENTITY_SORTS: ReadonlyArray<{ value: EntitySort; label: string }> = [
  { value: '-mentions', label: 'Most mentioned' },
  { value: 'mentions', label: 'Least mentioned' },
  { value: 'name', label: 'Name, A to Z' },
  { value: '-name', label: 'Name, Z to A' },
];

export interface EntityIndexQuery {
  type: string;
  q: string;
  sort: EntitySort;
  page: number;
}

export const EMPTY_INDEX_QUERY: EntityIndexQuery = { type: '', q: '', sort: '-mentions', page: 1 };

function pageOf(params: URLSearchParams): number {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return Number.isFinite(page) && page > 0 && page <= 10_000 ? page : 1;
}

export function parseIndexQuery(search: string): EntityIndexQuery {
  const params = new URLSearchParams(search);
  const sort = params.get('sort');
  const type = (params.get('type') ?? '').trim();
  return {
    // The server accepts type names of lower-case letters, digits and underscores only.
    type: /^[a-z][a-z0-9_]{0,39}$/.test(type) ? type : '',
    q: (params.get('q') ?? '').slice(0, 200),
    sort: ENTITY_SORTS.find((s) => s.value === sort)?.value ?? '-mentions',
    page: pageOf(params),
  };
}

export function indexHref(query: Partial<EntityIndexQuery>): string {
  const full = { ...EMPTY_INDEX_QUERY, ...query };
  const params = new URLSearchParams();
  if (full.type) params.set('type', full.type);
  if (full.q.trim()) params.set('q', full.q);
  if (full.sort !== '-mentions') params.set('sort', full.sort);
  if (full.page > 1) params.set('page', String(full.page));
  const text = params.toString();
  return text ? `${ENTITIES_PATH}?${text}` : ENTITIES_PATH;
}

/** The CSV export of what the index shows (every page of it). */
export function csvHrefOf(query: EntityIndexQuery): string {
  const params = new URLSearchParams();
  if (query.type) params.set('type', query.type);
  if (query.q.trim()) params.set('q', query.q.trim());
  const text = params.toString();
  return text ? `/api/entities.csv?${text}` : '/api/entities.csv';
}

export interface EntityPageQuery {
  sort: MentionSort;
  page: number;
}

export function parsePageQuery(search: string): EntityPageQuery {
  const params = new URLSearchParams(search);
  return { sort: params.get('sort') === '-date' ? '-date' : 'date', page: pageOf(params) };
}

/** An entity page, optionally at a page of its mentions in an order. */
export function entityHref(id: number, query: Partial<EntityPageQuery> = {}): string {
  const params = new URLSearchParams();
  if (query.sort === '-date') params.set('sort', '-date');
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return `${ENTITIES_PATH}/${id}${text ? `?${text}` : ''}`;
}

/** "2014-11" → "Nov 2014". */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Every month from the first to the last of `counts`, the empty ones as 0, so the bars keep time's scale. */
export function fillMonths(counts: ReadonlyArray<{ month: string; count: number }>): Array<{ month: string; count: number }> {
  const valid = counts.filter((c) => /^\d{4}-\d{2}$/.test(c.month)).sort((a, b) => a.month.localeCompare(b.month));
  const first = valid[0];
  const last = valid[valid.length - 1];
  if (!first || !last) return [];
  const byMonth = new Map(valid.map((c) => [c.month, c.count]));
  const out: Array<{ month: string; count: number }> = [];
  let [year, month] = first.month.split('-').map(Number) as [number, number];
  // A timeline spanning centuries (a mistyped date) is shown as its months with mentions only.
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push({ month: key, count: byMonth.get(key) ?? 0 });
    if (key === last.month) return out;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return valid;
}
