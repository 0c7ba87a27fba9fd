import { fold } from '../normalise.ts';
import type { Difference, Span } from './quote.types.ts';

/**
 * Round-bracket edits: besides [square brackets], reporters mark their own words with round
 * ones: a changed letter or ending inside a word ("(T)he minister", "refus(ing) to sign") or
 * words put in ("was (reportedly) seen", "MOI (interior ministry) officials"). Brackets also
 * belong to sources ("Orchard (Source 275118)"), so a quotation is aligned both ways: as printed,
 * and with these edits left out of the matching, and the closer reading wins (as printed on a tie).
 */
export interface BracketEdit extends Span {
  /** A changed letter or ending inside a word: the span is the whole word. */
  inWord: boolean;
  /** The word's letters before and after the brackets, folded ("" and "he" for "(T)he"); empty for words put in. */
  prefix: string;
  suffix: string;
}

interface Fragmented {
  body: string;
  fragments: Span[];
}

// Numbers in brackets are the source's ("(4000 USD)"); a reporter's gloss is a few words.
const STANDALONE = /(?<![\p{L}\p{N}])\(([^()\p{N}\n]{1,60})\)(?![\p{L}\p{N}])/gu;
const IN_WORD = /\p{L}*(?:\(\p{L}{1,6}\)\p{L}*)+/gu;
const MAX_GLOSS_WORDS = 4;

/** The round-bracket edits inside the quotation's fragments, in order. */
export function bracketEdits(quote: Fragmented): BracketEdit[] {
  const edits: BracketEdit[] = [];
  for (const f of quote.fragments) {
    const text = quote.body.slice(f.start, f.end);
    for (const m of text.matchAll(STANDALONE)) {
      const words = m[1]!.trim().split(/\s+/u);
      if (/\p{L}/u.test(m[1]!) && words.length <= MAX_GLOSS_WORDS) {
        edits.push({ start: f.start + m.index, end: f.start + m.index + m[0].length, inWord: false, prefix: '', suffix: '' });
      }
    }
    for (const m of text.matchAll(IN_WORD)) {
      const prefix = fold(m[0].slice(0, m[0].indexOf('(')));
      const suffix = fold(m[0].slice(m[0].lastIndexOf(')') + 1));
      if (prefix === '' && suffix === '') continue;
      edits.push({ start: f.start + m.index, end: f.start + m.index + m[0].length, inWord: true, prefix, suffix });
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** The quotation's words without its edits: pieces of its fragments, each with the fragment it came from. */
export function withoutEdits(quote: Fragmented, edits: readonly BracketEdit[]): { fragments: Span[]; owner: number[] } {
  const fragments: Span[] = [];
  const owner: number[] = [];
  quote.fragments.forEach((f, index) => {
    let start = f.start;
    for (const edit of edits) {
      if (edit.end <= f.start || edit.start >= f.end) continue;
      push(quote.body, start, edit.start, index, fragments, owner);
      start = edit.end;
    }
    push(quote.body, start, f.end, index, fragments, owner);
  });
  return { fragments, owner };
}

function push(body: string, start: number, end: number, index: number, fragments: Span[], owner: number[]): void {
  while (start < end && /\s/u.test(body[start]!)) start++;
  while (end > start && /\s/u.test(body[end - 1]!)) end--;
  if (end > start && /[\p{L}\p{N}]/u.test(body.slice(start, end))) {
    fragments.push({ start, end });
    owner.push(index);
  }
}

const WORD_BEFORE = /[\p{L}\p{N}\p{M}]+[^\p{L}\p{N}\p{M}\n]*$/u;
const WORD_AFTER = /^[^\p{L}\p{N}\p{M}\n]*[\p{L}\p{N}\p{M}]+/u;

/** Whether a source word is the one a word edited in brackets stands for: it keeps the letters printed outside them. */
export function fits(sourceText: string, edit: BracketEdit): boolean {
  const word = fold(sourceText.replace(/[^\p{L}\p{N}\p{M}]+/gu, ''));
  return word.length > 0 && word.startsWith(edit.prefix) && word.endsWith(edit.suffix);
}

/**
 * Whether the source agrees with the edits where they were left out of the matching: a word
 * edited in brackets stands for a source word with the same letters outside them, and words put
 * in stand for nothing (or for the same words, printed as the source has them).
 */
export function editsHold(differences: readonly Difference[], edits: readonly BracketEdit[]): boolean {
  return edits.every((edit) =>
    differences.every((d) => {
      if (d.report === null || d.report.end <= edit.start || d.report.start >= edit.end) return true;
      if (d.kind === 'case_or_punctuation') return true;
      return edit.inWord ? fits(d.sourceText, edit) : d.sourceText.trim() === '';
    }),
  );
}

/** The fragments' texts as the shingle index should see them: "(T)he" as "The", "(reportedly)" left out. */
export function lookupTexts(quote: Fragmented, edits: readonly BracketEdit[]): string[] {
  return quote.fragments.map((f) => {
    let text = '';
    let at = f.start;
    for (const edit of edits) {
      if (edit.end <= f.start || edit.start >= f.end) continue;
      text += quote.body.slice(at, edit.start) + (edit.inWord ? quote.body.slice(edit.start, edit.end).replace(/[()]/g, '') : ' ');
      at = edit.end;
    }
    return text + quote.body.slice(at, f.end);
  });
}

/**
 * A fragment that starts (or ends) with an edited word was matched without it; the source word
 * next to the match is that word when it holds the letters printed outside the brackets.
 */
export function widenForEdits(sourceBody: string, range: Span, report: Span, edits: readonly BracketEdit[]): Span {
  let { start, end } = range;
  const first = edits.find((e) => e.inWord && e.start === report.start);
  if (first) {
    const before = WORD_BEFORE.exec(sourceBody.slice(Math.max(0, start - 40), start));
    if (before && fits(before[0], first)) start -= before[0].length;
  }
  const last = edits.find((e) => e.inWord && e.end === report.end);
  if (last) {
    const after = WORD_AFTER.exec(sourceBody.slice(end, end + 40));
    if (after && fits(after[0], last)) end += after[0].length;
  }
  return { start, end };
}
