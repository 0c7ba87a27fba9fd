import type { DocumentResponse, Passage } from './api/types.ts';

type PageInfo = DocumentResponse['pages'][number];

/** Passage id → the page that begins with it (the first passage of each page), for page markers. */
export function pageMarkers(passages: readonly Passage[], pages: readonly PageInfo[]): ReadonlyMap<number, PageInfo> {
  const byNumber = new Map(pages.map((p) => [p.number, p]));
  const starts = new Map<number, PageInfo>();
  let previous: number | null = null;
  for (const passage of passages) {
    const page = passage.page ?? null;
    const info = page === null || page === previous ? undefined : byNumber.get(page);
    if (info) starts.set(passage.id, info);
    previous = page;
  }
  return starts;
}
