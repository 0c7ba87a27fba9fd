// `entity:"Name"` terms inside the search query text. Unlike the other facets, which are URL
// parameters, the entity filter is part of the query language, so its chips and facet toggle edit q.

export interface EntityTerm {
  name: string;
  /** Offsets of the whole term (entity:"…") in q, for removing it. */
  start: number;
  end: number;
}

const QUOTES = '"\u201C\u201D\u201E';
const TERM = /(?<=^|\s)entity:(?:["\u201C\u201D\u201E]([^"\u201C\u201D\u201E]*)["\u201C\u201D\u201E]|([^\s"\u201C\u201D\u201E]+))/giu;

export function entityTerms(q: string): EntityTerm[] {
  return [...q.matchAll(TERM)].map((match) => ({
    name: (match[1] ?? match[2] ?? '').trim(),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The query language has no escape inside quotes, so a quote in a name becomes a space. */
export function entityTerm(name: string): string {
  const clean = [...name].map((char) => (QUOTES.includes(char) ? ' ' : char)).join('');
  return `entity:"${clean.replace(/\s+/g, ' ').trim()}"`;
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

export function hasEntityTerm(q: string, name: string): boolean {
  return entityTerms(q).some((term) => same(term.name, name));
}

function cut(q: string, terms: readonly EntityTerm[]): string {
  let text = q;
  for (const term of [...terms].sort((a, b) => b.start - a.start)) text = text.slice(0, term.start) + text.slice(term.end);
  return text.replace(/\s{2,}/g, ' ').trim();
}

export function removeEntityTerm(q: string, name: string): string {
  return cut(
    q,
    entityTerms(q).filter((term) => same(term.name, name)),
  );
}

export function removeEntityTerms(q: string): string {
  return cut(q, entityTerms(q));
}

/** Adds the entity filter to the query, or takes it out when it is already there. */
export function toggleEntityTerm(q: string, name: string): string {
  if (hasEntityTerm(q, name)) return removeEntityTerm(q, name);
  const base = q.trim();
  return base ? `${base} ${entityTerm(name)}` : entityTerm(name);
}
