import search from 'approx-string-match';
import type { FragmentAnchor, Span } from './quote.types.ts';

/**
 * Finding a link's fragments again after its source document changed, the way Hypothesis
 * re-anchors annotations: each fragment's exact text, found exactly or approximately, with the
 * text around it to choose between several places. Fragments must still come in order.
 */
const CONTEXT = 32;
// Share of a fragment's characters that may have changed for it still to count as found.
const TOLERANCE = 0.1;

export function anchorsOf(body: string, fragments: readonly Span[]): FragmentAnchor[] {
  return fragments.map((f) => ({
    exact: body.slice(f.start, f.end),
    prefix: body.slice(Math.max(0, f.start - CONTEXT), f.start),
    suffix: body.slice(f.end, f.end + CONTEXT),
  }));
}

/** The fragments' new places in `body`, or null when any of them cannot be found (the link is orphaned). */
export function reanchor(body: string, anchors: readonly FragmentAnchor[], hint: readonly Span[] = []): Span[] | null {
  const found: Span[] = [];
  let from = 0;
  for (const [i, anchor] of anchors.entries()) {
    const place = locate(body, anchor, from, hint[i]?.start);
    if (place === null) return null;
    found.push(place);
    from = place.end;
  }
  return found;
}

interface Place extends Span {
  errors: number;
}

function locate(body: string, anchor: FragmentAnchor, from: number, hint: number | undefined): Span | null {
  if (anchor.exact === '') return null;
  const exact: Place[] = [];
  for (let at = body.indexOf(anchor.exact, from); at !== -1; at = body.indexOf(anchor.exact, at + 1)) {
    exact.push({ start: at, end: at + anchor.exact.length, errors: 0 });
  }
  const places = exact.length > 0 ? exact : approximate(body, anchor.exact, from);
  if (places.length === 0) return null;
  const best = places.reduce((a, b) => (rank(body, anchor, b, hint) > rank(body, anchor, a, hint) ? b : a));
  return { start: best.start, end: best.end };
}

function approximate(body: string, exact: string, from: number): Place[] {
  const allowed = Math.floor(exact.length * TOLERANCE);
  if (allowed === 0) return [];
  return search(body.slice(from), exact, allowed).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
}

/** Higher is better: few errors first, then matching context, then nearness to where the fragment was. */
function rank(body: string, anchor: FragmentAnchor, place: Place, hint: number | undefined): number {
  const prefix = commonSuffix(anchor.prefix, body.slice(Math.max(0, place.start - CONTEXT), place.start));
  const suffix = commonPrefix(anchor.suffix, body.slice(place.end, place.end + CONTEXT));
  const distance = hint === undefined ? 0 : Math.abs(place.start - hint) / Math.max(1, body.length);
  return -place.errors * 100 + prefix + suffix - distance;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
