// Office XML is read as a stream of events (saxes: strict, and it never expands entities a DTD
// declares, so a "billion laughs" part fails instead of growing). Readers match elements by local
// name: the prefixes (w:, a:, text:) are conventions, and the same reader then also finds text in
// shapes and text boxes, whatever prefix their namespace got.
import { SaxesParser } from 'saxes';
import { ExtractError } from '../extract-error.ts';
import { malformedOffice } from './office-error.helper.ts';

export interface XmlVisitor {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

export function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

// Both the qualified and the local name: `r:id` and `id` can sit on one element (a slide list).
// An unprefixed attribute wins the local name.
function localAttributes(attributes: Record<string, string>): Record<string, string> {
  const local: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const short = localName(name);
    local[name] = value;
    if (short === name || !(short in local)) local[short] = value;
  }
  return local;
}

/** Streams one part through `visitor`; a part that is not well-formed XML is a damaged `what`. */
export function walkXml(bytes: Uint8Array, part: string, what: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => visitor.open?.(localName(tag.name), localAttributes(tag.attributes as Record<string, string>)));
  parser.on('closetag', (tag) => visitor.close?.(localName(tag.name)));
  parser.on('text', (text) => visitor.text?.(text));
  parser.on('cdata', (text) => visitor.text?.(text));
  try {
    parser.write(decodeXml(bytes)).close();
  } catch (error) {
    if (error instanceof ExtractError) throw error; // a visitor's own refusal
    const detail = error instanceof Error ? error.message : String(error);
    throw malformedOffice(what, `${part} is not well-formed XML: ${detail}`);
  }
}

/** The text content of each element with one of `names`, by local name, e.g. Dublin Core fields. */
export function elementTexts(bytes: Uint8Array, part: string, what: string, names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  let current: string | undefined;
  let level = 0;
  let currentLevel = 0;
  walkXml(bytes, part, what, {
    open(name) {
      level += 1;
      if (current === undefined && names.includes(name) && !found.has(name)) {
        current = name;
        currentLevel = level;
        found.set(name, '');
      }
    },
    close() {
      if (level === currentLevel) current = undefined;
      level -= 1;
    },
    text(text) {
      if (current !== undefined) found.set(current, (found.get(current) ?? '') + text);
    },
  });
  return found;
}
