import type { VocabularyRepository } from '../../../db/vocabulary.repository.ts';
import { replaceTerms, type ParsedQuery, type Term } from '../../pipeline/query-parser.ts';

/**
 * A prefix that stands for at most this many words is searched as those words (OR), which FTS5 reads lazily and can
 * stop early; beyond it, as a prefix, which FTS5 answers by merging the postings of every word it covers before the
 * first row (most of a second for `report*` in ten million passages).
 */
export const MAX_PREFIX_WORDS = 16;
/** Documents written since the vocabulary's refresh that a search adds to it itself before expanding (VocabularyRepository.catchUp). */
export const CATCH_UP_DOCUMENTS = 100;

/**
 * Rewrites `report*` as `report OR reported OR reports …` for the search index, from the vocabulary of the index
 * (vocabulary.repository.ts). Only while the vocabulary holds every document written: a few documents new since its
 * last refresh are added first; more (an import under way), and a word new since would be missed, so the prefix is
 * searched as written. Highlighting keeps the query as written.
 */
export class PrefixExpansionService {
  constructor(private readonly vocabulary: VocabularyRepository) {}

  expand(query: ParsedQuery): ParsedQuery {
    const prefixes = [...query.include.flat(), ...query.exclude].filter(isSingleWordPrefix);
    if (prefixes.length === 0 || !this.vocabulary.catchUp(CATCH_UP_DOCUMENTS)) return query;
    const words = new Map<Term, string[]>();
    for (const term of prefixes) {
      const found = this.vocabulary.completions(term.tokens[0]!, MAX_PREFIX_WORDS + 1);
      // None found: nothing to gain, and the prefix as written is the safe reading.
      if (found.length > 0 && found.length <= MAX_PREFIX_WORDS) words.set(term, found);
    }
    if (words.size === 0) return query;
    return replaceTerms(query, (term) => words.get(term)?.map((word) => ({ ...term, tokens: [word], prefix: false })) ?? [term]);
  }
}

function isSingleWordPrefix(term: Term): boolean {
  return term.prefix && term.tokens.length === 1 && !term.fuzzy;
}
