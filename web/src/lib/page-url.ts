// Pages in reader URLs: /documents/<ref>?page=3 opens the reader at page 3, &view=image|both shows the
// page image instead of or beside the text (text alone is the default and is left out of the URL).

export type PageViewMode = 'text' | 'image' | 'both';

export function readPage(search: string): number | null {
  const value = new URLSearchParams(search).get('page')?.trim() ?? '';
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

export function readView(search: string): PageViewMode {
  const value = new URLSearchParams(search).get('view');
  return value === 'image' || value === 'both' ? value : 'text';
}

/** The same reader URL with its page and view changed; a new page drops the #pN fragment. */
export function withPageParams(path: string, search: string, hash: string, change: { page?: number | null; view?: PageViewMode }): string {
  const params = new URLSearchParams(search);
  if (change.page !== undefined) {
    if (change.page === null) params.delete('page');
    else params.set('page', String(change.page));
  }
  if (change.view !== undefined) {
    if (change.view === 'text') params.delete('view');
    else params.set('view', change.view);
  }
  const query = params.size > 0 ? `?${params.toString()}` : '';
  return `${path}${query}${change.page !== undefined ? '' : hash}`;
}

/** A link to a page of a document, keeping the search it came from; with an ordinal, at that passage of the page. */
export function pageHref(ref: string, page: number, options: { q?: string; ordinal?: number } = {}): string {
  const params = new URLSearchParams();
  if (options.q?.trim()) params.set('q', options.q.trim());
  params.set('page', String(page));
  return `/documents/${encodeURIComponent(ref)}?${params.toString()}${options.ordinal !== undefined ? `#p${options.ordinal}` : ''}`;
}
