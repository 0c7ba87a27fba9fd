import { untrack } from 'svelte';
import { api, ApiError, isAbort } from '../api/client.ts';
import type { AlignmentPair, AlignmentResponse, DocumentDetail, DocumentResponse, Passage } from '../api/types.ts';
import { joinWithNext, splitPair } from '../pairing-edits.ts';
import { parallelRows, type ParallelRow } from '../parallel-rows.ts';
import { readParam } from '../search-url.ts';
import { router } from './router.svelte.ts';

type Status = 'off' | 'loading' | 'ready' | 'not-paired' | 'error';

/**
 * The original or translation shown beside a document (`?with=<ref>` in the URL), and how their
 * passages pair up. Create it during component initialisation, with the document being read.
 */
export class ParallelState {
  // Set by the constructor; initialised here because the derived values below read them.
  #document: () => DocumentDetail | null = () => null;
  #passages: () => Passage[] = () => [];
  withRef: string = $derived(readParam(router.search, 'with'));
  status: Status = $state('off');
  other: DocumentResponse | null = $state.raw(null);
  alignment: AlignmentResponse | null = $state.raw(null);
  failure: string | null = $state(null);

  /** Whether the document being read is the original of the pair. */
  primaryIsOriginal: boolean = $derived(this.alignment !== null && this.alignment.translation.id === this.other?.document.id);
  /** An editor's corrected pairing while it is being made; null when not correcting. */
  draft: AlignmentPair[] | null = $state.raw(null);
  saving = $state(false);
  saveError: string | null = $state(null);
  rows: ParallelRow[] = $derived(
    this.status === 'ready' && this.alignment && this.other
      ? parallelRows({ pairs: this.draft ?? this.alignment.pairs }, this.#passages(), this.other.passages, this.primaryIsOriginal)
      : [],
  );

  startCorrecting(): void {
    if (this.alignment?.editable) this.draft = this.alignment.pairs;
    this.saveError = null;
  }

  cancelCorrecting(): void {
    this.draft = null;
    this.saveError = null;
  }

  join(pairIndex: number): void {
    if (this.draft) this.draft = joinWithNext(this.draft, pairIndex);
  }

  split(pairIndex: number): void {
    if (this.draft) this.draft = splitPair(this.draft, pairIndex);
  }

  /** Stores the corrected pairing (audited on the server) and shows it as saved. */
  async saveCorrection(): Promise<boolean> {
    const document = this.#document();
    if (!this.draft || !this.other || !document) return false;
    this.saving = true;
    this.saveError = null;
    try {
      this.alignment = await api.saveAlignment(document.id, this.other.document.id, this.draft);
      this.draft = null;
      return true;
    } catch (error) {
      this.saveError = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.saving = false;
    }
  }

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
}
