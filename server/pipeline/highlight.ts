import { normalise, WORD } from './normalise.ts';
import type { ParsedQuery, Term } from './query-parser.ts';

/** Sentinels around each highlight in a snippet; cleanText() strips them from documents, so they cannot be forged. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export interface Range {
  start: number;
  end: number;
}

interface Word {
  start: number;
  end: number;
  value: string;
}

function matchesAt(words: Word[], at: number, term: Term): boolean {
  return term.tokens.every((token, k) => {
    const word = words[at + k];
    if (!word) return false;
    const last = k === term.tokens.length - 1;
    return last && term.prefix ? word.value.startsWith(token) : word.value === token;
  });
}

/**
 * Where the query's words and phrases occur in `text`, as ranges of the original text. FTS5 decides
 * what matches; this only finds the words to mark, by the same folding and word rules as the index.
 */
export function termRanges(text: string, query: ParsedQuery): Range[] {
  const terms = query.include.flat().filter((t) => !t.titleOnly);
  if (terms.length === 0) return [];
  const folded = normalise(text);
  const words: Word[] = [...folded.text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0] }));
  const ranges: Range[] = [];
  for (let i = 0; i < words.length; i++) {
    let longest = 0;
    for (const term of terms) if (term.tokens.length > longest && matchesAt(words, i, term)) longest = term.tokens.length;
    if (longest === 0) continue;
    const start = folded.originIndex[words[i]!.start]!;
    const end = folded.originIndex[words[i + longest - 1]!.end]!;
    const previous = ranges.at(-1);
    if (previous && start <= previous.end) previous.end = Math.max(previous.end, end);
    else ranges.push({ start, end });
  }
  return ranges;
}

export const SNIPPET_LENGTH = 240;

/**
 * A window of the original text around the first highlight, cut at word boundaries, with the
 * highlights wrapped in the given markers. The UI turns markers into <mark>; it never parses HTML.
 */
export function buildSnippet(text: string, ranges: Range[], length = SNIPPET_LENGTH): string {
  const first = ranges[0] ?? { start: 0, end: 0 };
  let from = Math.max(0, Math.min(first.start - Math.floor(length / 3), text.length - length));
  let to = Math.min(text.length, from + length);
  if (from > 0) from = nextWordStart(text, from);
  if (to < text.length) to = previousWordEnd(text, to, first.end);
  let out = from > 0 ? '…' : '';
  let cursor = from;
  for (const r of ranges) {
    if (r.end <= from || r.start >= to) continue;
    const start = Math.max(r.start, cursor);
    const end = Math.min(r.end, to);
    out += text.slice(cursor, start) + HIGHLIGHT_START + text.slice(start, end) + HIGHLIGHT_END;
    cursor = end;
  }
  out += text.slice(cursor, to) + (to < text.length ? '…' : '');
  return out;
}

function nextWordStart(text: string, index: number): number {
  const space = text.slice(index, index + 30).search(/\s/);
  return space < 0 ? index : index + space + 1;
}

function previousWordEnd(text: string, index: number, atLeast: number): number {
  const slice = text.slice(Math.max(atLeast, index - 30), index);
  const space = slice.search(/\s\S*$/);
  return space < 0 ? index : Math.max(atLeast, index - 30) + space;
}
