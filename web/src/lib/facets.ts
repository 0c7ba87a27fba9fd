// Labels and display rules for facets and active filters, shared by the sidebar and the filter chips.

import type { Facet, FacetField, Facets } from './api/types.ts';
import { entityTerms } from './entity-query.ts';
import { formatDate, kindLabel, languageLabel } from './format.ts';
import { activeYear, FILTER_FIELDS, type FilterField, type SearchQuery } from './search-url.ts';
import { uniqueBy } from './unique.ts';

export const FACET_FIELDS: readonly FacetField[] = ['kind', 'origin', 'year', 'language', 'collection'];

export const FIELD_LABELS: Record<FacetField, string> = {
  kind: 'Kind',
  origin: 'Origin',
  year: 'Year',
  language: 'Language',
  collection: 'Collection',
};

export function formatFacetValue(field: FacetField, value: string): string {
  if (field === 'kind') return kindLabel(value);
  if (field === 'language') return languageLabel(value);
  return value;
}

/** Facet groups in sidebar order; years newest first, the rest in the server's by-count order. */
export function groupFacets(facets: Facets | null | undefined): Array<{ field: FacetField; facets: Facet[] }> {
  if (!facets) return [];
  return FACET_FIELDS.map((field) => {
    const unique = uniqueBy(facets[field] ?? [], (facet) => facet.value);
    return { field, facets: field === 'year' ? unique.sort((a, b) => b.value.localeCompare(a.value)) : unique };
  });
}

/** A URL filter, the date range, or an `entity:"Name"` term of the query text. */
export type FilterKey = FilterField | 'dates' | `entity:${string}`;

export interface ActiveFilter {
  key: FilterKey;
  label: string;
  value: string;
}

/** The filters in force, as chips: one per field, with the date range shown as a year when it is one. */
export function describeFilters(query: SearchQuery): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  for (const field of FILTER_FIELDS) {
    if (query[field]) filters.push({ key: field, label: FIELD_LABELS[field], value: formatFacetValue(field, query[field]) });
  }
  const year = activeYear(query);
  if (year) {
    filters.push({ key: 'dates', label: 'Year', value: year });
  } else if (query.from || query.to) {
    const value = `${query.from ? formatDate(query.from) : '…'} – ${query.to ? formatDate(query.to) : '…'}`;
    filters.push({ key: 'dates', label: 'Dates', value });
  }
  for (const term of entityTerms(query.q)) {
    const key = `entity:${term.name}` as const;
    if (term.name && !filters.some((filter) => filter.key === key)) filters.push({ key, label: 'Entity', value: term.name });
  }
  return filters;
}
