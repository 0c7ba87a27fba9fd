import { replaceTerms, type ParsedQuery, type Term } from '../query-parser.ts';

/** Every fuzzy term of a query, included or excluded, in the order written. */
export function fuzzyTermsOf(query: ParsedQuery): Term[] {
  return [...query.include.flat(), ...query.exclude].filter((t) => t.fuzzy).sort((a, b) => a.start - b.start);
}

/**
 * The query with each fuzzy term replaced by itself (exact) OR each of its expansions, where it
 * stands: inside its OR group when included, among the excluded words when excluded. The result
 * is an ordinary query, so ranking, counting and highlighting need nothing new.
 */
export function expandQuery(query: ParsedQuery, expansions: Map<Term, string[]>): ParsedQuery {
  const expand = (term: Term): Term[] => {
    if (!term.fuzzy) return [term];
    const exact: Term = { ...term };
    delete exact.fuzzy;
    return [exact, ...(expansions.get(term) ?? []).map((word) => ({ ...exact, tokens: [word] }))];
  };
  return replaceTerms(query, expand);
}
