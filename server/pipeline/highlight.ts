import { normalise } from './normalise.ts';

export interface Range {
  start: number;
  end: number;
}

/**
 * Turns text that carries start/end markers (as FTS5's highlight() returns it over the folded index
 * text) into ranges of the folded text without the markers.
 */
export function markedRanges(marked: string, startMark: string, endMark: string): Range[] {
  const ranges: Range[] = [];
  let plainIndex = 0;
  let open = -1;
  for (const ch of marked) {
    if (ch === startMark) open = plainIndex;
    else if (ch === endMark) {
      if (open >= 0 && plainIndex > open) ranges.push({ start: open, end: plainIndex });
      open = -1;
    } else plainIndex += ch.length;
  }
  return ranges;
}

/** Highlight ranges in `original`, given marked folded text produced from normalise(original). */
export function originalHighlights(original: string, marked: string, startMark: string, endMark: string): Range[] {
  const folded = normalise(original);
  return markedRanges(marked, startMark, endMark).map((r) => ({
    start: folded.originIndex[r.start]!,
    end: folded.originIndex[r.end]!,
  }));
}

export const SNIPPET_LENGTH = 240;

/**
 * A window of the original text around the first highlight, cut at word boundaries, with the
 * highlights wrapped in the given markers. The UI turns markers into <mark>; it never parses HTML.
 */
export function buildSnippet(text: string, ranges: Range[], startMark: string, endMark: string, length = SNIPPET_LENGTH): string {
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
    out += text.slice(cursor, start) + startMark + text.slice(start, end) + endMark;
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
