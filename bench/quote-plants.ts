import { makeRecord, mulberry32 } from './corpus.ts';
import { skeleton } from '../server/pipeline/quotes/skeleton.ts';

/**
 * Quotations planted in the benchmark's reports: each copies a span of one archive passage and
 * edits it the way reports do, and remembers the source spans a linker should find. Absent
 * quotations are built to look like the archive without being in it.
 */
export const EDIT_KINDS = [
  'exact',
  'case_punctuation',
  'typos',
  'ellipsis',
  'insertion',
  'short',
  'mixed',
  'mixed_marks',
  'round_brackets',
  'abbreviation',
  'cross_passage',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];
export type PlantKind = EditKind | 'absent';

export interface ArchivePassage {
  id: number;
  documentId: number;
  /** Offset of the passage in its document body. */
  start: number;
  text: string;
}

export interface Plant {
  kind: PlantKind;
  /** The quotation as printed, without its marks (a quotation over two paragraphs holds the second one's opening mark). */
  text: string;
  /** Opening and closing mark; no closing mark means the quotation is left open at the end of its paragraph. */
  marks: [string, string];
  /** Source passage of the first fragment and each fragment's span in the source body (none when absent). */
  passageId: number | null;
  documentId: number | null;
  spans: Array<{ start: number; end: number }>;
}

interface Word {
  start: number;
  end: number;
}

const JOINERS = [' … ', ' [...] ', ' […] ', ' ... '];
const REPLACEMENTS = ['[the official]', '[Colonel Rashid]', '[the source]', '[the station chief]'];
const NOTES = ['[sic]', '[emphasis added]', '[in Basra]'];
// Pairs of marks from copy edited in several tools.
const MIXED_MARKS: Array<[string, string]> = [
  ['"', '”'],
  ['“', '"'],
  ['„', '"'],
  ['“', '“'],
  ['”', '"'],
  ["'", '’'],
  ['‘', "'"],
  ['‘', '"'],
];
const GLOSSES = ['(reportedly)', '(allegedly)', '(interior ministry)', '(a senior official)', '(in Baghdad)', '(then)'];
const EXPANSIONS = ['the Ministry of Foreign Affairs', 'the security services', 'senior party officials', 'the intelligence station'];
const LEAD = /^\d+\. \(S\) /;

export class Planter {
  private readonly random: () => number;
  /** Every passage's words, folded, in one string: what "occurs exactly once in the archive" is checked against. */
  private readonly corpus: string;

  constructor(
    private readonly passages: ArchivePassage[],
    seed: number,
  ) {
    this.random = mulberry32(seed);
    this.corpus = passages.map((p) => skeleton(p.text).text).join('|');
  }

  plant(kind: PlantKind): Plant {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const plant = kind === 'absent' ? this.absent() : this.edited(kind);
      if (plant) return { ...plant, kind };
    }
    throw new Error(`Could not plant a quotation of kind ${kind}.`);
  }

  private edited(kind: EditKind): Plant | null {
    const index = Math.floor(this.random() * this.passages.length);
    const passage = this.passages[index]!;
    const words = wordsOf(passage.text);
    switch (kind) {
      case 'exact':
        return this.span(passage, words, 8, 25, (t) => t, ['“', '”']);
      case 'case_punctuation':
        return this.span(passage, words, 8, 25, (t) => this.cosmetic(t), ['"', '"']);
      case 'typos':
        return this.span(passage, words, 10, 25, (t) => this.typos(t, 1 + Math.floor(this.random() * 3)), ['“', '”']);
      case 'short':
        return this.span(passage, words, 3, 5, (t) => t, ['“', '”']);
      case 'insertion':
        return this.insertion(passage, words);
      case 'ellipsis':
        return this.ellipsis(index, words, false);
      case 'mixed':
        return this.ellipsis(index, words, true);
      case 'mixed_marks':
        return this.messyMarks(passage);
      case 'round_brackets':
        return this.roundBrackets(passage);
      case 'abbreviation':
        return this.substitution(passage);
      case 'cross_passage':
        return this.crossPassage(index);
    }
  }

  /** Exact words between mixed marks, with no-break, double and soft-break spaces; some over two paragraphs, some left open. */
  private messyMarks(passage: ArchivePassage): Plant | null {
    const words = bodyWords(passage);
    const length = 8 + Math.floor(this.random() * 18);
    if (words.length < length) return null;
    const first = Math.floor(this.random() * (words.length - length + 1));
    const span = trimSpan(passage.text, words[first]!.start, words[first + length - 1]!.end);
    const source = passage.text.slice(span.start, span.end);
    // A span cut inside the source's own quotation (agent "Falcon) leaves a stray mark no reader could pair either.
    if (!this.unique(source) || (source.match(/"/g)?.length ?? 0) % 2 === 1) return null;
    const marks = this.pick(MIXED_MARKS);
    const roll = this.random();
    const sentence = source.search(/\. [A-Z]/);
    if (roll < 0.2 && sentence > 20 && sentence < source.length - 20 && marks[0] !== "'" && marks[0] !== '‘') {
      // Over two paragraphs: the second opens with the mark again.
      const cut = span.start + sentence + 1;
      const left = { start: span.start, end: cut };
      const right = trimSpan(passage.text, cut, span.end);
      const text = `${this.messySpaces(passage.text.slice(left.start, left.end))}\n\n${marks[0]}${passage.text.slice(right.start, right.end)}`;
      return this.result(passage, text, marks, [left, right]);
    }
    const open: [string, string] = roll < 0.3 && marks[0] !== "'" && marks[0] !== '‘' ? [marks[0], ''] : marks;
    const padded = this.random() < 0.2 && '“„‘'.includes(open[0]) ? '\u00a0' : '';
    return this.result(passage, padded + this.messySpaces(source), open, [span]);
  }

  private messySpaces(text: string): string {
    const spaces = Array.from(text.matchAll(/ /g), (m) => m.index);
    let out = text;
    for (const replacement of ['\u00a0', '  ', '\n', '\u00a0']) {
      if (spaces.length === 0 || this.random() < 0.3) continue;
      const at = spaces.splice(Math.floor(this.random() * spaces.length), 1)[0]!;
      out = out.slice(0, at) + replacement + out.slice(at + 1);
      // Later offsets move when a space became two.
      if (replacement.length === 2) for (let i = 0; i < spaces.length; i++) if (spaces[i]! > at) spaces[i]! += 1;
    }
    return out;
  }

  /** One round-bracket edit: a capital letter, another ending, or words put in. */
  private roundBrackets(passage: ArchivePassage): Plant | null {
    const words = bodyWords(passage);
    const length = 10 + Math.floor(this.random() * 13);
    if (words.length < length) return null;
    const first = Math.floor(this.random() * (words.length - length + 1));
    const span = trimSpan(passage.text, words[first]!.start, words[first + length - 1]!.end);
    const source = passage.text.slice(span.start, span.end);
    if (!this.unique(source)) return null;
    const tokens = source.split(' ');
    const roll = this.random();
    if (roll < 0.3 && /^[a-z]{2,}$/.test(tokens[0]!)) {
      tokens[0] = `(${tokens[0]![0]!.toUpperCase()})${tokens[0]!.slice(1)}`;
    } else if (roll < 0.6) {
      const i = tokens.findIndex((t, n) => n > 0 && /^[a-z]{4,}ed$/.test(t));
      if (i === -1) return null;
      tokens[i] = `${tokens[i]!.slice(0, -2)}(ing)`;
    } else {
      const i = 1 + Math.floor(this.random() * (tokens.length - 2));
      if (!/[a-z]$/i.test(tokens[i]!)) return null;
      tokens.splice(i + 1, 0, this.pick(GLOSSES));
    }
    return this.result(passage, tokens.join(' '), ['“', '”'], [span]);
  }

  /** A long quotation (26 to 45 words) with one short stretch substituted: an abbreviation spelt out, a word swapped. */
  private substitution(passage: ArchivePassage): Plant | null {
    const words = bodyWords(passage);
    const length = 26 + Math.floor(this.random() * 20);
    if (words.length < length) return null;
    const first = Math.floor(this.random() * (words.length - length + 1));
    const span = trimSpan(passage.text, words[first]!.start, words[first + length - 1]!.end);
    const source = passage.text.slice(span.start, span.end);
    if (!this.unique(source)) return null;
    const tokens = source.split(' ');
    const inner = (t: string, n: number) => n >= 3 && n < tokens.length - 3 && /^[a-z]{5,}$/.test(t);
    const usd = tokens.findIndex((t, n) => n >= 3 && n < tokens.length - 3 && t.startsWith('USD'));
    if (usd !== -1 && this.random() < 0.5) tokens[usd] = tokens[usd]!.replace('USD', 'US dollars');
    else {
      const i = tokens.findIndex((t, n) => inner(t, n) && this.random() < 0.3);
      if (i === -1) return null;
      const pool = this.passages[Math.floor(this.random() * this.passages.length)]!.text.split(/\s+/).filter((w) => /^[a-z]{5,}$/.test(w));
      const swap = pool.find((w) => w.slice(0, 3) !== tokens[i]!.slice(0, 3));
      tokens[i] = this.random() < 0.5 || !swap ? this.pick(EXPANSIONS) : swap;
    }
    return this.result(passage, tokens.join(' '), ['“', '”'], [span]);
  }

  /** The end of one paragraph run on into the start of the next, without the next one's "2. (S)". */
  private crossPassage(index: number): Plant | null {
    const passage = this.passages[index]!;
    const next = this.passages[index + 1];
    if (next?.documentId !== passage.documentId) return null;
    const a = bodyWords(passage);
    const b = bodyWords(next);
    const lengthA = 5 + Math.floor(this.random() * 6);
    const lengthB = 5 + Math.floor(this.random() * 6);
    if (a.length < lengthA || b.length < lengthB) return null;
    const left = trimSpan(passage.text, a[a.length - lengthA]!.start, a.at(-1)!.end);
    const right = trimSpan(next.text, b[0]!.start, b[lengthB - 1]!.end);
    const first = passage.text.slice(left.start, left.end);
    const second = next.text.slice(right.start, right.end);
    if (!this.unique(first) && !this.unique(second)) return null;
    return {
      kind: 'cross_passage',
      text: `${first}${passage.text.slice(left.end, a.at(-1)!.end)} ${second}`,
      marks: ['“', '”'],
      passageId: passage.id,
      documentId: passage.documentId,
      spans: [absolute(passage, left), absolute(next, right)],
    };
  }

  private span(
    passage: ArchivePassage,
    words: Word[],
    min: number,
    max: number,
    edit: (t: string) => string,
    marks: [string, string],
  ): Plant | null {
    const length = min + Math.floor(this.random() * (max - min + 1));
    if (words.length < length) return null;
    const first = Math.floor(this.random() * (words.length - length + 1));
    const span = trimSpan(passage.text, words[first]!.start, words[first + length - 1]!.end);
    const source = passage.text.slice(span.start, span.end);
    if (!this.unique(source)) return null;
    return this.result(passage, edit(source), marks, [span]);
  }

  private insertion(passage: ArchivePassage, words: Word[]): Plant | null {
    const length = 8 + Math.floor(this.random() * 13);
    if (words.length < length + 1) return null;
    const first = Math.floor(this.random() * (words.length - length));
    const span = trimSpan(passage.text, words[first + 1]!.start, words[first + length]!.end);
    if (!this.unique(passage.text.slice(span.start, span.end))) return null;
    if (this.random() < 0.5) {
      // The report names who the source's first word stood for.
      return this.result(passage, `${this.pick(REPLACEMENTS)} ${passage.text.slice(span.start, span.end)}`, ['“', '”'], [span]);
    }
    const cut = words[first + 1 + Math.floor(length / 2)]!.end;
    const left = trimSpan(passage.text, span.start, cut);
    const right = trimSpan(passage.text, cut, span.end);
    const text = `${passage.text.slice(left.start, left.end)} ${this.pick(NOTES)} ${passage.text.slice(right.start, right.end)}`;
    return this.result(passage, text, ['“', '”'], [left, right]);
  }

  /** Two fragments with words left out between them, sometimes running on into the next passage. */
  private ellipsis(index: number, words: Word[], mixed: boolean): Plant | null {
    const passage = this.passages[index]!;
    const next = this.passages[index + 1];
    const across = next?.documentId === passage.documentId && this.random() < 0.25;
    const lengthA = 5 + Math.floor(this.random() * 8);
    const lengthB = 5 + Math.floor(this.random() * 8);
    const secondPassage = across ? next! : passage;
    const secondWords = across ? wordsOf(next!.text) : words;
    const a = across
      ? this.piece(passage, words, lengthA, words.length - lengthA - 3, words.length - lengthA)
      : this.piece(passage, words, lengthA, 0, words.length - lengthA - 4 - lengthB);
    if (!a) return null;
    const b = across
      ? this.piece(secondPassage, secondWords, lengthB, 0, 3)
      : this.piece(secondPassage, secondWords, lengthB, a.lastWord + 4, secondWords.length - lengthB);
    if (!b) return null;
    let first = passage.text.slice(a.span.start, a.span.end);
    let second = secondPassage.text.slice(b.span.start, b.span.end);
    if (mixed) {
      first = this.cosmetic(first).replace(/[,.]$/, '');
      second = this.typos(second, 1);
    }
    const spans = [absolute(passage, a.span), absolute(secondPassage, b.span)];
    return {
      kind: 'ellipsis',
      text: first + this.pick(JOINERS) + second,
      marks: ['“', '”'],
      passageId: passage.id,
      documentId: passage.documentId,
      spans,
    };
  }

  /** `length` words starting somewhere in [lowest, highest], if they occur only there in the archive. */
  private piece(passage: ArchivePassage, words: Word[], length: number, lowest: number, highest: number) {
    const low = Math.max(0, lowest);
    const high = Math.min(highest, words.length - length);
    if (high < low) return null;
    const first = low + Math.floor(this.random() * (high - low + 1));
    const span = trimSpan(passage.text, words[first]!.start, words[first + length - 1]!.end);
    if (!this.unique(passage.text.slice(span.start, span.end))) return null;
    return { span, lastWord: first + length - 1 };
  }

  /**
   * Spliced halves of two documents, fresh generator text, a real sentence with several words swapped
   * or one, the end of one document's paragraph run on into another's, or a long quotation with
   * three words swapped or a number changed.
   */
  private absent(): Plant | null {
    const roll = this.random();
    let text: string | null;
    if (roll < 0.2) {
      const a = this.passages[Math.floor(this.random() * this.passages.length)]!;
      const b = this.passages[Math.floor(this.random() * this.passages.length)]!;
      if (a.documentId === b.documentId) return null;
      text = `${halfOf(a.text, wordsOf(a.text), true, this.random)} ${halfOf(b.text, wordsOf(b.text), false, this.random)}`;
    } else if (roll < 0.4) {
      const record = makeRecord(this.random, 0);
      const sentences = record.text.replace(/^\d+\. \(S\) /gm, '').split(/(?<=\.)\s+/);
      text = this.pick(sentences).replace(/\.$/, '');
    } else if (roll < 0.7) {
      // A real sentence with a quarter of its words replaced, or just one: a misquotation is a look-alike too.
      const passage = this.passages[Math.floor(this.random() * this.passages.length)]!;
      text = this.swapWords(passage.text.split(/(?<=\.)\s+/)[0]!.replace(LEAD, ''), roll < 0.6 ? 0.25 : 0);
    } else if (roll < 0.8) {
      const a = this.passages[Math.floor(this.random() * this.passages.length)]!;
      const b = this.passages[Math.floor(this.random() * this.passages.length)]!;
      if (a.documentId === b.documentId) return null;
      text = `${halfOf(a.text, wordsOf(a.text), false, this.random)} ${halfOf(b.text.replace(LEAD, ''), wordsOf(b.text.replace(LEAD, '')), true, this.random)}`;
    } else text = this.longMisquotation(roll < 0.9);
    if (text === null || text.split(/\s+/).length < 6 || this.corpus.includes(skeleton(text).text)) return null;
    return { kind: 'absent', text, marks: ['“', '”'], passageId: null, documentId: null, spans: [] };
  }

  /** 26 to 40 words of a passage with three words swapped far apart, or with a number changed. */
  private longMisquotation(swaps: boolean): string | null {
    const passage = this.passages[Math.floor(this.random() * this.passages.length)]!;
    const words = bodyWords(passage);
    const length = 26 + Math.floor(this.random() * 15);
    if (words.length < length) return null;
    const first = Math.floor(this.random() * (words.length - length + 1));
    const span = trimSpan(passage.text, words[first]!.start, words[first + length - 1]!.end);
    const tokens = passage.text.slice(span.start, span.end).split(' ');
    if (!swaps) {
      const i = tokens.findIndex((t) => /^\(?\d{4}$/.test(t));
      if (i === -1) return null;
      tokens[i] = tokens[i]!.replace(/\d$/, (d) => String((Number(d) + 1 + Math.floor(this.random() * 8)) % 10));
      return tokens.join(' ');
    }
    const pool = this.passages[Math.floor(this.random() * this.passages.length)]!.text.split(/\s+/).filter((w) => /^[a-z]{5,}$/.test(w));
    for (const at of [0.2, 0.5, 0.8]) {
      const i = Math.floor(at * tokens.length);
      const replacement = this.pick(pool);
      if (pool.length === 0 || replacement.slice(0, 3) === tokens[i]!.toLowerCase().slice(0, 3)) return null;
      tokens[i] = replacement;
    }
    return tokens.join(' ');
  }

  private swapWords(sentence: string, share: number): string {
    const pool = this.passages[Math.floor(this.random() * this.passages.length)]!.text.split(/\s+/).filter((w) => /^[a-z]{4,}$/.test(w));
    const tokens = sentence.split(' ');
    const wanted = share === 0 ? 1 : Math.max(3, Math.ceil(tokens.length * share));
    for (let n = 0; n < wanted && pool.length > 0; n++) {
      const i = Math.floor(this.random() * tokens.length);
      // Another word, not a misspelling of the same one.
      const replacement = this.pick(pool);
      if (replacement.slice(0, 3) !== tokens[i]!.toLowerCase().slice(0, 3)) tokens[i] = replacement;
    }
    return tokens.join(' ');
  }

  /** Capital letter changed, a comma dropped or turned into a semicolon, end punctuation added, inner quotes made single. */
  private cosmetic(text: string): string {
    let out = /^[a-z]/.test(text) ? text[0]!.toUpperCase() + text.slice(1) : text[0]!.toLowerCase() + text.slice(1);
    out = this.random() < 0.5 ? out.replace(', ', ' ') : out.replace(', ', '; ');
    return out.replaceAll('"', "'") + this.pick([',', '.', '']);
  }

  private typos(text: string, count: number): string {
    const words = Array.from(text.matchAll(/\b[a-z]{4,}\b/g));
    if (words.length === 0) return text;
    let out = text;
    const chosen = new Set<number>();
    for (let n = 0; n < count && chosen.size < words.length; n++) {
      let i = Math.floor(this.random() * words.length);
      while (chosen.has(i)) i = (i + 1) % words.length;
      chosen.add(i);
    }
    // Right to left, so earlier offsets stay valid.
    for (const i of [...chosen].sort((a, b) => b - a)) {
      const m = words[i]!;
      out = out.slice(0, m.index) + this.misspell(m[0]) + out.slice(m.index + m[0].length);
    }
    return out;
  }

  private misspell(word: string): string {
    const at = 1 + Math.floor(this.random() * (word.length - 2));
    switch (Math.floor(this.random() * 4)) {
      case 0:
        return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      case 1:
        return word.slice(0, at) + word.slice(at + 1);
      case 2:
        return word.slice(0, at) + word[at] + word.slice(at);
      default: {
        const letter = String.fromCharCode(97 + ((word.charCodeAt(at) - 97 + 1 + Math.floor(this.random() * 25)) % 26));
        return word.slice(0, at) + letter + word.slice(at + 1);
      }
    }
  }

  private unique(source: string): boolean {
    const key = skeleton(source).text;
    const first = this.corpus.indexOf(key);
    return first !== -1 && this.corpus.indexOf(key, first + 1) === -1;
  }

  private result(passage: ArchivePassage, text: string, marks: [string, string], spans: Word[]): Plant {
    return {
      kind: 'exact',
      text,
      marks,
      passageId: passage.id,
      documentId: passage.documentId,
      spans: spans.map((s) => absolute(passage, s)),
    };
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
}

/** The words of a passage after its "3. (S)" lead. */
function bodyWords(passage: ArchivePassage): Word[] {
  const lead = LEAD.exec(passage.text)?.[0].length ?? 0;
  return wordsOf(passage.text).filter((w) => w.start >= lead);
}

function wordsOf(text: string): Word[] {
  return Array.from(text.matchAll(/\S+/g), (m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** A span without punctuation at its edges: "(4000 USD)." → "4000 USD". */
export function trimSpan(text: string, start: number, end: number): Word {
  while (start < end && !/[\p{L}\p{N}]/u.test(text[start]!)) start++;
  while (end > start && !/[\p{L}\p{N}]/u.test(text[end - 1]!)) end--;
  return { start, end };
}

function absolute(passage: ArchivePassage, span: Word): Word {
  return { start: passage.start + span.start, end: passage.start + span.end };
}

function halfOf(text: string, words: Word[], front: boolean, random: () => number): string {
  const length = Math.min(words.length, 5 + Math.floor(random() * 5));
  const first = front ? 0 : Math.max(0, words.length - length);
  const span = trimSpan(text, words[first]!.start, words[first + length - 1]!.end);
  return text.slice(span.start, span.end);
}
