// URL handling for the client-side router, kept out of .svelte.ts files because these URL objects
// are throwaway values, not reactive state.

/** The path, query and fragment of an href resolved against the current page. */
export function resolveHref(href: string): { sameOrigin: boolean; href: string; path: string; search: string; hash: string } {
  const url = new URL(href, window.location.href);
  return {
    sameOrigin: url.origin === window.location.origin,
    href: url.href,
    path: url.pathname,
    search: url.search,
    hash: url.hash,
  };
}

/**
 * The in-app destination of a plain left click on a link, or null when the browser should handle
 * it: modified clicks, other windows, downloads, other origins, the API, and same-page fragments
 * (the browser scrolls to those natively and hashchange keeps the router in step).
 */
export function interceptableLink(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || !anchor.href || anchor.hasAttribute('download')) return null;
  if (anchor.target && anchor.target !== '_self') return null;
  const target = resolveHref(anchor.href);
  if (!target.sameOrigin || target.path.startsWith('/api/')) return null;
  if (target.path === window.location.pathname && target.search === window.location.search && target.hash) return null;
  return target.href;
}
