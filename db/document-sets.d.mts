import type { DocumentFilters } from './document-filters.ts';

/** The facet filters a document set can stand for (the filters the reader threads hold facet values for). */
export type SetFilterName = 'kind' | 'origin' | 'language' | 'collection' | 'year';
export type DocumentSetFilters = Partial<Pick<DocumentFilters, SetFilterName>>;

export const SET_FILTERS: readonly SetFilterName[];
/** A query parameter standing for the documents the filters allow; a reader thread binds it to a bitmap. */
export function documentSetParameter(filters: DocumentSetFilters): unknown;
