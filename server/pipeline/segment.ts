/** A passage is the unit of search and of quotation: body.slice(start, end) === text, always. */
export interface Segment {
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

export const MAX_PASSAGE_LENGTH = 1000;

// Numbered cable paragraphs ("1. (C)", "12. (S/NF)", "¶3") start a passage even without a blank line.
const NUMBERED_PARAGRAPH = /^[ \t]*(?:\d{1,3}\.[ \t]*\([A-Z][A-Z/ ]{0,10}\)|¶[ \t]*\d{1,3})/;
const SENTENCE_END = /[.!?\u061F\u06D4…]+["'”’»)\]]*(?=\s)/g;

interface Span {
  start: number;
  end: number;
}

export function segment(body: string, maxLength = MAX_PASSAGE_LENGTH): Segment[] {
  const segments: Segment[] = [];
  for (const paragraph of paragraphs(body)) {
    for (const piece of splitLong(body, paragraph, maxLength)) {
      const trimmed = trimSpan(body, piece);
      if (trimmed.end > trimmed.start) {
        segments.push({ ordinal: segments.length + 1, ...trimmed, text: body.slice(trimmed.start, trimmed.end) });
      }
    }
  }
  return segments;
}

function paragraphs(body: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let offset = 0;
  let previousBlank = false;
  for (const line of body.split('\n')) {
    const blank = line.trim() === '';
    if (!blank && !previousBlank && offset > start && NUMBERED_PARAGRAPH.test(line)) {
      spans.push({ start, end: offset });
      start = offset;
    }
    if (blank && !previousBlank) {
      spans.push({ start, end: offset });
      start = offset;
    }
    previousBlank = blank;
    offset += line.length + 1;
  }
  spans.push({ start, end: body.length });
  return spans.map((s) => trimSpan(body, s)).filter((s) => s.end > s.start);
}

function trimSpan(body: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(body[start]!)) start++;
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  return { start, end };
}

/** Packs whole sentences into pieces of at most maxLength; a sentence longer than that is cut at a space. */
function splitLong(body: string, span: Span, maxLength: number): Span[] {
  if (span.end - span.start <= maxLength) return [span];
  const pieces: Span[] = [];
  let pieceStart = span.start;
  let lastCut = -1;
  for (const cut of sentenceCuts(body, span)) {
    if (cut - pieceStart > maxLength && lastCut > pieceStart) {
      pieces.push({ start: pieceStart, end: lastCut });
      pieceStart = lastCut;
    }
    lastCut = cut;
  }
  pieces.push({ start: pieceStart, end: span.end });
  return pieces.flatMap((piece) => hardSplit(body, trimSpan(body, piece), maxLength));
}

function sentenceCuts(body: string, span: Span): number[] {
  const text = body.slice(span.start, span.end);
  const cuts: number[] = [];
  for (const match of text.matchAll(SENTENCE_END)) cuts.push(span.start + match.index + match[0].length);
  cuts.push(span.end);
  return cuts;
}

function hardSplit(body: string, span: Span, maxLength: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > maxLength) {
    const window = body.slice(start, start + maxLength);
    const space = window.search(/\s\S*$/);
    let cut = space > maxLength / 2 ? start + space : start + maxLength;
    if (/[\uD800-\uDBFF]/.test(body[cut - 1]!)) cut--; // never split a surrogate pair
    pieces.push({ start, end: cut });
    start = cut;
    while (start < span.end && /\s/.test(body[start]!)) start++;
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  return pieces;
}
