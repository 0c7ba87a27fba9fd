import { labelIndex, labelsToSpans } from './labels.ts';
import { normalizeWord } from './normalize.ts';

/**
 * One name, one label within a document. A name tagged with different classes takes the class it got
 * most often. Where the model sees no case, in ALL-CAPS lines and in Persian script, an untagged
 * occurrence of a name tagged elsewhere in the document (or of the surname of a tagged person) gets
 * that name's class: "HURT" is a person after "Darnell Hurt", and "چپمن" after "مارک چپمن". (In
 * ordinary English text the same propagation cost more precision on the development set than it
 * gained in recall; on ParsTwiNER dev, one tweet a document, it raised F1 by 0.1–0.3 on each of four
 * differently trained models.)
 */

const MAX_NAME_WORDS = 5;
/** Normalised forms of the words seen lately: words repeat ("و", "the"), and normalising Persian costs. */
const normalised = new Map<string, string>();
const MAX_NORMALISED = 100_000;

function normalise(word: string): string {
  let norm = normalised.get(word);
  if (norm === undefined) {
    if (normalised.size >= MAX_NORMALISED) normalised.clear();
    normalised.set(word, (norm = normalizeWord(word)));
  }
  return norm;
}

const REPORTED = new Set(['PER', 'ORG', 'LOC']);

export function applyDocumentConsistency(words: readonly (readonly string[])[], labels: Int32Array[]): void {
  const votes = new Map<string, Map<string, number>>();
  const keyOf = (s: number, start: number, end: number): string => words[s]!.slice(start, end).map(normalise).join(' ');
  labels.forEach((sentenceLabels, s) => {
    for (const span of labelsToSpans(sentenceLabels)) {
      if (!REPORTED.has(span.cls)) continue;
      const key = keyOf(s, span.start, span.end);
      let counts = votes.get(key);
      if (counts === undefined) votes.set(key, (counts = new Map()));
      counts.set(span.cls, (counts.get(span.cls) ?? 0) + 1);
    }
  });
  if (votes.size === 0) return;
  const names = majorityClasses(votes);
  labels.forEach((sentenceLabels, s) => {
    for (const span of labelsToSpans(sentenceLabels)) {
      const cls = names.get(keyOf(s, span.start, span.end));
      if (cls !== undefined && cls !== span.cls && REPORTED.has(span.cls)) relabel(sentenceLabels, span.start, span.end, cls);
    }
  });
  addSurnames(names, votes);
  // Only a word that begins some name can begin an occurrence of one.
  const firstWords = new Set([...names.keys()].map((key) => key.split(' ', 1)[0]!));
  labels.forEach((sentenceLabels, s) => {
    const sentence = words[s]!;
    const startsName = isCapsSentence(sentence) ? startsUpper : sentence.some(startsPersian) ? startsPersian : null;
    if (startsName !== null) propagate(sentence, sentenceLabels, names, firstWords, startsName);
  });
}

function majorityClasses(votes: Map<string, Map<string, number>>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [key, counts] of votes) {
    let best = '';
    let bestCount = 0;
    let tie = false;
    for (const [cls, count] of counts) {
      if (count > bestCount) {
        best = cls;
        bestCount = count;
        tie = false;
      } else if (count === bestCount) tie = true;
    }
    if (!tie) names.set(key, best);
  }
  return names;
}

function addSurnames(names: Map<string, string>, votes: Map<string, Map<string, number>>): void {
  for (const [key, cls] of [...names]) {
    if (cls !== 'PER') continue;
    const parts = key.split(' ');
    if (parts.length < 2) continue;
    const surname = parts[parts.length - 1]!;
    if (surname.length > 2 && !votes.has(surname) && !names.has(surname)) names.set(surname, 'PER');
  }
}

function relabel(labels: Int32Array, start: number, end: number, cls: string): void {
  labels[start] = labelIndex(`B-${cls}`);
  for (let i = start + 1; i < end; i++) labels[i] = labelIndex(`I-${cls}`);
}

const startsUpper = (word: string): boolean => /^\p{Lu}/u.test(word);
const startsPersian = (word: string): boolean => {
  const c = word.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
};

function propagate(
  words: readonly string[],
  labels: Int32Array,
  names: Map<string, string>,
  firstWords: Set<string>,
  startsName: (word: string) => boolean,
): void {
  for (let i = 0; i < words.length; i++) {
    if (labels[i] !== 0 || !startsName(words[i]!)) continue;
    let key = normalise(words[i]!);
    if (!firstWords.has(key)) continue;
    // The longest name of untagged words that does not stop just before a tagged word continuing a span.
    let longest = 0;
    let longestClass = '';
    for (let len = 1; len <= MAX_NAME_WORDS && i + len <= words.length; len++) {
      if (len > 1) {
        if (labels[i + len - 1] !== 0) break;
        key += ' ' + normalise(words[i + len - 1]!);
      }
      if (i + len < words.length && labels[i + len] !== 0 && labels[i + len]! % 2 === 0) continue;
      const cls = names.get(key);
      if (cls === undefined || (len === 1 && words[i]!.length < 3)) continue;
      longest = len;
      longestClass = cls;
    }
    if (longest === 0) continue;
    relabel(labels, i, i + longest, longestClass);
    i += longest - 1;
  }
}

function isCapsSentence(words: readonly string[]): boolean {
  let upper = 0;
  let lettered = 0;
  for (const w of words) {
    const kind = letterCase(w);
    if (kind === NO_LETTERS) continue;
    lettered++;
    if (kind === UPPER) upper++;
  }
  return lettered >= 3 && upper >= 0.8 * lettered;
}

const NO_LETTERS = 0;
const UPPER = 1;
const OTHER = 2;

/** UPPER: capitals and no lower-case letter; OTHER: any other word with a letter. ASCII without regular expressions. */
function letterCase(w: string): number {
  let hasUpper = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return OTHER;
    if (c >= 65 && c <= 90) hasUpper = true;
    else if (c > 127) {
      if (!/\p{L}/u.test(w)) return NO_LETTERS;
      return !/\p{Ll}/u.test(w) && /\p{Lu}/u.test(w) ? UPPER : OTHER;
    }
  }
  return hasUpper ? UPPER : NO_LETTERS;
}
