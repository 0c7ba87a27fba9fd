// A report's blocks filled with render-ready pieces: plain text, and quotations with their marked
// parts, each cut into runs of one formatting. Every run's text is body.slice(start, start + length),
// so the text of a quotation's pieces, hidden markup included, is exactly what the quotation spans.

import type { Quotation, Span } from '../api/types.ts';
import { cutRange, defaultLink, type QuotePartKind } from '../quotes.ts';
import type { InlineKind, InlineSpan, ItemBlock, LeafBlock, ListBlock, QuoteBlock, ReportBlock, ReportStructure } from './report-blocks.ts';

export interface Run {
  start: number;
  text: string;
  /** Formatting around the run, outermost first. */
  marks: InlineKind[];
  /** Markup the published page does not show: kept in the page (hidden) so the text stays whole. */
  hidden: boolean;
}

export interface LaidPart {
  kind: QuotePartKind | null;
  /** For a changed word: what the source says instead. */
  sourceText?: string;
  runs: Run[];
}

export type LaidPiece =
  { kind: 'text'; start: number; runs: Run[] } | { kind: 'quote'; start: number; quotation: Quotation; first: boolean; parts: LaidPart[] };

export interface LaidLeaf extends LeafBlock {
  pieces: LaidPiece[];
}

export type LaidBlock =
  | LaidLeaf
  | (Omit<ListBlock, 'items'> & { items: Array<Omit<ItemBlock, 'children'> & { children: LaidBlock[] }> })
  | (Omit<QuoteBlock, 'children'> & { children: LaidBlock[] });

interface Context {
  body: string;
  inline: InlineSpan[];
  hidden: Span[];
  quotations: Array<Span & { value: Quotation }>;
  started: Set<number>;
}

const overlaps = (span: Span, from: number, to: number) => span.start < to && span.end > from;

/** body[from, to) cut wherever formatting or hidden markup starts or ends. */
export function cutRuns(body: string, from: number, to: number, inline: readonly InlineSpan[], hidden: readonly Span[]): Run[] {
  const marks = inline.filter((s) => overlaps(s, from, to)).sort((a, b) => a.start - b.start || b.end - a.end);
  const concealed = hidden.filter((s) => overlaps(s, from, to));
  const edges = new Set([from, to]);
  for (const span of [...marks, ...concealed]) {
    if (span.start > from && span.start < to) edges.add(span.start);
    if (span.end > from && span.end < to) edges.add(span.end);
  }
  const points = [...edges].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    runs.push({
      start,
      text: body.slice(start, end),
      marks: marks.filter((m) => m.start <= start && m.end >= end).map((m) => m.kind),
      hidden: concealed.some((h) => h.start <= start && h.end >= end),
    });
  }
  return runs;
}

function quoteParts(context: Context, quotation: Quotation, from: number, to: number): LaidPart[] {
  const changed = (defaultLink(quotation)?.differences ?? []).filter(
    (d) => d.kind === 'changed' && d.report && d.report.end > d.report.start,
  );
  const spans: Array<Span & { value: { kind: QuotePartKind; sourceText?: string } }> = [
    ...quotation.insertions.map((s) => ({ start: s.start, end: s.end, value: { kind: 'insertion' as const } })),
    ...quotation.ellipses.map((s) => ({ start: s.start, end: s.end, value: { kind: 'ellipsis' as const } })),
    ...changed.map((d) => ({ start: d.report!.start, end: d.report!.end, value: { kind: 'changed' as const, sourceText: d.sourceText } })),
  ];
  const parts = cutRange(context.body, from, to, spans)
    .filter((cut) => cut.text !== '')
    .map((cut) => ({
      kind: cut.value?.kind ?? null,
      ...(cut.value?.sourceText === undefined ? {} : { sourceText: cut.value.sourceText }),
      runs: cutRuns(context.body, cut.start, cut.end, context.inline, context.hidden),
    }));
  // Marks found inside markup (a link's address, say) would mark nothing visible: show that markup.
  const runs = parts.flatMap((part) => part.runs);
  if (runs.length > 0 && runs.every((run) => run.hidden)) for (const run of runs) run.hidden = false;
  return parts;
}

function layLeaf(context: Context, block: LeafBlock): LaidLeaf {
  const pieces = cutRange(context.body, block.start, block.end, context.quotations).map((cut): LaidPiece => {
    if (!cut.value)
      return { kind: 'text', start: cut.start, runs: cutRuns(context.body, cut.start, cut.end, context.inline, context.hidden) };
    const first = !context.started.has(cut.value.id);
    context.started.add(cut.value.id);
    return { kind: 'quote', start: cut.start, quotation: cut.value, first, parts: quoteParts(context, cut.value, cut.start, cut.end) };
  });
  return { ...block, pieces };
}

function layBlocks(context: Context, blocks: readonly ReportBlock[]): LaidBlock[] {
  return blocks.map((block): LaidBlock => {
    if (block.kind === 'leaf') return layLeaf(context, block);
    if (block.kind === 'quote') return { ...block, children: layBlocks(context, block.children) };
    return { ...block, items: block.items.map((item) => ({ ...item, children: layBlocks(context, item.children) })) };
  });
}

/**
 * The report as blocks of text and quotations. A quotation that crosses a block boundary becomes one
 * piece per block; only the first (in reading order) carries its anchor.
 */
export function layoutStructure(body: string, structure: ReportStructure, quotations: readonly Quotation[]): LaidBlock[] {
  const context: Context = {
    body,
    inline: structure.inline,
    hidden: structure.hidden,
    quotations: quotations.map((q) => ({ start: q.start, end: q.end, value: q })),
    started: new Set(),
  };
  return layBlocks(context, structure.blocks);
}
