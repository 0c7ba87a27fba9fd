import { untrack } from 'svelte';
import { api, ApiError, isAbort, toApiError } from '../api/client.ts';
import type { DocumentResponse, Quotation, QuoteLink, ReportResponse, Span } from '../api/types.ts';
import { cachedDocument, rememberDocument } from '../document-cache.ts';
import { defaultLink } from '../quotes.ts';
import { reportStructure } from '../report-render/report-format.ts';
import { layoutStructure } from '../report-render/report-layout.ts';
import { parseQuoteHash, quoteHash } from '../report-url.ts';
import { reviewProblem } from '../review-problem.ts';
import { uniqueBy } from '../unique.ts';
import { router } from './router.svelte.ts';
import { noticeRefusal } from './session.svelte.ts';

type Status = 'loading' | 'ready' | 'not-found' | 'error';

export type ReviewAction =
  { kind: 'confirm' | 'reject' | 'detach'; link: QuoteLink } | { kind: 'decide'; quotation: Quotation; decision: 'not_in_archive' | null };

const DONE: Record<ReviewAction['kind'], string> = {
  confirm: 'Link confirmed.',
  reject: 'Link rejected.',
  detach: 'Link detached.',
  decide: 'Verdict saved.',
};

/** A failed review or attach, in words. */
function refused(error: unknown): ApiError {
  return reviewProblem(noticeRefusal(error));
}

/**
 * State of the report reader: the report, its quotations, the one selected by the fragment (#q7, or
 * #q7-l19 for a link other than the best), the source document of the link shown, and the review.
 * Create it during component initialisation.
 */
export class ReportState {
  ref: string = $derived(router.route.name === 'report' ? router.route.ref : '');
  selection = $derived(parseQuoteHash(router.hash));

  status: Status = $state('loading');
  data: ReportResponse | null = $state.raw(null);
  failure: ApiError | null = $state(null);
  /** The report as a document (its source file and metadata tell how its body is structured). */
  #detail: DocumentResponse | null = $state.raw(null);

  report = $derived(this.data?.report ?? null);
  quotations: Quotation[] = $derived(uniqueBy(this.data?.quotations ?? [], (q) => q.id));
  /** Headings, paragraphs, lists and block quotes of the report as published, as offsets into its body. */
  structure = $derived(this.report ? reportStructure(this.report.body, this.#detail?.document ?? null) : null);
  layout = $derived(this.report && this.structure ? layoutStructure(this.report.body, this.structure, this.quotations) : []);
  selected: Quotation | null = $derived(this.quotations.find((q) => q.ordinal === this.selection.ordinal) ?? null);
  index = $derived(this.selected ? this.quotations.indexOf(this.selected) : -1);
  /** A primitive, so that effects keyed on it ignore a review replacing the same quotation. */
  #selectedId = $derived(this.selected?.id ?? null);
  /** The link shown beside the selected quotation: the one the fragment names, else the best. */
  link: QuoteLink | null = $derived.by(() => {
    const quotation = this.selected;
    if (!quotation) return null;
    const named = this.selection.linkId === null ? undefined : quotation.links.find((l) => l.id === this.selection.linkId);
    return named ?? defaultLink(quotation);
  });
  /** Counted here rather than taken from the server so that they follow the review. */
  counts = $derived({
    quotations: this.quotations.length,
    linked: this.quotations.filter((q) => q.status === 'linked').length,
    unmatched: this.quotations.filter((q) => q.status === 'unmatched').length,
    tooShort: this.quotations.filter((q) => q.status === 'too_short').length,
  });

  #sourceId = $derived(this.link?.document.id ?? null);
  #source: DocumentResponse | null = $state.raw(null);
  sourceStatus: 'idle' | 'loading' | 'ready' | 'error' = $state('idle');
  sourceFailure: ApiError | null = $state(null);
  /** The linked document, only once it is the one the shown link points to. */
  source = $derived(this.#source && this.#source.document.id === this.link?.document.id ? this.#source : null);

  /** Whether the signed-in account may review this report; the server decides. */
  canReview = $derived(this.data?.canReview ?? false);
  reviewing = $state(false);
  reviewError: ApiError | null = $state(null);
  reviewMessage = $state('');

  /** The document a person looks up to attach the selected quotation to by hand. */
  attachSource: DocumentResponse | null = $state.raw(null);
  attachStatus: 'idle' | 'loading' | 'ready' | 'error' = $state('idle');
  attachError: ApiError | null = $state(null);

  constructor() {
    $effect(() => {
      const ref = this.ref;
      if (!ref) return;
      const controller = new AbortController();
      untrack(() => void this.#loadReport(ref, controller.signal));
      return () => controller.abort();
    });
    $effect(() => {
      const id = this.#sourceId;
      if (id === null) return;
      const controller = new AbortController();
      untrack(() => void this.#loadSource(id, controller.signal));
      return () => controller.abort();
    });
    // A message about one quotation must not linger beside the next.
    $effect(() => {
      void this.#selectedId;
      untrack(() => {
        this.reviewError = null;
        this.reviewMessage = '';
        this.attachError = null;
        this.attachSource = null;
        this.attachStatus = 'idle';
      });
    });
  }

  async #loadReport(ref: string, signal: AbortSignal): Promise<void> {
    this.status = 'loading';
    this.data = null;
    this.#detail = null;
    this.failure = null;
    try {
      const data = await api.reportByRef(ref, signal);
      this.#detail = await this.#loadDetail(data.report.id, signal);
      this.data = data;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = toApiError(error);
      this.status = this.failure.status === 404 ? 'not-found' : 'error';
    }
  }

  // Drawn once with its structure, so that the page does not reflow under a reader who has started
  // reading; without it (the request failed) the report is still readable as plain paragraphs.
  async #loadDetail(id: number, signal: AbortSignal): Promise<DocumentResponse | null> {
    const known = cachedDocument(id);
    if (known) return known;
    try {
      const response = await api.document(id, signal);
      rememberDocument(response);
      return response;
    } catch (error) {
      if (isAbort(error)) throw error;
      return null;
    }
  }

  async #loadSource(id: number, signal: AbortSignal): Promise<void> {
    const known = cachedDocument(id);
    this.sourceFailure = null;
    if (known) {
      this.#source = known;
      this.sourceStatus = 'ready';
      return;
    }
    this.sourceStatus = 'loading';
    try {
      const response = await api.document(id, signal);
      rememberDocument(response);
      this.#source = response;
      this.sourceStatus = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.sourceFailure = toApiError(error);
      this.sourceStatus = 'error';
    }
  }

  /** The ordinal n/p would move to, or null at either end. With nothing selected they start at an end. */
  neighbour(delta: 1 | -1): number | null {
    const list = this.quotations;
    if (list.length === 0) return null;
    const next = this.index < 0 ? (delta > 0 ? 0 : list.length - 1) : this.index + delta;
    return list[next]?.ordinal ?? null;
  }

  /** Sends a review decision and puts the quotation the server returns in place. False when it failed. */
  async review(action: ReviewAction): Promise<boolean> {
    this.reviewMessage = '';
    this.reviewing = true;
    this.reviewError = null;
    try {
      const updated = await this.#send(action);
      if (this.data) this.data = { ...this.data, quotations: this.data.quotations.map((q) => (q.id === updated.id ? updated : q)) };
      // A rejected best link would give way to the next one; keep showing the one just decided on.
      if (action.kind === 'reject' && this.selection.linkId === null && this.selected) {
        router.navigate(quoteHash(this.selected.ordinal, action.link.id), { replace: true });
      }
      this.reviewMessage = DONE[action.kind];
      return true;
    } catch (error) {
      this.reviewError = refused(error);
      return false;
    } finally {
      this.reviewing = false;
    }
  }

  #send(action: ReviewAction): Promise<Quotation> {
    switch (action.kind) {
      case 'confirm':
        return api.reviewLink(action.link.id, 'confirmed');
      case 'reject':
        return api.reviewLink(action.link.id, 'rejected');
      case 'detach':
        return api.detachLink(action.link.id);
      case 'decide':
        return api.decideQuotation(action.quotation.id, action.decision);
    }
  }

  /** Looks a document up by its reference, for attaching a quotation to one of its passages. */
  async findAttachSource(ref: string): Promise<void> {
    this.attachError = null;
    this.attachSource = null;
    if (!ref.trim()) {
      this.attachStatus = 'error';
      this.attachError = new ApiError(0, 'attach.no_ref', 'Enter the reference of a document, such as TRV-BGD-2014-0388.');
      return;
    }
    this.attachStatus = 'loading';
    try {
      const response = await api.documentByRef(ref.trim());
      rememberDocument(response);
      this.attachSource = response;
      this.attachStatus = 'ready';
    } catch (error) {
      this.attachError = toApiError(error);
      if (this.attachError.status === 404) {
        this.attachError = new ApiError(404, this.attachError.code, `The archive has no document ${ref.trim()}. Check the reference.`);
      }
      this.attachStatus = 'error';
    }
  }

  /** Links the selected quotation to spans of the looked-up document and shows the new link. */
  async attach(fragments: Span[]): Promise<boolean> {
    const quotation = this.selected;
    const source = this.attachSource;
    if (!quotation || !source) return false;
    this.reviewMessage = '';
    this.reviewing = true;
    this.attachError = null;
    try {
      const updated = await api.attachLink(quotation.id, source.document.id, fragments);
      if (this.data) this.data = { ...this.data, quotations: this.data.quotations.map((q) => (q.id === updated.id ? updated : q)) };
      const added = updated.links.find((l) => !quotation.links.some((old) => old.id === l.id));
      if (added) router.navigate(quoteHash(updated.ordinal, added.id), { replace: true });
      this.reviewMessage = 'Source attached.';
      return true;
    } catch (error) {
      this.attachError = refused(error);
      return false;
    } finally {
      this.reviewing = false;
    }
  }
}
