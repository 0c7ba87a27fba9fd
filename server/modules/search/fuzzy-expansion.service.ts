import type { ReadScope } from '../../../db/access.ts';
import type { VocabularyRepository } from '../../../db/vocabulary.repository.ts';
import { expandQuery, fuzzyTermsOf } from '../../pipeline/fuzzy/expand-query.ts';
import { byCloseness } from '../../pipeline/fuzzy/fuzzy-walk.ts';
import type { ParsedQuery, Term } from '../../pipeline/query-parser.ts';
import type { SearchResponse } from './search.schemas.ts';

/** Expansions shown and searched per fuzzy term: the closest, then the commonest. */
export const MAX_EXPANSIONS = 20;
// Candidates checked against the reader's scope, closest first, to find those 20: spellings that
// occur only in documents the reader may not read are skipped, so a few more are looked at.
const CANDIDATES_CHECKED = 100;

type Expansion = SearchResponse['expansions'][number];

/** Turns `oswald~1` into `oswald OR oswaid OR 0swald …`, from the words of documents the reader may read. */
export class FuzzyExpansionService {
  constructor(private readonly vocabulary: VocabularyRepository) {}

  async expand(query: ParsedQuery, scope: ReadScope): Promise<{ query: ParsedQuery; expansions: Expansion[] }> {
    const terms = fuzzyTermsOf(query);
    // Exact queries never reach here (the caller checks), so they cost nothing new.
    if (terms.length === 0) return { query, expansions: [] };
    this.vocabulary.refresh();
    const found = new Map<Term, string[]>();
    const expansions: Expansion[] = [];
    for (const term of terms) {
      const word = term.tokens[0]!;
      const walk = this.vocabulary.closeTo(word, term.fuzzy!);
      const candidates = walk.matches
        .filter((m) => m.term !== word)
        .sort(byCloseness)
        .slice(0, CANDIDATES_CHECKED)
        .map((m) => m.term);
      const matched = (await this.vocabulary.readable(candidates, term.titleOnly, scope)).slice(0, MAX_EXPANSIONS);
      found.set(term, matched);
      expansions.push({ term: word, edits: term.fuzzy!, matched, ...(walk.truncated ? { partial: true } : {}) });
    }
    return { query: expandQuery(query, found), expansions };
  }
}
