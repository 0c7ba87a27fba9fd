import { fold, WORD } from '../normalise.ts';

/**
 * Shingles: how quote linking asks for candidate sources. Mostly pairs of neighbouring words, cut to
 * their first letters: pairs rather than longer shingles because a typo spoils every shingle
 * that contains the word, and a quotation with three typos in ten words keeps almost no intact
 * triple but several intact pairs; cut words because a typo late in a word, or another ending
 * (report, reported), then still gives the same pair. Pairs of two function words ("of the")
 * match everywhere and are never looked up. Words with digits (sums, dates, numbers of
 * sources) are also shingles on their own: in formulaic text they are often the rarest part. The search
 * index (passage_fts) holds every word with its position, so it answers a shingle as a phrase query.
 */
const STEM = 5;
const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself s t d ll m re ve'
  ).split(' '),
);

/** The folded words of a text, as skeleton() would give them. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

const DIGIT = /\d/;

/** A word of a shingle as the search index is asked for it: whole, or (a word cut to STEM letters) as a prefix. */
export interface ShingleTerm {
  text: string;
  prefix: boolean;
}

/** A pair of neighbouring words, or a word with digits alone; `key` tells shingles apart. */
export interface Shingle {
  key: string;
  terms: readonly ShingleTerm[];
}

// A word of STEM letters or more stands for every word it begins.
const stemmed = (word: string): ShingleTerm =>
  word.length >= STEM ? { text: word.slice(0, STEM), prefix: true } : { text: word, prefix: false };

/** Distinct shingles of a list of folded words, in first-seen order. */
export function shinglesOfWords(list: readonly string[]): Shingle[] {
  const seen = new Map<string, Shingle>();
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (DIGIT.test(a) && !seen.has(`#${a}`)) seen.set(`#${a}`, { key: `#${a}`, terms: [{ text: a, prefix: false }] });
    const b = list[i + 1];
    if (b === undefined || (STOPWORDS.has(a) && STOPWORDS.has(b))) continue;
    const terms = [stemmed(a), stemmed(b)];
    const key = `${terms[0]!.text} ${terms[1]!.text}`;
    if (!seen.has(key)) seen.set(key, { key, terms });
  }
  return [...seen.values()];
}

export function shingles(text: string): Shingle[] {
  return shinglesOfWords(words(text));
}
