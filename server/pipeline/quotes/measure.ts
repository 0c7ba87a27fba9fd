import { bracketEdits } from './bracket-edits.ts';
import { comparePieces, substantiveChanges } from './differences.ts';
import type { QuoteText } from './align.ts';
import type { Difference, Span } from './quote.types.ts';
import { skeleton } from './skeleton.ts';
import { groupSpans, isLeadGap } from './source-pieces.ts';

/**
 * What an alignment's fragments say about the quotation: the differences between the report's
 * words and the source's (within fragments, between them, and where the report put words in),
 * and a score; for the machine's alignments and for source text a person chose.
 */

/** 1 for the same words; less for each edit. Case and punctuation cost a little, so that among equal matches the exact one comes first. */
export function scoreOf(errors: number, length: number, differences: readonly Difference[]): number {
  const cosmetic = differences.filter((d) => d.kind === 'case_or_punctuation').length;
  const score = Math.max(0, 1 - errors / Math.max(1, length) - 0.005 * Math.min(10, cosmetic));
  return Math.round(score * 1000) / 1000;
}

/** Score and differences of fragments a person chose, or that were found again after the source changed. */
export function measure(
  quote: QuoteText,
  sourceBody: string,
  fragments: Span[],
): { errors: number; score: number; differences: Difference[] } {
  const groups = groupSpans(sourceBody, quote.fragments.length, fragments);
  const printed = describe(quote, sourceBody, fragments, { groups });
  const edits = bracketEdits(quote);
  const edited = edits.length ? describe(quote, sourceBody, fragments, { groups, declared: edits }) : printed;
  const differences = substantiveChanges(edited) < substantiveChanges(printed) ? edited : printed;
  let errors = 0;
  let length = 0;
  let next = 0;
  quote.fragments.forEach((r, i) => {
    const reportWords = skeleton(quote.body.slice(r.start, r.end)).text.trim();
    const pieces = fragments.slice(next, next + (groups[i] ?? 0));
    next += groups[i] ?? 0;
    const sourceWords = pieces.map((s) => skeleton(sourceBody.slice(s.start, s.end)).text.trim()).join(' ');
    length += reportWords.length;
    errors += editDistance(reportWords, sourceWords);
  });
  // Source text a person selected beyond the report's fragments is extra, not matched.
  for (const s of fragments.slice(next)) errors += skeleton(sourceBody.slice(s.start, s.end)).text.trim().length;
  return { errors, score: scoreOf(errors, length, differences), differences };
}

const MAX_DISTANCE_CELLS = 25_000_000;

function editDistance(a: string, b: string): number {
  if (a.length * b.length > MAX_DISTANCE_CELLS) return a === b ? 0 : Math.max(a.length, b.length);
  let previous = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

export interface DescribeOptions {
  /** How many of the source spans belong to each report fragment (more than one where it crosses a paragraph lead). */
  groups?: number[];
  /** Round-bracket edits of the report to show as its own insertions. */
  declared?: readonly Span[];
}

/** Differences within each fragment, then the report's insertions and the source text its ellipses dropped. */
export function describe(quote: QuoteText, sourceBody: string, fragments: Span[], options: DescribeOptions = {}): Difference[] {
  const groups = options.groups ?? groupSpans(sourceBody, quote.fragments.length, fragments);
  const sources: Span[][] = [];
  let next = 0;
  for (const n of groups) {
    sources.push(fragments.slice(next, next + n));
    next += n;
  }
  const differences: Difference[] = [];
  const pairs = Math.min(sources.length, quote.fragments.length);
  for (let i = 0; i < pairs; i++) {
    const r = quote.fragments[i]!;
    differences.push(...comparePieces(quote.body.slice(r.start, r.end), r.start, sourceBody, sources[i]!, options.declared));
    if (i + 1 < pairs) differences.push(...gapBetween(quote, sourceBody, i, sources));
  }
  const edges = sources.slice(0, pairs).map((s) => ({ start: s[0]!.start, end: s.at(-1)!.end }));
  for (const insertion of quote.insertions) differences.push(inserted(quote, sourceBody, edges, insertion));
  return differences.sort((a, b) => (a.report?.start ?? 0) - (b.report?.start ?? 0));
}

/** Words the report put in; when they stand between two fragments, the source words they replace. */
function inserted(quote: QuoteText, sourceBody: string, fragments: Span[], insertion: Span & { text: string }): Difference {
  const next = quote.fragments.findIndex((f) => f.start >= insertion.end);
  let source: Span;
  if (next > 0 && fragments[next]) source = wordsOrEmpty(sourceBody, { start: fragments[next - 1]!.end, end: fragments[next]!.start });
  else if (next === 0) source = { start: fragments[0]!.start, end: fragments[0]!.start };
  else source = { start: fragments.at(-1)!.end, end: fragments.at(-1)!.end };
  const report = { start: insertion.start, end: insertion.end };
  return { kind: 'inserted', report, source, reportText: insertion.text, sourceText: sourceBody.slice(source.start, source.end) };
}

function wordsOrEmpty(body: string, gap: Span): Span {
  const text = body.slice(gap.start, gap.end);
  if (!/[\p{L}\p{N}]/u.test(text)) return { start: gap.start, end: gap.start };
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return { start: gap.start + lead, end: gap.end - trail };
}

/** What the source has between two fragments: dropped by an ellipsis, replaced by an insertion, or nothing (a paragraph lead is nothing). */
function gapBetween(quote: QuoteText, sourceBody: string, i: number, sources: Span[][]): Difference[] {
  const gap = { start: sources[i]!.at(-1)!.end, end: sources[i + 1]![0]!.start };
  const gapText = sourceBody.slice(gap.start, gap.end);
  if (!/[\p{L}\p{N}]/u.test(gapText) || isLeadGap(gapText)) return [];
  const between = { start: quote.fragments[i]!.end, end: quote.fragments[i + 1]!.start };
  if (quote.insertions.some((x) => x.start >= between.start && x.end <= between.end)) return [];
  const ellipsis = quote.ellipses.find((e) => e.start >= between.start && e.end <= between.end);
  if (ellipsis) {
    return [
      { kind: 'elided', report: ellipsis, source: gap, reportText: quote.body.slice(ellipsis.start, ellipsis.end), sourceText: gapText },
    ];
  }
  return [
    { kind: 'changed', report: between, source: gap, reportText: quote.body.slice(between.start, between.end).trim(), sourceText: gapText },
  ];
}
