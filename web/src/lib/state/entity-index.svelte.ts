import { untrack } from 'svelte';
import { isAbort, toApiError, type ApiError } from '../api/client.ts';
import { entitiesApi } from '../api/entities.ts';
import type { EntityListResponse, EntityType } from '../api/types.ts';
import { indexHref, parseIndexQuery, type EntityIndexQuery } from '../entity-url.ts';
import { uniqueBy } from '../unique.ts';
import { router } from './router.svelte.ts';

export const INDEX_PAGE_SIZE = 25;
/** How long typing pauses before the list follows it: long enough not to ask for every letter. */
const TYPE_AHEAD_MS = 200;

/** Said once on the index after an entity page deleted its entity and came back here. */
let farewell = '';
export function sayAfterDelete(message: string): void {
  farewell = message;
}

/**
 * The entity index. Its filters live in the URL; the search box writes there as the reader types (replacing
 * the history entry, so Back leaves the index rather than stepping through letters). Create it during
 * component initialisation: the fetch effect belongs to the page.
 */
export class EntityIndexState {
  query: EntityIndexQuery = $derived(parseIndexQuery(router.search));
  /** What the box holds now; the URL follows it after a pause, and back/forward set it again. */
  typed = $derived(this.query.q);
  status: 'loading' | 'ready' | 'error' = $state('loading');
  response: EntityListResponse | null = $state.raw(null);
  failure: ApiError | null = $state(null);
  types: EntityType[] = $state.raw([]);
  /** A polite message: what the list now shows, or what was just deleted. */
  message = $state(farewell);

  entities = $derived(uniqueBy(this.response?.entities ?? [], (e) => e.id));
  pageCount = $derived(this.response ? Math.max(1, Math.ceil(this.response.total / this.response.pageSize)) : 1);
  #key = $derived(JSON.stringify(this.query));
  #timer: ReturnType<typeof setTimeout> | undefined;
  #shown = 0;

  constructor() {
    farewell = '';
    $effect(() => {
      const key = this.#key;
      const controller = new AbortController();
      untrack(() => void this.#load(JSON.parse(key) as EntityIndexQuery, controller.signal));
      return () => controller.abort();
    });
    $effect(() => {
      const controller = new AbortController();
      entitiesApi.types(controller.signal).then(
        (answer) => (this.types = answer.types),
        // Without the list the filter still offers the types the entities shown have.
        () => undefined,
      );
      return () => {
        controller.abort();
        clearTimeout(this.#timer);
      };
    });
  }

  async #load(query: EntityIndexQuery, signal: AbortSignal): Promise<void> {
    // Rows already shown stay while the next answer comes, rather than flashing away at every letter.
    if (!this.response) this.status = 'loading';
    this.failure = null;
    try {
      const answer = await entitiesApi.list(
        { type: query.type || undefined, q: query.q.trim() || undefined, sort: query.sort, page: query.page, pageSize: INDEX_PAGE_SIZE },
        signal,
      );
      this.response = answer;
      this.status = 'ready';
      // The message of a deletion stays for the first list; after that, an unfiltered list needs none.
      const first = this.#shown++ === 0;
      if (query.q.trim() || query.type) this.message = `${answer.total} ${answer.total === 1 ? 'entity' : 'entities'} found.`;
      else if (!first) this.message = '';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = toApiError(error);
      this.status = 'error';
    }
  }

  retry(): void {
    void this.#load(this.query, new AbortController().signal);
  }

  /** For the search box's input: the list follows after a pause, from page 1. */
  type(text: string): void {
    this.typed = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.go({ q: text, page: 1 }, { replace: true }), TYPE_AHEAD_MS);
  }

  /** Enter in the box: no need to wait. */
  submit(): void {
    clearTimeout(this.#timer);
    this.go({ q: this.typed, page: 1 });
  }

  go(change: Partial<EntityIndexQuery>, options: { replace?: boolean } = {}): void {
    router.navigate(indexHref({ ...this.query, ...change }), options);
  }

  pageHref = (page: number): string => indexHref({ ...this.query, page });
}
