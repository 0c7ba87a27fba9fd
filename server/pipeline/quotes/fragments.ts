import type { Span } from './quote.types.ts';

/**
 * A quotation's own words are what lies between the report's additions: ellipses mark text the
 * report left out, square brackets mark words it put in ([the Iraqi official], [sic]). Each
 * stretch between them is a fragment, and fragments must appear in the source in order. A
 * quotation over several paragraphs has a fragment per paragraph.
 */
export interface SplitQuotation {
  fragments: Span[];
  insertions: Array<Span & { text: string }>;
  ellipses: Span[];
}

const ELLIPSIS = String.raw`\[\s*(?:…|\.\s?\.\s?\.)\s*\]|\(\s*(?:…|\.\s?\.\s?\.)\s*\)|…|\.\s?\.\s?\.\.*`;
const INSERTION = String.raw`\[[^\[\]\n]{1,120}\]`;
// Continuation lines of a Markdown block quote start with "> "; the marker is not quoted text.
const BLOCK_MARKER = String.raw`\n[ \t]*(?:>[ \t]?)+`;
// A quotation over several paragraphs opens each of them with the mark again; neither is quoted text.
const PARAGRAPH = String.raw`\r?\n[^\S\n]*\n\s*["“”„‟«»‘‚']?`;
const SEPARATOR = new RegExp(`(${ELLIPSIS})|(${INSERTION})|(${BLOCK_MARKER})|(${PARAGRAPH})`, 'gu');
const HAS_WORD = /[\p{L}\p{N}]/u;

export function splitQuotation(body: string, start: number, end: number): SplitQuotation {
  const inner = body.slice(start, end);
  const result: SplitQuotation = { fragments: [], insertions: [], ellipses: [] };
  let last = 0;
  for (const match of inner.matchAll(SEPARATOR)) {
    addFragment(body, start + last, start + match.index, result.fragments);
    const span = { start: start + match.index, end: start + match.index + match[0].length };
    if (match[1] !== undefined) result.ellipses.push(span);
    else if (match[2] !== undefined) result.insertions.push({ ...span, text: match[2].slice(1, -1).trim() });
    last = match.index + match[0].length;
  }
  addFragment(body, start + last, end, result.fragments);
  return result;
}

function addFragment(body: string, start: number, end: number, fragments: Span[]): void {
  while (start < end && /\s/u.test(body[start]!)) start++;
  while (end > start && /\s/u.test(body[end - 1]!)) end--;
  if (end > start && HAS_WORD.test(body.slice(start, end))) fragments.push({ start, end });
}
