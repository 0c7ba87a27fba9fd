/**
 * Close spellings of a word in a sorted vocabulary, found by walking the vocabulary as a trie
 * with one row of the Levenshtein table per prefix (Hanov's trie walk, the idea behind Lucene's
 * automaton over its term dictionary). The vocabulary is never loaded: `seek` finds the first
 * term at or after a key, which a B-tree answers in a few page reads, and a whole subtree is
 * skipped as soon as no completion of its prefix can come within `maxEdits`.
 */
export interface VocabularyEntry {
  term: string;
  /** Passages that hold the term, for ordering equally close spellings. */
  passages: number;
}

export interface FuzzyMatch extends VocabularyEntry {
  distance: number;
}

/** The first entry whose term is >= key in code-point order (SQLite's binary collation on UTF-8), or undefined. */
export type Seek = (key: string) => VocabularyEntry | undefined;

export interface WalkResult {
  matches: FuzzyMatch[];
  seeks: number;
  /** True when the walk stopped at its budget, so matches may be missing. */
  truncated: boolean;
}

/**
 * A walk costs about one seek per prefix within reach: a few hundred for ~1, a few thousand for
 * ~2 on a large vocabulary. The budget bounds the rare worse case (a vocabulary of noise).
 */
export const DEFAULT_SEEK_BUDGET = 40_000;

export function fuzzyWalk(word: string, maxEdits: number, seek: Seek, budget = DEFAULT_SEEK_BUDGET): WalkResult {
  const target = [...word];
  const matches: FuzzyMatch[] = [];
  let seeks = 0;
  let truncated = false;
  const firstRow = target.map((_, i) => i + 1);
  firstRow.unshift(0);

  const visit = (prefix: string, row: number[]): void => {
    let key = prefix;
    for (;;) {
      if (seeks >= budget) {
        truncated = true;
        return;
      }
      seeks++;
      const entry = seek(key);
      if (!entry || !entry.term.startsWith(prefix)) return;
      if (entry.term === prefix) {
        if (row[target.length]! <= maxEdits) matches.push({ ...entry, distance: row[target.length]! });
        key = prefix + '\u0001';
        continue;
      }
      const next = String.fromCodePoint(entry.term.codePointAt(prefix.length)!);
      const childRow = nextRow(row, target, next);
      if (Math.min(...childRow) <= maxEdits) visit(prefix + next, childRow);
      if (truncated) return;
      key = prefix + successor(next);
    }
  };
  visit('', firstRow);
  return { matches, seeks, truncated };
}

function nextRow(previous: number[], target: string[], letter: string): number[] {
  const row = [previous[0]! + 1];
  for (let i = 1; i <= target.length; i++) {
    const substitution = previous[i - 1]! + (target[i - 1] === letter ? 0 : 1);
    row.push(Math.min(row[i - 1]! + 1, previous[i]! + 1, substitution));
  }
  return row;
}

/** The smallest string above every string that starts with `letter`, skipping the surrogate range. */
function successor(letter: string): string {
  const code = letter.codePointAt(0)! + 1;
  return String.fromCodePoint(code === 0xd800 ? 0xe000 : code);
}

/** Levenshtein distance, for tests and for checking a single pair. */
export function editDistance(a: string, b: string): number {
  const target = [...a];
  let row = [...target.keys(), target.length];
  for (const letter of b) row = nextRow(row, target, letter);
  return row[target.length]!;
}

/** Closest first; among equally close spellings the commoner first, then in term order for stable output. */
export function byCloseness(a: FuzzyMatch, b: FuzzyMatch): number {
  return a.distance - b.distance || b.passages - a.passages || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
}
