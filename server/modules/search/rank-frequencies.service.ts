import { ftsPhrases } from '../../../db/fts.ts';
import type { VocabularyRepository } from '../../../db/vocabulary.repository.ts';
import type { ParsedQuery, Term } from '../../pipeline/query-parser.ts';

/** A phrase whose passage count the vocabulary cannot tell: the ranking function counts it from the index. */
export const UNKNOWN_FREQUENCY = -1;

/**
 * How many passages hold each phrase of a query, for ranking (trove_bm25 in db/native/trove-rank.c): read from the
 * vocabulary in a few index lookups instead of from the search index's postings, a walk over millions of entries for a
 * common word. The counts may be a refresh old; relevance barely moves with a few passages more or less, and a word the
 * vocabulary has never seen is counted exactly. Like bm25()'s own counts they cover the whole archive, every collection.
 */
export class RankFrequencies {
  constructor(private readonly vocabulary: VocabularyRepository) {}

  /** One count per FTS5 phrase of the query (see ftsPhrases), in the same order. */
  of(query: ParsedQuery): number[] {
    return ftsPhrases(query).map((term) => this.frequency(term));
  }

  private frequency(term: Term): number {
    // A phrase is no commoner than its rarest word: an estimate, as a phrase's own count is not kept.
    const words = term.prefix ? term.tokens.slice(0, -1) : term.tokens;
    const counts = words.map((word) => this.vocabulary.passagesHolding(word));
    if (term.prefix) counts.push(this.vocabulary.passagesHoldingPrefix(term.tokens.at(-1)!) || null);
    if (counts.length === 0 || counts.some((count) => count === null)) return UNKNOWN_FREQUENCY;
    return Math.min(...(counts as number[]));
  }
}
