// DOM → plain text with paragraphs separated by blank lines. Works on linkedom nodes, so it never
// runs scripts; elements that hold code or UI chrome rather than prose are skipped outright.

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export const words = (...groups: string[]) => new Set(groups.join(' ').split(' '));

// Elements whose content is never document text (code, media, form controls, metadata).
export const SKIPPED = words(
  'script style noscript template iframe object embed svg math canvas',
  'audio video select textarea button input head title meta link',
);

// Block-level elements: each starts and ends a paragraph. Containers such as <div> are blocks
// too, so text sitting directly in one becomes its own paragraph instead of joining a neighbour.
export const BLOCKS = words(
  'p h1 h2 h3 h4 h5 h6 li blockquote dt dd figcaption caption address tr hr legend',
  'div section article main header footer aside nav ul ol dl table thead tbody tfoot',
  'figure form fieldset details summary center body html',
);

const FLUSH = Symbol('flush');
type Work = Node | typeof FLUSH;

class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private buffer = '';

  text(value: string): void {
    // HTML collapses runs of whitespace into one space when it renders.
    this.buffer += value.replace(/[ \t\n\r\f]+/g, ' ');
  }

  raw(value: string): void {
    this.buffer += value;
  }

  flush(): void {
    // Removed elements (an <img>, a <script>) leave the spaces on both sides of them behind.
    const lines = this.buffer.split('\n').map((line) => line.replace(/ {2,}/g, ' ').replace(/^[ \t]+|[ \t]+$/g, ''));
    const paragraph = lines.join('\n').replace(/^\n+|\n+$/g, '');
    if (paragraph !== '') this.paragraphs.push(paragraph);
    this.buffer = '';
  }

  preformatted(value: string): void {
    this.flush();
    // Per the HTML parser rules a newline straight after <pre> is not content.
    const text = value.replace(/^\r?\n/, '').replace(/\s+$/, '');
    if (text.trim() !== '') this.paragraphs.push(text);
  }
}

// textContent would include the source of a <script> nested inside a <pre>.
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

function isHidden(element: Element): boolean {
  return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true';
}

// Returns the nodes to visit next, in reverse order because the work list is a stack.
function visitElement(element: Element, out: ParagraphCollector): Work[] {
  const tag = element.localName.toLowerCase();
  if (SKIPPED.has(tag) || isHidden(element)) return [];
  if (tag === 'br') return (out.raw('\n'), []);
  if (tag === 'pre') return (out.preformatted(preformattedText(element)), []);
  if (tag === 'td' || tag === 'th') out.raw('\t');
  const children = Array.from(element.childNodes).reverse();
  return BLOCKS.has(tag) ? [FLUSH, ...children, FLUSH] : children;
}

/** The text of `root` as paragraphs joined by blank lines; the caller still runs cleanText. */
export function htmlToText(root: Node): string {
  const out = new ParagraphCollector();
  // An explicit stack rather than recursion: hostile pages nest elements tens of thousands deep.
  const stack: Work[] = Array.from(root.childNodes).reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (item === FLUSH) out.flush();
    else if (item.nodeType === TEXT_NODE) out.text(item.textContent ?? '');
    else if (item.nodeType === ELEMENT_NODE) for (const next of visitElement(item as Element, out)) stack.push(next);
  }
  out.flush();
  return out.paragraphs.join('\n\n');
}

/** Texts of every <blockquote> and <q> inside `root`, in document order. */
export function collectQuotes(root: Element, clean: (text: string) => string): string[] {
  return Array.from(root.querySelectorAll('blockquote, q'))
    .map((quote) => clean(htmlToText(quote)))
    .filter((text) => text !== '');
}
