/**
 * The `word~N` syntax of a fuzzy term: the word, or any spelling of it within N edits that the
 * archive holds (OCR reads OSWALD as OSWAID or 0SWALD). Parsing only; the expansion is
 * db/vocabulary.repository.ts and the search service's.
 */
export type FuzzyEdits = 1 | 2;

/** Each fuzzy term walks the vocabulary and checks its expansions; a few per query are plenty. */
export const MAX_FUZZY_TERMS = 4;

/** Shorter words have too many neighbours to be useful: every three-letter word is one edit from dozens. */
export const MIN_FUZZY_LENGTH: Record<FuzzyEdits, number> = { 1: 4, 2: 6 };

const QUOTES = '"\u201C\u201D\u201E';
const TRAILING = /~(\d*)$/;

export type FuzzySplit = { text: string; edits?: FuzzyEdits } | { error: string };

/**
 * `oswald~1` → { text: 'oswald', edits: 1 }; a word without ~ comes back unchanged.
 * `input` and `position` locate the word in the query, so a ~ after a "phrase" is told apart.
 */
export function splitFuzzy(text: string, input: string, position: number): FuzzySplit {
  const at = `(position ${position + 1})`;
  if (text.startsWith('~')) {
    if (position > 0 && QUOTES.includes(input[position - 1]!)) {
      return { error: `~ works on single words, not on "phrases" ${at}: remove the quotes or the ~.` };
    }
    return { error: `A ~ must follow a word, like oswald~1 ${at}.` };
  }
  const match = TRAILING.exec(text);
  if (!match) return { text };
  const word = text.slice(0, match.index);
  if (match[1] === '') return { error: `Say how many letters may differ after ~, like ${word}~1 or ${word}~2 ${at}.` };
  const edits = Number(match[1]);
  if (edits !== 1 && edits !== 2) return { error: `~ allows 1 or 2 differences, not ${match[1]} ${at}: try ${word}~1 or ${word}~2.` };
  if (word.endsWith('*')) return { error: `A word cannot be both a prefix* and fuzzy~ ${at}: use one or the other.` };
  return { text: word, edits };
}

/** The folded word tokens of a fuzzy term must be exactly one word long enough for its edits. */
export function checkFuzzyTokens(tokens: string[], written: string, edits: FuzzyEdits, position: number): string | null {
  const at = `(position ${position + 1})`;
  if (tokens.length !== 1) {
    return `~ works on one word at a time, and ${written} reads as ${tokens.length} words ${at}: search the words apart.`;
  }
  const minimum = MIN_FUZZY_LENGTH[edits];
  if ([...tokens[0]!].length < minimum) {
    return `${written} is too short for ~${edits}: a fuzzy word needs at least ${minimum} letters or digits ${at}.`;
  }
  return null;
}
