// Building a DOM from untrusted HTML with linkedom. linkedom never runs scripts or fetches
// resources, but unlike a browser it does not repair documents: a fragment such as
// "<p>Hi</p>" gets no <html>/<body>, and reading `document.body` then inserts an empty one.
// Everything here works around that so the rest of the pipeline can rely on a normal shape.
import { createRequire } from 'node:module';
import type * as Linkedom from 'linkedom';

let loaded: typeof Linkedom | undefined;

// Loaded on the first HTML document: linkedom holds about 23 MB, which a server that only searches never needs.
function parseHTML(html: string): ReturnType<typeof Linkedom.parseHTML> {
  loaded ??= createRequire(import.meta.url)('linkedom') as typeof Linkedom;
  return loaded.parseHTML(html);
}

const ELEMENT_NODE = 1;
const DOCUMENT_TYPE_NODE = 10;
const HEAD_ONLY = new Set(['title', 'meta', 'link', 'base']);
const SHELL = '<!DOCTYPE html><html><head></head><body></body></html>';

function childElement(parent: Node, name: string): Element | undefined {
  return Array.from(parent.childNodes).find(
    (node): node is Element => node.nodeType === ELEMENT_NODE && (node as Element).localName === name,
  );
}

function isWellFormed(document: Document): boolean {
  const root = document.documentElement;
  return root?.localName === 'html' && childElement(root, 'body') !== undefined && childElement(root, 'head') !== undefined;
}

// Moves every top-level node into the head or body of a fresh, properly shaped document.
function distribute(nodes: Node[], head: Element, body: Element): void {
  for (const node of nodes) {
    if (node.nodeType === DOCUMENT_TYPE_NODE) continue;
    const name = node.nodeType === ELEMENT_NODE ? (node as Element).localName : '';
    if (name === 'head' || name === 'body') {
      for (const child of Array.from(node.childNodes)) (name === 'head' ? head : body).appendChild(child);
    } else if (name === 'html') {
      distribute(Array.from(node.childNodes), head, body);
    } else {
      (HEAD_ONLY.has(name) ? head : body).appendChild(node);
    }
  }
}

export function parseHtmlDocument(html: string): Document {
  const parsed = parseHTML(html).document;
  if (isWellFormed(parsed)) return parsed;
  const { document } = parseHTML(SHELL);
  const root = document.documentElement;
  const head = childElement(root, 'head');
  const body = childElement(root, 'body');
  if (head === undefined || body === undefined) return parsed;
  const original = parsed.documentElement;
  if (original?.localName === 'html') {
    for (const { name, value } of Array.from(original.attributes)) root.setAttribute(name, value);
  }
  distribute(Array.from(parsed.childNodes), head, body);
  return document;
}

/** Deepest element nesting below `root`, counted without recursion. */
export function nestingDepth(root: Node): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > deepest) deepest = depth;
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === ELEMENT_NODE) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
