// A Markdown report's structure, read with micromark's tokenizer (CommonMark, with exact offsets for
// every token). Only its token stream is used: micromark's HTML compiler never runs, so nothing a
// report says can become markup. Tokens that are syntax rather than text (`#`, `*`, `> `, a link's
// address) are listed as hidden ranges; the text between them is cut from the body as it is.

import { parse, postprocess, preprocess } from 'micromark';
import type { Token } from 'micromark-util-types';
import type { Span } from '../api/types.ts';
import {
  leaf,
  MAX_DEPTH,
  plainStructure,
  type InlineKind,
  type InlineSpan,
  type LeafBlock,
  type LeafTag,
  type ListBlock,
  type QuoteBlock,
  type ReportBlock,
  type ReportStructure,
} from './report-blocks.ts';

const HIDDEN = new Set([
  'atxHeadingSequence',
  'setextHeadingLine',
  'blockQuotePrefix',
  'listItemPrefix',
  'linePrefix',
  'emphasisSequence',
  'strongSequence',
  'codeTextSequence',
  'codeFencedFence',
  'labelMarker',
  'labelImageMarker',
  'resource',
  'reference',
  'escapeMarker',
  'hardBreakEscape',
  'hardBreakTrailing',
  'autolinkMarker',
  'thematicBreak',
  'definition',
]);

const INLINE: Record<string, InlineKind> = {
  emphasis: 'emphasis',
  strong: 'strong',
  codeText: 'code',
  link: 'link',
  autolink: 'link',
  image: 'image',
};

const LEAVES: Record<string, { tag: LeafTag; keepBreaks: boolean }> = {
  atxHeading: { tag: 'heading', keepBreaks: false },
  setextHeading: { tag: 'heading', keepBreaks: false },
  paragraph: { tag: 'paragraph', keepBreaks: false },
  codeFenced: { tag: 'code', keepBreaks: true },
  codeIndented: { tag: 'code', keepBreaks: true },
  htmlFlow: { tag: 'html', keepBreaks: true },
  thematicBreak: { tag: 'rule', keepBreaks: false },
  definition: { tag: 'hidden', keepBreaks: false },
};

type Container = QuoteBlock | ListBlock;

class StructureBuilder {
  readonly blocks: ReportBlock[] = [];
  readonly inline: InlineSpan[] = [];
  readonly hidden: Span[] = [];
  /** Open lists and block quotes; null for one nested too deep to show as its own. */
  readonly #containers: Array<Container | null> = [];
  #hiddenToken: Token | null = null;
  #leafToken: Token | null = null;
  #leaf: LeafBlock | null = null;
  /** The first and last line of a code block's content, without its fences. */
  #code: Span | null = null;

  constructor(private readonly body: string) {}

  #parent(): Container | undefined {
    return this.#containers.findLast((c) => c !== null) ?? undefined;
  }

  #add(block: ReportBlock): void {
    const parent = this.#parent();
    if (!parent) return void this.blocks.push(block);
    if (parent.kind === 'quote') return void parent.children.push(block);
    let item = parent.items.at(-1);
    if (!item) {
      item = { kind: 'item', start: block.start, end: block.end, children: [] };
      parent.items.push(item);
    }
    item.children.push(block);
    item.end = Math.max(item.end, block.end);
  }

  enter(token: Token): void {
    const { type } = token;
    const start = token.start.offset;
    const end = token.end.offset;
    if (this.#hiddenToken === null && HIDDEN.has(type)) {
      this.#hiddenToken = token;
      this.hidden.push({ start, end });
    }
    const leafKind = LEAVES[type];
    if (type === 'blockQuote' || type === 'listOrdered' || type === 'listUnordered') {
      const container: Container =
        type === 'blockQuote'
          ? { kind: 'quote', start, end, children: [] }
          : { kind: 'list', ordered: type === 'listOrdered', first: null, start, end, items: [] };
      if (this.#containers.length >= MAX_DEPTH) return void this.#containers.push(null);
      this.#add(container);
      this.#containers.push(container);
    } else if (type === 'listItemPrefix') {
      const list = this.#parent();
      if (list?.kind === 'list') list.items.push({ kind: 'item', start, end, children: [] });
    } else if (type === 'listItemValue') {
      const list = this.#containers.at(-1);
      if (list?.kind === 'list' && list.items.length === 1) list.first = Number(this.body.slice(start, end));
    } else if (leafKind && this.#leaf === null) {
      this.#leaf = leaf(leafKind.tag, start, end, 0, leafKind.keepBreaks);
      this.#leafToken = token;
      this.#add(this.#leaf);
    } else if (this.#leaf) {
      this.#inLeaf(type, start, end);
    }
  }

  #inLeaf(type: string, start: number, end: number): void {
    const block = this.#leaf!;
    const kind = INLINE[type];
    if (kind) this.inline.push({ kind, start, end });
    else if (type === 'atxHeadingSequence' && block.level === 0) block.level = end - start;
    else if (type === 'setextHeadingLineSequence') block.level = this.body[start] === '=' ? 1 : 2;
    else if (type === 'codeFlowValue') this.#code = { start: this.#code?.start ?? start, end };
  }

  exit(token: Token): void {
    if (this.#hiddenToken === token) this.#hiddenToken = null;
    const { type } = token;
    if (type === 'blockQuote' || type === 'listOrdered' || type === 'listUnordered') this.#containers.pop();
    if (token !== this.#leafToken || !this.#leaf) return;
    if (this.#leaf.tag === 'code') {
      // Fences are not shown, and neither are the line breaks that separate them from the code.
      if (this.#code) Object.assign(this.#leaf, this.#code);
      else this.#leaf.tag = 'hidden';
    }
    this.#leaf = null;
    this.#leafToken = null;
    this.#code = null;
  }
}

/** The structure of a Markdown body; plain paragraphs if the tokenizer fails on it. */
export function markdownStructure(body: string): ReportStructure {
  try {
    const events = postprocess(
      parse()
        .document()
        .write(preprocess()(body, undefined, true)),
    );
    const builder = new StructureBuilder(body);
    for (const [phase, token] of events) {
      if (phase === 'enter') builder.enter(token);
      else builder.exit(token);
    }
    return { blocks: builder.blocks, inline: builder.inline, hidden: builder.hidden };
  } catch {
    return plainStructure(body);
  }
}
