import { splitQuotation } from './fragments.ts';
import { findMarkedSpans } from './quote-marks.ts';
import type { FoundQuotation, QuotationStyle, Span } from './quote.types.ts';
import { words } from './shingles.ts';

/** Fewer words than this, once insertions are left out, is a scare quote rather than a quotation. */
export const MIN_WORDS = 3;

export interface FindOptions {
  /** Texts of <blockquote> and <q> elements, from the HTML extractor (metadata.htmlQuotes). */
  htmlQuotes?: readonly string[];
}

interface Region extends Span {
  style: QuotationStyle;
}

/** Every quotation in a report body, in reading order, with offsets into the body. */
export function findQuotations(body: string, options: FindOptions = {}): FoundQuotation[] {
  const blocks = withoutOverlaps([...blockQuotes(body), ...indentedBlocks(body), ...htmlQuoteRegions(body, options.htmlQuotes ?? [])]);
  const regions: Region[] = [...blocks];
  let from = 0;
  for (const block of [...blocks, { start: body.length, end: body.length }]) {
    // Marks inside a block quote belong to the quoted text (the source's own quotation).
    for (const span of findMarkedSpans(body, from, block.start)) regions.push({ start: span.open + 1, end: span.close, style: 'marks' });
    from = block.end;
  }
  return regions
    .sort((a, b) => a.start - b.start)
    .map((region) => toQuotation(body, region))
    .filter((q) => q !== null);
}

function toQuotation(body: string, region: Region): FoundQuotation | null {
  const { start, end } = trim(body, region);
  if (end <= start) return null;
  const split = splitQuotation(body, start, end);
  if (split.fragments.length === 0) return null;
  const wordCount = split.fragments.reduce((n, f) => n + words(body.slice(f.start, f.end)).length, 0);
  return { start, end, text: body.slice(start, end), style: region.style, ...split, tooShort: wordCount < MIN_WORDS };
}

function trim(body: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/u.test(body[start]!)) start++;
  while (end > start && /\s/u.test(body[end - 1]!)) end--;
  return { start, end };
}

const BLOCK_LINE = /^[ \t]{0,3}>[ \t]?/;

/** Markdown block quotes: runs of lines that start with ">". */
function blockQuotes(body: string): Region[] {
  const regions: Region[] = [];
  let offset = 0;
  let current: Region | null = null;
  for (const line of body.split('\n')) {
    const marker = BLOCK_LINE.exec(line);
    if (marker) {
      if (current === null) current = { start: offset + marker[0].length, end: offset + line.length, style: 'block' };
      else current.end = offset + line.length;
    } else if (current !== null) {
      regions.push(current);
      current = null;
    }
    offset += line.length + 1;
  }
  if (current !== null) regions.push(current);
  return regions;
}

const INDENTED = /^(?: {4}|\t)/;

/** Paragraphs indented as a whole, the plain-text way of setting a quotation apart. */
function indentedBlocks(body: string): Region[] {
  const regions: Region[] = [];
  let sawPlain = false;
  for (const match of body.matchAll(/[^\n][\s\S]*?(?=\n[ \t]*\n|$)/g)) {
    const lines = match[0].split('\n');
    if (lines.every((line) => INDENTED.test(line) || line.trim() === '')) {
      regions.push({ start: match.index, end: match.index + match[0].length, style: 'block' });
    } else sawPlain = true;
  }
  // A text indented throughout is just indented, not quoting.
  return sawPlain ? regions : [];
}

const EDGE_MARKS = /^[\s"'“”„‘’‚«»‹›]+|[\s"'“”„‘’‚«»‹›]+$/gu;

/** Where each <blockquote>/<q> text sits in the body; searched in order, as they appear in the page. */
function htmlQuoteRegions(body: string, quotes: readonly string[]): Region[] {
  const regions: Region[] = [];
  let cursor = 0;
  for (const quote of quotes) {
    const text = quote.replace(EDGE_MARKS, '');
    if (text === '') continue;
    const found = locate(body, text, cursor) ?? locate(body, text, 0);
    if (found === null) continue;
    regions.push({ ...found, style: 'html' });
    cursor = found.end;
  }
  return regions;
}

function locate(body: string, text: string, from: number): Span | null {
  const exact = body.indexOf(text, from);
  if (exact !== -1) return { start: exact, end: exact + text.length };
  const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const re = new RegExp(pattern, 'gu');
  re.lastIndex = from;
  const match = re.exec(body);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** Keeps the first of overlapping regions (the outer one, when one holds the other). */
function withoutOverlaps(regions: Region[]): Region[] {
  const sorted = [...regions].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Region[] = [];
  for (const region of sorted) {
    const last = kept.at(-1);
    if (last && region.start < last.end) continue;
    kept.push(region);
  }
  return kept;
}
