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
 * Bounds the rare walk that would cost too much (a vocabulary of noise). On a synthetic OCR
 * vocabulary of 3 million words (bench/fuzzy.bench.ts) a split walk (below) takes a median of 150
 * seeks for ~1 and 9,000 for ~2, and 31,000 at the 95th percentile of ~2.
 */
export const DEFAULT_SEEK_BUDGET = 40_000;

/**
 * Prunes harder: only words whose first `column` letters are within `edits` of some start of the
 * word are sought (besides the overall bound). splitFuzzyWalk covers the rest from the other end.
 */
export interface Anchor {
  column: number;
  edits: number;
}

export function fuzzyWalk(word: string, maxEdits: number, seek: Seek, budget = DEFAULT_SEEK_BUDGET, anchor?: Anchor): WalkResult {
  const target = [...word];
  // The letters that can make a prefix closer, in seek order; any other letter costs an edit.
  const letters = [...new Set(target)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const matches: FuzzyMatch[] = [];
  let seeks = 0;
  let truncated = false;
  const next = (key: string): VocabularyEntry | undefined => {
    if (seeks >= budget) {
      truncated = true;
      return undefined;
    }
    seeks++;
    return seek(key);
  };
  // Whether some word starting with this prefix can still be within reach, and whether the anchor is met.
  const alive = (row: number[], anchored: boolean) =>
    Math.min(...row) <= maxEdits && (anchored || !anchor || Math.min(...row.slice(0, anchor.column + 1)) <= anchor.edits);
  const anchors = (row: number[], anchored: boolean) => anchored || !anchor || row[anchor.column]! <= anchor.edits;

  /** `first` is the vocabulary's first term starting with `prefix`; `row` the table row of `prefix`. */
  const visit = (prefix: string, row: number[], anchored: boolean, first: VocabularyEntry): void => {
    if (first.term === prefix && row[target.length]! <= maxEdits) matches.push({ ...first, distance: row[target.length]! });
    const visitChild = (letter: string, entry: VocabularyEntry) => {
      const childRow = nextRow(row, target, letter);
      if (alive(childRow, anchored)) visit(prefix + letter, childRow, anchors(childRow, anchored), entry);
    };
    if (alive(nextRow(row, target, null), anchored)) {
      // Any letter may follow within reach, so every child in the vocabulary is visited, one seek each.
      let key = first.term === prefix ? prefix + '\u0001' : prefix;
      for (let entry = first.term === prefix ? next(key) : first; entry?.term.startsWith(prefix); entry = next(key)) {
        const letter = String.fromCodePoint(entry.term.codePointAt(prefix.length)!);
        visitChild(letter, entry);
        if (truncated) return;
        key = prefix + successor(letter);
      }
      return;
    }
    // Only the target's own letters can keep the prefix within reach: seek straight to those.
    for (const letter of letters) {
      if (!alive(nextRow(row, target, letter), anchored)) continue;
      const entry = next(prefix + letter);
      if (entry?.term.startsWith(prefix + letter)) visitChild(letter, entry);
      if (truncated) return;
    }
  };
  const first = next('');
  const row = [...target.keys(), target.length];
  if (first) visit('', row, anchors(row, false), first);
  return { matches, seeks, truncated };
}

/**
 * The same matches as fuzzyWalk, from two cheap walks instead of one dear one. A word within k edits
 * of W = W1 W2 splits into T1 T2 with d(T1, W1) + d(T2, W2) <= k, so one half is within k/2 edits:
 * a forward walk anchored on W1 finds the first kind, a walk of the reversed vocabulary anchored on
 * reversed W2 the second. Anchored walks prune from the first letters on, where a plain walk with
 * two edits to spend must visit every two-letter prefix of the vocabulary and most of their children.
 */
export function splitFuzzyWalk(word: string, maxEdits: number, forward: Seek, reversed: Seek, budget = DEFAULT_SEEK_BUDGET): WalkResult {
  const length = [...word].length;
  const half = Math.ceil(length / 2);
  const edits = Math.floor(maxEdits / 2);
  const a = fuzzyWalk(word, maxEdits, forward, budget, { column: half, edits });
  const b = fuzzyWalk(reverse(word), maxEdits, reversed, Math.max(0, budget - a.seeks), { column: length - half, edits });
  const matches = new Map(a.matches.map((m) => [m.term, m]));
  for (const m of b.matches) matches.set(reverse(m.term), { ...m, term: reverse(m.term) });
  return { matches: [...matches.values()], seeks: a.seeks + b.seeks, truncated: a.truncated || b.truncated };
}

/** A word's code points in reverse order, as the reversed vocabulary holds it. */
export function reverse(word: string): string {
  return [...word].reverse().join('');
}

/** The table row after one more letter; `null` stands for a letter the target does not hold. */
function nextRow(previous: number[], target: string[], letter: string | null): number[] {
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
