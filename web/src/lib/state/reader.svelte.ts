import { untrack } from 'svelte';
import { api, ApiError, isAbort } from '../api/client.ts';
import type { DocumentResponse, Hit, QuotedIn } from '../api/types.ts';
import { groupQuotedIn } from '../quotes.ts';
import { readParam } from '../search-url.ts';
import { orderHits, placeHits } from '../text.ts';
import { uniqueBy } from '../unique.ts';
import { MentionsState } from './mentions.svelte.ts';
import { router } from './router.svelte.ts';

type Status = 'loading' | 'ready' | 'not-found' | 'error';

function parseOrdinal(hash: string): number | null {
  const match = /^#p(\d+)$/.exec(hash);
  return match ? Number(match[1]) : null;
}

/**
 * State of the document reader: the document, the query hits inside it and the hit cursor.
 * The ref, query and target passage come from the URL. Create it during component initialisation.
 */
export class ReaderState {
  ref: string = $derived(router.route.name === 'document' ? router.route.ref : '');
  q: string = $derived(readParam(router.search, 'q'));
  /** Passage ordinal named by the fragment (#p12), kept highlighted until the fragment changes. */
  targetOrdinal: number | null = $derived(parseOrdinal(router.hash));

  status: Status = $state('loading');
  data: DocumentResponse | null = $state(null);
  failure: ApiError | null = $state(null);

  hits: Hit[] = $state([]);
  hitsStatus: 'idle' | 'loading' | 'ready' | 'error' = $state('idle');
  hitsError: ApiError | null = $state(null);
  /** Index into hits of the hit last moved to; -1 before the reader has moved. */
  current = $state(-1);

  /** Report quotations whose source is in this document; a failure only leaves the markers out. */
  quotedIn: QuotedIn[] = $state.raw([]);

  hitsByPassage = $derived(placeHits(this.hits));
  document = $derived(this.data?.document ?? null);
  passages = $derived(uniqueBy(this.data?.passages ?? [], (passage) => passage.id));
  quotedInByPassage = $derived(groupQuotedIn(this.passages, this.quotedIn));
  /** Entity mentions in this document: highlights, legend toggles, confirm and reject. */
  mentions = new MentionsState(
    () => this.document?.id,
    () => this.passages,
  );

  constructor() {
    $effect(() => {
      const ref = this.ref;
      if (!ref) return;
      const controller = new AbortController();
      untrack(() => void this.#loadDocument(ref, controller.signal));
      return () => controller.abort();
    });
    $effect(() => {
      const id = this.document?.id;
      const q = this.q;
      if (id === undefined) return;
      const controller = new AbortController();
      untrack(() => void this.#loadHits(id, q, controller.signal));
      return () => controller.abort();
    });
    $effect(() => {
      const id = this.document?.id;
      if (id === undefined) return;
      const controller = new AbortController();
      untrack(() => void this.#loadQuotedIn(id, controller.signal));
      return () => controller.abort();
    });
  }

  async #loadQuotedIn(id: number, signal: AbortSignal): Promise<void> {
    this.quotedIn = [];
    try {
      this.quotedIn = uniqueBy((await api.quotedIn(id, signal)).quotedIn, (entry) => entry.link.id);
    } catch {
      // The document reads fine without the markers; nothing to tell the reader.
    }
  }

  async #loadDocument(ref: string, signal: AbortSignal): Promise<void> {
    this.status = 'loading';
    this.data = null;
    this.failure = null;
    try {
      this.data = await api.documentByRef(ref, signal);
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      this.data = null;
      this.failure = apiError;
      this.status = apiError.status === 404 ? 'not-found' : 'error';
    }
  }

  async #loadHits(id: number, q: string, signal: AbortSignal): Promise<void> {
    this.current = -1;
    this.hitsError = null;
    if (!q) {
      this.hits = [];
      this.hitsStatus = 'idle';
      return;
    }
    this.hitsStatus = 'loading';
    try {
      this.hits = orderHits((await api.highlights(id, q, signal)).hits);
      this.hitsStatus = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.hits = [];
      this.hitsError = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      this.hitsStatus = 'error';
    }
  }

  /**
   * Moves the hit cursor and returns the new index. The first move starts from the passage named in
   * the fragment, so "next" after following a search result lands on the hit the reader is looking at.
   */
  step(delta: 1 | -1): number {
    const count = this.hits.length;
    if (count === 0) return -1;
    if (this.current < 0) {
      const target = this.passages.find((passage) => passage.ordinal === this.targetOrdinal);
      const from = target ? this.hits.findIndex((hit) => hit.end > target.start) : -1;
      if (from >= 0) this.current = delta > 0 ? from : (from - 1 + count) % count;
      else this.current = delta > 0 ? 0 : count - 1;
    } else {
      this.current = (this.current + delta + count) % count;
    }
    return this.current;
  }
}
