// The sign-in page comes back to where the reader was through ?next=. Anyone can craft that link, so
// only a path on this site is followed: never another origin, which would make Trove an open redirect.

export const SIGN_IN_PATH = '/sign-in';

const PLACEHOLDER = 'https://trove.invalid';

/** The sign-in page, set to come back to `here` (a path with its query and fragment). */
export function signInHref(here: string): string {
  return here && here !== '/' && safeNextPath(here) === here ? `${SIGN_IN_PATH}?next=${encodeURIComponent(here)}` : SIGN_IN_PATH;
}

/** Where to go after signing in: the `next` value if it is a path on this site, else the start page. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return '/';
  // Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.example" or "/\t/evil.example"
  // would become "//evil.example": another site.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER);
  } catch {
    return '/';
  }
  if (url.origin !== PLACEHOLDER || url.pathname === SIGN_IN_PATH) return '/';
  return next;
}

/** The `next` query parameter of a location search string, made safe. */
export function nextFromSearch(search: string): string {
  return safeNextPath(new URLSearchParams(search).get('next'));
}
