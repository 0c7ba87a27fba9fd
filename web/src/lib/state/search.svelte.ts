import { untrack } from 'svelte';
import { api, ApiError, isAbort } from '../api/client.ts';
import { removeEntityTerm, removeEntityTerms, toggleEntityTerm } from '../entity-query.ts';
import type { Collection, FacetField, SearchResponse } from '../api/types.ts';
import { EMPTY_QUERY, hasCriteria, parseSearchQuery, searchHref, toApiParams, toggleFacet, type SearchQuery } from '../search-url.ts';
import { describeFilters, type FilterKey } from '../facets.ts';
import { cached, remember } from '../search-cache.ts';
import { uniqueBy } from '../unique.ts';
import { router } from './router.svelte.ts';

export const PAGE_SIZE = 20;

type Status = 'idle' | 'loading' | 'ready' | 'error';

/**
 * State of the search page. Derived from the URL; the only writes go through router.navigate, so
 * back/forward and shared links reproduce exactly what the user saw. Create it during component
 * initialisation: the fetch effect belongs to the page component.
 */
export class SearchPageState {
  query: SearchQuery = $derived(parseSearchQuery(router.search));
  browsing = $derived(hasCriteria(this.query));
  activeFilters = $derived(describeFilters(this.query));
  /** A string key so the fetch effect re-runs only when the request really changes. */
  #requestKey = $derived(this.browsing ? JSON.stringify(toApiParams(this.query, PAGE_SIZE)) : '');

  status: Status = $state('idle');
  response: SearchResponse | null = $state(null);
  /** A 400 from the server: the query itself is wrong, shown next to the box. */
  queryError: ApiError | null = $state(null);
  /** Anything else: the server or network failed. */
  failure: ApiError | null = $state(null);
  collections: Collection[] | null = $state(null);
  /** Index of the result selected with j/k; -1 when none. */
  activeIndex = $state(-1);

  results = $derived(uniqueBy(this.response?.results ?? [], (result) => result.document.id));
  /** Top entities among the results, and the other spellings of an entity the query names. */
  entityFacets = $derived(uniqueBy(this.response?.facets.entity ?? [], (facet) => facet.value));
  alsoSearch = $derived(this.response?.alsoSearch ?? null);
  pageCount = $derived(this.response ? Math.max(1, Math.ceil(this.response.total / this.response.pageSize)) : 1);

  #controller: AbortController | null = null;

  constructor() {
    $effect(() => {
      const key = this.#requestKey;
      // Only the request key is a dependency; what the loaders read must not re-trigger them.
      untrack(() => (key ? void this.#load(key) : void this.#loadCollections()));
      return () => this.#controller?.abort();
    });
  }

  retry(): void {
    if (this.browsing) void this.#load(this.#requestKey, { fresh: true });
    else void this.#loadCollections();
  }

  async #load(key: string, options: { fresh?: boolean } = {}): Promise<void> {
    this.#controller?.abort();
    this.failure = null;
    const hit = options.fresh ? null : cached(key);
    if (hit) {
      this.#show(hit);
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    try {
      const params = JSON.parse(key) as ReturnType<typeof toApiParams>;
      const response = await api.search(params, controller.signal);
      remember(key, response);
      this.#show(response);
    } catch (error) {
      if (isAbort(error)) return;
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      if (apiError.status === 400) {
        this.queryError = apiError;
        this.response = null;
      } else {
        this.failure = apiError;
      }
      this.status = 'error';
    }
  }

  #show(response: SearchResponse): void {
    this.response = response;
    this.queryError = null;
    this.activeIndex = -1;
    this.status = 'ready';
  }

  async #loadCollections(): Promise<void> {
    this.#controller?.abort();
    this.response = null;
    this.queryError = null;
    this.failure = null;
    this.activeIndex = -1;
    if (this.collections) {
      this.status = 'ready';
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    try {
      this.collections = uniqueBy((await api.collections(controller.signal)).collections, (c) => c.id);
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      this.status = 'error';
    }
  }

  go(query: SearchQuery): void {
    router.navigate(searchHref(query));
  }

  /** A new query keeps the filters but starts again from page 1. */
  submit(q: string): void {
    // New words are ranked the default way again: ranking every match was asked for the words before.
    this.go({ ...this.query, q, page: 1, rankAll: false });
  }

  toggle(field: FacetField, value: string): void {
    this.go(toggleFacet(this.query, field, value));
  }

  /** The entity facet adds `entity:"Name"` to the query text, or takes it out again. */
  toggleEntity(name: string): void {
    this.go({ ...this.query, q: toggleEntityTerm(this.query.q, name), page: 1 });
  }

  clearFilter(field: FilterKey): void {
    if (field.startsWith('entity:')) this.go({ ...this.query, q: removeEntityTerm(this.query.q, field.slice('entity:'.length)), page: 1 });
    else if (field === 'dates') this.go({ ...this.query, from: '', to: '', page: 1 });
    else this.go({ ...this.query, [field]: '', page: 1 });
  }

  clearAll(): void {
    this.go({ ...EMPTY_QUERY, q: removeEntityTerms(this.query.q) });
  }

  setDates(from: string, to: string): void {
    this.go({ ...this.query, from, to, page: 1 });
  }

  pageHref(page: number): string {
    return searchHref({ ...this.query, page });
  }

  /** Moves the j/k selection, clamped to the results on this page; returns the new index. */
  move(delta: number): number {
    const count = this.results.length;
    if (count === 0) return -1;
    const next = this.activeIndex < 0 ? (delta > 0 ? 0 : count - 1) : this.activeIndex + delta;
    this.activeIndex = Math.min(count - 1, Math.max(0, next));
    return this.activeIndex;
  }
}
