// Turns a text selection inside one shown passage into character offsets into the source body, so
// that body.slice(start, end) is exactly the selected text (house rule 9).

import type { Span } from './api/types.ts';

/** Characters of text between the start of `element` and (node, offset), counted over its text nodes. */
function offsetWithin(element: Element, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The body span of a selection that lies inside one element marked `data-passage-start`, or null
 * when nothing is selected there or the selection crosses passages.
 */
export function selectedSpan(selection: Selection | null, root: Element | undefined): (Span & { text: string }) | null {
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const passageOf = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-passage-start]');
  const passage = passageOf(range.startContainer);
  if (!passage || passage !== passageOf(range.endContainer) || !root.contains(passage)) return null;
  const base = Number(passage.dataset['passageStart']);
  const from = offsetWithin(passage, range.startContainer, range.startOffset);
  const to = offsetWithin(passage, range.endContainer, range.endOffset);
  if (!Number.isFinite(base) || to <= from) return null;
  return { start: base + from, end: base + to, text: range.toString() };
}
