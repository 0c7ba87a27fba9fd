// The structure of a report as published (headings, paragraphs, lists, block quotes), as offsets into
// its body. Nothing here holds text: the layout cuts every piece it shows from the body, so what a
// quotation marks is still body.slice(start, end).

import type { Span } from '../api/types.ts';
import { paragraphs } from '../quotes.ts';

export type LeafTag = 'heading' | 'paragraph' | 'code' | 'html' | 'rule' | 'hidden';

export interface LeafBlock extends Span {
  kind: 'leaf';
  tag: LeafTag;
  /** Heading level as written (1 for `#`, 2 for `##` …); 0 for other blocks. */
  level: number;
  /** Line breaks in the body are shown as written (plain text, code) rather than as spaces (prose). */
  keepBreaks: boolean;
}

export interface ListBlock extends Span {
  kind: 'list';
  ordered: boolean;
  /** The number the first item carries, for an ordered list that does not start at 1. */
  first: number | null;
  items: ItemBlock[];
}

export interface ItemBlock extends Span {
  kind: 'item';
  children: ReportBlock[];
}

export interface QuoteBlock extends Span {
  kind: 'quote';
  children: ReportBlock[];
}

export type ReportBlock = LeafBlock | ListBlock | QuoteBlock;

/** Inline formatting, outermost first when spans nest. Links and images are shown as their text only. */
export type InlineKind = 'emphasis' | 'strong' | 'code' | 'link' | 'image';

export interface InlineSpan extends Span {
  kind: InlineKind;
}

export interface ReportStructure {
  blocks: ReportBlock[];
  inline: InlineSpan[];
  /** Markup in the body that the published page does not show (`#`, `*`, `> `, a link's address …). */
  hidden: Span[];
}

/** Deeper lists and block quotes are shown at this depth: hostile text nests thousands deep. */
export const MAX_DEPTH = 12;

export type ReportFormat = 'text' | 'markdown' | 'html';

export function leaf(tag: LeafTag, start: number, end: number, level = 0, keepBreaks = false): LeafBlock {
  return { kind: 'leaf', tag, level, start, end, keepBreaks };
}

/** Plain text: paragraphs between blank lines, line breaks kept, nothing hidden. */
export function plainStructure(body: string): ReportStructure {
  return { blocks: paragraphs(body).map((p) => leaf('paragraph', p.start, p.end, 0, true)), inline: [], hidden: [] };
}

/** Every leaf block in reading order. */
export function leaves(blocks: readonly ReportBlock[]): LeafBlock[] {
  return blocks.flatMap((block): LeafBlock[] => {
    if (block.kind === 'leaf') return [block];
    if (block.kind === 'list') return block.items.flatMap((item) => leaves(item.children));
    return leaves(block.children);
  });
}
