import type { FoundMention } from '../entity.types.ts';

/** A rule's mention of `input.slice(start, end)`. */
export function ruleMention(type: string, input: string, start: number, end: number, value?: string): FoundMention {
  const found: FoundMention = { type, start, end, text: input.slice(start, end), source: 'rule' };
  if (value !== undefined) found.value = value;
  return found;
}

/** A letter or digit of any script. */
export const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Matches no character: for patterns that may follow anything. */
export const ANYTHING_BEFORE = /[^\s\S]/;

/**
 * The matches of a global pattern that do not follow a character `notAfter` accepts. This stands in for a
 * look-behind at the start of the pattern: with one there, V8 tests it at every position of the text and
 * cannot scan ahead for the pattern's first characters, which made patterns ten to fifty times slower on
 * long documents. After a refused match the search goes on one character later, so no match is lost.
 */
export function* matchesAfter(pattern: RegExp, text: string, notAfter: RegExp = WORD_CHAR): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match.index > 0 && notAfter.test(text[match.index - 1]!)) {
      pattern.lastIndex = match.index + 1;
      continue;
    }
    yield match;
  }
}

/** Letters and digits of any script: what a match must not run into to end on a whole word. */
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';

/** What the rules may know about the document a text comes from. */
export interface RuleContext {
  /**
   * The document's own date, ISO `YYYY-MM-DD` or `YYYY-MM`: a day and month written without a year
   * (`1 November`, `۲۲ آذر`) is the occurrence of that day nearest to it.
   */
  documentDate?: string | null;
}
