import { getJson } from '../api/client.ts';
import type { ApiResponse } from '../api/types.ts';
import type { DocumentResponse, Passage } from '../api/types.ts';
import { pageMarkers } from '../page-markers.ts';
import { readPage, readView, withPageParams, type PageViewMode } from '../page-url.ts';
import { router } from './router.svelte.ts';

export type DocumentPageInfo = DocumentResponse['pages'][number];
export type PageWithWords = ApiResponse<'/api/documents/{id}/pages/{n}', 'get'>;
export type PageWordBox = PageWithWords['words'][number];

/** Media types whose pages the server can show as images (GET /api/documents/:id/pages/:n/image). */
const PAGED_MEDIA = /^(application\/pdf|image\/(png|jpeg|webp|gif|tiff))$/;

/**
 * Pages of the document being read: where page markers go, which passage ?page=N marks, the page shown
 * as an image, and the word boxes outlined on it. The page and view live in the URL.
 */
export class PagesState {
  // Set by the constructor; initialised here because the derived values below read them.
  #data: () => DocumentResponse | null = () => null;
  #passages: () => readonly Passage[] = () => [];
  #selected: () => { start: number; end: number } | null = () => null;
  #focusPage: () => number | null = () => null;
  targetPage: number | null = $derived(readPage(router.search));
  view: PageViewMode = $derived(readView(router.search));

  pages: DocumentPageInfo[] = $derived(this.#data()?.pages ?? []);
  /** True when the document's pages can be shown as images (a PDF or a picture was kept). */
  hasImages = $derived.by(() => {
    const file = this.#data()?.document.originalFile;
    return this.pages.length > 0 && file != null && PAGED_MEDIA.test(file.mediaType);
  });
  /** The view actually shown: text alone when there is no image to show. */
  shownView: PageViewMode = $derived(this.hasImages ? this.view : 'text');

  /** Passage id → the page that begins with it (the first passage of each page), for page markers. */
  markers = $derived(pageMarkers(this.#passages(), this.pages));

  /** The passage ?page=N points at: the one holding the page's first character, else the first on or after it. */
  pagePassage: Passage | null = $derived.by(() => {
    const number = this.targetPage;
    if (number === null) return null;
    const page = this.pages.find((p) => p.number === number);
    if (!page) return null;
    const passages = this.#passages();
    return passages.find((p) => p.start <= page.start && page.start < p.end) ?? passages.find((p) => (p.page ?? 0) >= number) ?? null;
  });

  /** The page shown as an image: ?page=, else the page of the passage or hit being read, else the first. */
  shownPage: DocumentPageInfo | null = $derived.by(() => {
    if (this.pages.length === 0) return null;
    const wanted = this.targetPage ?? this.#focusPage();
    return this.pages.find((p) => p.number === wanted) ?? this.pages[0]!;
  });

  /** The OCR words of the shown page, fetched when its image is on screen (a failure only leaves the outline out). */
  words: PageWordBox[] = $state.raw([]);

  /** Word boxes on the shown page covering the selected range (the current hit, else the target passage). */
  boxes: PageWordBox[] = $derived.by(() => {
    const range = this.#selected();
    if (!range) return [];
    return this.words.filter((w) => w.start < range.end && range.start < w.end);
  });

  /**
   * `selected` is the text range being read (the current hit, else the target passage of #pN or ?page=);
   * `focusPage` the page of what is being read, shown when no ?page= says otherwise.
   */
  constructor(
    data: () => DocumentResponse | null,
    passages: () => readonly Passage[],
    selected: () => { start: number; end: number } | null,
    focusPage: () => number | null,
  ) {
    this.#data = data;
    this.#passages = passages;
    this.#selected = selected;
    this.#focusPage = focusPage;
    $effect(() => {
      const id = this.#data()?.document.id;
      const page = this.shownPage;
      const wanted = id !== undefined && page !== null && page.source === 'ocr' && this.shownView !== 'text';
      this.words = [];
      if (!wanted) return;
      const controller = new AbortController();
      getJson<PageWithWords>(`/api/documents/${id}/pages/${page.number}`, controller.signal).then(
        (answer) => (this.words = answer.words),
        () => undefined,
      );
      return () => controller.abort();
    });
  }

  get pageCount(): number {
    return this.pages.length;
  }

  isMissingTarget(): boolean {
    return this.targetPage !== null && this.pages.length > 0 && !this.pages.some((p) => p.number === this.targetPage);
  }

  setView(view: PageViewMode): void {
    router.navigate(withPageParams(router.path, router.search, router.hash, { view }), { replace: true });
  }

  /** Moves to the next or previous page; false at either end. */
  step(delta: 1 | -1): boolean {
    const current = this.shownPage;
    if (!current) return false;
    const index = this.pages.indexOf(current) + delta;
    const next = this.pages[index];
    if (!next) return false;
    router.navigate(withPageParams(router.path, router.search, router.hash, { page: next.number }), { replace: true });
    return true;
  }
}

/** The page holding a body offset, among pages in order. */
export function pageOfOffset(pages: readonly DocumentPageInfo[], offset: number): number | null {
  return pages.find((p) => p.start <= offset && offset < p.end)?.number ?? pages.find((p) => p.start > offset)?.number ?? null;
}
