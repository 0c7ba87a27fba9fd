// Client-side routing over the History API. The server falls back to index.html for every non-/api
// path, so any URL the app produces can also be loaded directly or shared.

import { interceptableLink, resolveHref } from '../links.ts';

export type Route =
  | { name: 'search' }
  | { name: 'document'; ref: string }
  | { name: 'report'; ref: string }
  | { name: 'sign-in' }
  | { name: 'admin' }
  | { name: 'entities' }
  | { name: 'entity'; id: number }
  | { name: 'not-found' };

function matchRoute(path: string): Route {
  if (path === '/' || path === '/search' || path === '/search/') return { name: 'search' };
  if (path === '/sign-in' || path === '/sign-in/') return { name: 'sign-in' };
  if (path === '/admin' || path === '/admin/') return { name: 'admin' };
  if (path === '/entities' || path === '/entities/') return { name: 'entities' };
  const entity = /^\/entities\/([1-9]\d{0,15})\/?$/.exec(path);
  if (entity) return { name: 'entity', id: Number(entity[1]) };
  const match = /^\/(documents|reports)\/([^/]+)\/?$/.exec(path);
  if (match) {
    try {
      return { name: match[1] === 'reports' ? 'report' : 'document', ref: decodeURIComponent(match[2]!) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

interface EntryState {
  scrollY?: number;
}

function savedScroll(state: unknown): number | null {
  const y = (state as EntryState | null)?.scrollY;
  return typeof y === 'number' && Number.isFinite(y) ? y : null;
}

export class Router {
  path = $state(window.location.pathname);
  search = $state(window.location.search);
  hash = $state(window.location.hash);
  route: Route = $derived(matchRoute(this.path));
  /** The current location within the app: path, query and fragment, as a sign-in link comes back to. */
  here = $derived(this.path + this.search + this.hash);
  /** The last search the reader came from, so "Back to search" keeps filters and page. */
  lastSearchHref: string | null = $state(null);

  /** Scroll position to restore after back/forward, once the page has drawn its content. */
  #pendingScroll: number | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;

  #sync = () => {
    this.path = window.location.pathname;
    this.search = window.location.search;
    this.hash = window.location.hash;
  };

  #onPopState = (event: PopStateEvent) => {
    this.#pendingScroll = savedScroll(event.state);
    this.#sync();
  };

  // Content loads asynchronously, so the browser's own scroll restoration fires too early; each
  // history entry instead remembers its scroll position and pages restore it when they are ready.
  #onScroll = () => {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      history.replaceState({ ...(history.state as EntryState | null), scrollY: window.scrollY }, '');
    }, 150);
  };

  navigate(href: string, options: { replace?: boolean } = {}): void {
    const url = resolveHref(href);
    if (!url.sameOrigin) {
      window.location.assign(url.href);
      return;
    }
    const target = url.path + url.search + url.hash;
    const current = window.location.pathname + window.location.search + window.location.hash;
    this.#pendingScroll = null;
    if (target !== current) {
      clearTimeout(this.#saveTimer);
      history.replaceState({ ...(history.state as EntryState | null), scrollY: window.scrollY }, '');
      if (options.replace) history.replaceState(null, '', target);
      else history.pushState(null, '', target);
    }
    this.#sync();
  }

  /** True while a back/forward scroll position waits for its page to draw. */
  get restoringScroll(): boolean {
    return this.#pendingScroll !== null;
  }

  /** The scroll position saved for the entry just returned to with back/forward, once. */
  takeScroll(): number | null {
    const y = this.#pendingScroll;
    this.#pendingScroll = null;
    return y;
  }

  /** Starts listening for history changes and same-origin link clicks; returns a stop function. */
  start(): () => void {
    const onClick = (event: MouseEvent) => {
      const href = interceptableLink(event);
      if (href === null) return;
      event.preventDefault();
      this.navigate(href);
    };
    history.scrollRestoration = 'manual';
    window.addEventListener('popstate', this.#onPopState);
    window.addEventListener('hashchange', this.#sync);
    window.addEventListener('scroll', this.#onScroll, { passive: true });
    document.addEventListener('click', onClick);
    return () => {
      clearTimeout(this.#saveTimer);
      window.removeEventListener('popstate', this.#onPopState);
      window.removeEventListener('hashchange', this.#sync);
      window.removeEventListener('scroll', this.#onScroll);
      document.removeEventListener('click', onClick);
    };
  }
}

export const router = new Router();
