import { untrack } from 'svelte';
import { api, ApiError, isAbort } from '../api/client.ts';
import type { AlignmentResponse, DocumentDetail, DocumentResponse, Passage } from '../api/types.ts';
import { readParam } from '../search-url.ts';
import { router } from './router.svelte.ts';

/** One row of the side-by-side reader: passages of the document being read beside their counterparts. */
export interface ParallelRow {
  key: string;
  primary: Passage[];
  other: Passage[];
}

type Status = 'off' | 'loading' | 'ready' | 'not-paired' | 'error';

/**
 * The original or translation shown beside a document (`?with=<ref>` in the URL), and how their
 * passages pair up. Create it during component initialisation, with the document being read.
 */
export class ParallelState {
  withRef: string = $derived(readParam(router.search, 'with'));
  status: Status = $state('off');
  other: DocumentResponse | null = $state.raw(null);
  alignment: AlignmentResponse | null = $state.raw(null);
  failure: string | null = $state(null);

  /** Whether the document being read is the original of the pair. */
  primaryIsOriginal: boolean = $derived(this.alignment !== null && this.alignment.translation.id === this.other?.document.id);
  rows: ParallelRow[] = $derived(this.#rows());

  readonly #document: () => DocumentDetail | null;
  readonly #passages: () => Passage[];

  constructor(document: () => DocumentDetail | null, passages: () => Passage[]) {
    this.#document = document;
    this.#passages = passages;
    $effect(() => {
      const doc = this.#document();
      const ref = this.withRef;
      if (!doc || !ref) {
        this.status = 'off';
        return;
      }
      const controller = new AbortController();
      untrack(() => void this.#load(doc, ref, controller.signal));
      return () => controller.abort();
    });
  }

  async #load(doc: DocumentDetail, ref: string, signal: AbortSignal): Promise<void> {
    this.status = 'loading';
    this.other = null;
    this.alignment = null;
    this.failure = null;
    try {
      const other = await api.documentByRef(ref, signal);
      this.alignment = await api.alignment(doc.id, other.document.id, signal);
      this.other = other;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.status = error instanceof ApiError && error.status === 404 ? 'not-paired' : 'error';
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  // Passages of the document being read that no pair names (an editor left them out) still show, in order.
  #rows(): ParallelRow[] {
    if (this.status !== 'ready' || !this.alignment || !this.other) return [];
    const mine = new Map(this.#passages().map((p) => [p.id, p]));
    const theirs = new Map(this.other.passages.map((p) => [p.id, p]));
    const [mySide, theirSide] = this.primaryIsOriginal ? (['original', 'translation'] as const) : (['translation', 'original'] as const);
    const rows: ParallelRow[] = [];
    const placed = new Set<number>();
    for (const pair of this.alignment.pairs) {
      const primary = pair[mySide].map((id) => mine.get(id)).filter((p): p is Passage => p !== undefined);
      const other = pair[theirSide].map((id) => theirs.get(id)).filter((p): p is Passage => p !== undefined);
      if (primary.length + other.length === 0) continue;
      for (const p of primary) placed.add(p.id);
      rows.push({ key: `${pair.original.join(',')}|${pair.translation.join(',')}`, primary, other });
    }
    const missing = this.#passages().filter((p) => !placed.has(p.id));
    for (const passage of missing) {
      const at = rows.findIndex((row) => row.primary.some((p) => p.ordinal > passage.ordinal));
      const row = { key: `only-${passage.id}`, primary: [passage], other: [] };
      if (at < 0) rows.push(row);
      else rows.splice(at, 0, row);
    }
    return rows;
  }
}
