// What each paragraph of an HTML page's body was on the page: a heading, a list item, a paragraph
// inside a block quote, preformatted text; and where its emphasis, strong text, code and links are.
// All as offsets into the body, so the report reader can show the page as published while cutting
// every piece it shows from the body (its quotation marks stay body.slice(start, end)).
//
// The walk mirrors htmlToText (html-to-text.helper.ts) paragraph for paragraph; if the text it
// collects is not exactly the body, it returns nothing and the reader shows plain paragraphs.
import { cleanText } from '../clean-text.ts';
import { BLOCKS, ELEMENT_NODE, SKIPPED, TEXT_NODE, words } from './html-to-text.helper.ts';

// Paragraph boundaries must be exactly htmlToText's, so the lists are its own.
const CONTAINERS = words('ul ol li blockquote');
const LEAF_TAGS = words('h1 h2 h3 h4 h5 h6 li pre p');
const INLINE: Record<string, HtmlInlineKind> = { em: 'emphasis', i: 'emphasis', strong: 'strong', b: 'strong', code: 'code', a: 'link' };
/** Deeper containers are not recorded: the reader shows no more than this many levels anyway. */
const MAX_CONTAINERS = 12;

export type HtmlInlineKind = 'emphasis' | 'strong' | 'code' | 'link';

export interface HtmlBlock {
  start: number;
  end: number;
  /** The innermost block the paragraph came from: h1–h6, li, pre or p (p for any other block). */
  tag: string;
  /** Enclosing lists, list items and block quotes, outermost first, as `tag:n`. */
  within: string[];
}

export interface HtmlInline {
  kind: HtmlInlineKind;
  start: number;
  end: number;
}

export interface HtmlLayout {
  htmlBlocks?: HtmlBlock[];
  htmlInline?: HtmlInline[];
}

interface Collected {
  text: string;
  tag: string;
  within: string[];
  inline: Array<{ kind: HtmlInlineKind; text: string; at: number }>;
}

interface Open {
  tag: string;
  id: string | null;
}

type Work = Node | { exit: Element };

class Collector {
  readonly paragraphs: Collected[] = [];
  readonly #open: Open[] = [];
  #buffer = '';
  #inline: Array<{ kind: HtmlInlineKind; from: number; to: number | null }> = [];
  #count = 0;

  text(value: string): void {
    this.#buffer += value.replace(/[ \t\n\r\f]+/g, ' ');
  }

  raw(value: string): void {
    this.#buffer += value;
  }

  enterBlock(tag: string): void {
    this.flush();
    this.#open.push({ tag, id: CONTAINERS.has(tag) ? `${tag}:${++this.#count}` : null });
  }

  exitBlock(): void {
    this.flush();
    this.#open.pop();
  }

  enterInline(kind: HtmlInlineKind): number {
    return this.#inline.push({ kind, from: this.#buffer.length, to: null }) - 1;
  }

  exitInline(index: number): void {
    const mark = this.#inline[index];
    if (mark) mark.to = this.#buffer.length;
  }

  #place(tag: string): { tag: string; within: string[] } {
    const leaf = [...this.#open].reverse().find((open) => LEAF_TAGS.has(open.tag));
    const within = this.#open.flatMap((open) => (open.id ? [open.id] : [])).slice(0, MAX_CONTAINERS);
    return { tag: tag === 'pre' ? 'pre' : (leaf?.tag ?? 'p'), within };
  }

  flush(): void {
    const lines = this.#buffer.split('\n').map((line) => line.replace(/ {2,}/g, ' ').replace(/^[ \t]+|[ \t]+$/g, ''));
    const paragraph = lines.join('\n').replace(/^\n+|\n+$/g, '');
    const inline = this.#inline
      .filter((mark) => mark.to !== null && mark.to > mark.from)
      .map((mark) => ({ kind: mark.kind, text: this.#buffer.slice(mark.from, mark.to!), at: mark.from }));
    if (paragraph !== '') this.paragraphs.push({ text: paragraph, ...this.#place(''), inline });
    this.#buffer = '';
    // A mark still open continues into the next paragraph; its start there is the paragraph's start.
    this.#inline = this.#inline.filter((mark) => mark.to === null).map((mark) => ({ ...mark, from: 0 }));
  }

  preformatted(value: string): void {
    this.flush();
    const text = value.replace(/^\r?\n/, '').replace(/\s+$/, '');
    if (text.trim() !== '') this.paragraphs.push({ text, ...this.#place('pre'), inline: [] });
  }
}

function preformattedText(pre: Element): string {
  let text = '';
  const stack: Node[] = Array.from(pre.childNodes).reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeType === TEXT_NODE) text += node.textContent ?? '';
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node as Element).localName.toLowerCase();
    if (tag === 'br') text += '\n';
    else if (!SKIPPED.has(tag)) for (const child of Array.from(node.childNodes).reverse()) stack.push(child);
  }
  return text;
}

const isHidden = (element: Element) => element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true';

function visit(element: Element, out: Collector, marks: Map<Element, number>): Work[] {
  const tag = element.localName.toLowerCase();
  if (SKIPPED.has(tag) || isHidden(element)) return [];
  if (tag === 'br') return (out.raw('\n'), []);
  if (tag === 'pre') return (out.preformatted(preformattedText(element)), []);
  if (tag === 'td' || tag === 'th') out.raw('\t');
  const children = Array.from(element.childNodes).reverse();
  if (BLOCKS.has(tag)) {
    out.enterBlock(tag);
    return [{ exit: element }, ...children];
  }
  const kind = INLINE[tag];
  if (!kind) return children;
  marks.set(element, out.enterInline(kind));
  return [{ exit: element }, ...children];
}

function collect(root: Node): Collected[] {
  const out = new Collector();
  const marks = new Map<Element, number>();
  const stack: Work[] = Array.from(root.childNodes).reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if ('exit' in item) {
      const index = marks.get(item.exit);
      if (index === undefined) out.exitBlock();
      else out.exitInline(index);
    } else if (item.nodeType === TEXT_NODE) out.text(item.textContent ?? '');
    else if (item.nodeType === ELEMENT_NODE) for (const next of visit(item as Element, out, marks)) stack.push(next);
  }
  out.flush();
  return out.paragraphs;
}

// A mark's text, found in its cleaned paragraph at or just before where it was collected: cleaning
// only removes characters, so it can only move back.
function placeInline(paragraph: string, start: number, mark: Collected['inline'][number]): HtmlInline | null {
  const text = cleanText(mark.text);
  if (text === '') return null;
  const at = paragraph.lastIndexOf(text, mark.at);
  return at < 0 ? null : { kind: mark.kind, start: start + at, end: start + at + text.length };
}

/** The layout of `root`'s text within `body` (the cleaned htmlToText of the same root), or nothing. */
export function htmlLayout(root: Node, body: string): HtmlLayout {
  const paragraphs = collect(root);
  if (cleanText(paragraphs.map((p) => p.text).join('\n\n')) !== body) return {};
  const blocks: HtmlBlock[] = [];
  const inline: HtmlInline[] = [];
  let cursor = 0;
  for (const paragraph of paragraphs) {
    const text = cleanText(paragraph.text);
    let start = body.indexOf(text, cursor);
    if (text === '' || start < 0) continue;
    cursor = start + text.length;
    // Cleaning one paragraph trims it; inside the body, preformatted text keeps its indent.
    while (start > 0 && (body[start - 1] === ' ' || body[start - 1] === '\t')) start--;
    blocks.push({ start, end: cursor, tag: paragraph.tag, within: paragraph.within });
    for (const mark of paragraph.inline) {
      const placed = placeInline(body.slice(start, cursor), start, mark);
      if (placed) inline.push(placed);
    }
  }
  return { htmlBlocks: blocks, htmlInline: inline };
}
