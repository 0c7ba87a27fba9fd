// An HTML report's structure. Its body is the page's text, one paragraph per block (see
// server/pipeline/extract/html-blocks.helper.ts); what each paragraph was (a heading, a list item, a
// paragraph inside a block quote) is kept in the document's metadata as offsets into that body. Only
// entries that fit the body are used; a paragraph without one is shown as a plain paragraph.

import type { Span } from '../api/types.ts';
import { paragraphs } from '../quotes.ts';
import {
  leaf,
  MAX_DEPTH,
  type InlineKind,
  type InlineSpan,
  type ItemBlock,
  type LeafBlock,
  type ListBlock,
  type QuoteBlock,
  type ReportBlock,
  type ReportStructure,
} from './report-blocks.ts';

interface Entry extends Span {
  tag: string;
  /** Enclosing containers, outermost first, each as `tag:id` (ul, ol, li, blockquote). */
  within: string[];
}

type Container = ListBlock | ItemBlock | QuoteBlock;

const INLINE_KINDS = new Set<InlineKind>(['emphasis', 'strong', 'code', 'link', 'image']);
const CONTAINER = /^(ul|ol|li|blockquote):\d+$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function validSpan(value: Record<string, unknown>, length: number): boolean {
  const { start, end } = value;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) < (end as number) &&
    (end as number) <= length
  );
}

function readEntries(raw: unknown, length: number): Map<number, Entry> {
  const entries = new Map<number, Entry>();
  if (!Array.isArray(raw)) return entries;
  for (const value of raw) {
    if (!isObject(value) || !validSpan(value, length) || typeof value['tag'] !== 'string') continue;
    const within = Array.isArray(value['within'])
      ? value['within'].filter((w): w is string => typeof w === 'string' && CONTAINER.test(w))
      : [];
    entries.set(value['start'] as number, { start: value['start'] as number, end: value['end'] as number, tag: value['tag'], within });
  }
  return entries;
}

export function readInline(raw: unknown, length: number): InlineSpan[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((value): value is Record<string, unknown> => isObject(value) && validSpan(value, length))
    .filter((value) => INLINE_KINDS.has(value['kind'] as InlineKind))
    .map((value) => ({ kind: value['kind'] as InlineKind, start: value['start'] as number, end: value['end'] as number }));
}

function leafFor(entry: Entry | undefined, span: Span): LeafBlock {
  const heading = /^h([1-6])$/.exec(entry?.tag ?? '');
  if (heading) return leaf('heading', span.start, span.end, Number(heading[1]), true);
  return leaf(entry?.tag === 'pre' ? 'code' : 'paragraph', span.start, span.end, 0, true);
}

function attach(root: ReportBlock[], parent: Container | undefined, child: ReportBlock | ItemBlock): void {
  if (child.kind === 'item' && parent?.kind !== 'list') {
    // A list item outside a list still reads as one.
    return attach(root, parent, { kind: 'list', ordered: false, first: null, start: child.start, end: child.end, items: [child] });
  }
  if (!parent) root.push(child as ReportBlock);
  else if (parent.kind !== 'list') parent.children.push(child as ReportBlock);
  else if (child.kind === 'item') parent.items.push(child);
  // Text straight inside a list, outside its items: an item of its own.
  else parent.items.push({ kind: 'item', start: child.start, end: child.end, children: [child] });
}

function open(id: string, at: number): Container {
  const tag = id.slice(0, id.indexOf(':'));
  if (tag === 'ul' || tag === 'ol') return { kind: 'list', ordered: tag === 'ol', first: null, start: at, end: at, items: [] };
  if (tag === 'li') return { kind: 'item', start: at, end: at, children: [] };
  return { kind: 'quote', start: at, end: at, children: [] };
}

/** The blocks of an HTML report's body, rebuilt from the entries kept at import. */
export function htmlStructure(body: string, rawBlocks: unknown, rawInline?: unknown): ReportStructure {
  const entries = readEntries(rawBlocks, body.length);
  const root: ReportBlock[] = [];
  const stack: Array<{ id: string; block: Container }> = [];
  for (const span of paragraphs(body)) {
    const entry = entries.get(span.start);
    const within = entry && entry.end === span.end ? entry.within.slice(0, MAX_DEPTH) : [];
    let common = 0;
    while (common < stack.length && common < within.length && stack[common]!.id === within[common]) common++;
    stack.length = common;
    for (const id of within.slice(common)) {
      const block = open(id, span.start);
      attach(root, stack.at(-1)?.block, block);
      stack.push({ id, block });
    }
    attach(root, stack.at(-1)?.block, leafFor(entry?.end === span.end ? entry : undefined, span));
    for (const { block } of stack) block.end = span.end;
  }
  return { blocks: root, inline: readInline(rawInline, body.length), hidden: [] };
}
