// PowerPoint .pptx: a block per slide, in the order presentation.xml lists them (file names do
// not say it: slide10.xml can come before slide2.xml, and deleted slides leave gaps), headed
// "Slide N", with the speaker notes under it.
import type { ExtractResult } from '../extract.types.ts';
import { isXmlPart, mainPartName } from './docx.extractor.ts';
import { malformedOffice } from './office-error.helper.ts';
import { officeResult, ooxmlProps } from './office-props.helper.ts';
import { OOXML_DIALECT, TextCollector } from './text-collector.helper.ts';
import { walkXml } from './xml-walk.helper.ts';
import { readZipParts, type ZipParts } from './zip-parts.helper.ts';

const WHAT = 'presentation';
const NOTES_TYPE = /\/notesSlide$/;

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = from.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(parts: ZipParts, part: string): Map<string, Relationship> {
  const found = new Map<string, Relationship>();
  const path = relsPath(part);
  const bytes = parts.get(path);
  if (bytes === undefined) return found;
  walkXml(bytes, path, WHAT, {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.Id === undefined || attributes.Target === undefined) return;
      if (attributes.TargetMode === 'External') return;
      found.set(attributes.Id, { type: attributes.Type ?? '', target: resolve(part, attributes.Target) });
    },
  });
  return found;
}

function slideOrder(parts: ZipParts, presentation: string): string[] {
  const bytes = parts.get(presentation);
  if (bytes === undefined) throw malformedOffice(WHAT, 'it has no ppt/presentation.xml part');
  const rels = relationships(parts, presentation);
  const slides: string[] = [];
  walkXml(bytes, presentation, WHAT, {
    open(name, attributes) {
      const target = name === 'sldId' ? rels.get(attributes['r:id'] ?? '')?.target : undefined;
      if (target !== undefined && parts.has(target)) slides.push(target);
    },
  });
  return slides;
}

function shapeText(parts: ZipParts, part: string): { lines: string[]; hidden: boolean } {
  const collector = new TextCollector(OOXML_DIALECT);
  let hidden = false;
  walkXml(parts.get(part)!, part, WHAT, {
    open(name, attributes) {
      if (name === 'sld' && attributes.show === '0') hidden = true;
      collector.open(name, attributes);
    },
    close: (name) => collector.close(name),
    text: (text) => collector.text(text),
  });
  return { lines: collector.take(), hidden };
}

function slideBlock(parts: ZipParts, slide: string, number: number): string {
  const { lines, hidden } = shapeText(parts, slide);
  const notes = [...relationships(parts, slide).values()].find((rel) => NOTES_TYPE.test(rel.type) && parts.has(rel.target));
  // Notes pages repeat the slide number and the slide image's placeholder; their text is the note.
  const noteLines = notes === undefined ? [] : shapeText(parts, notes.target).lines.filter((line) => !/^\d+$/.test(line));
  const heading = `Slide ${number}${hidden ? ' (hidden)' : ''}`;
  const body = [...lines, ...(noteLines.length > 0 ? [`Notes: ${noteLines.join('\n')}`] : [])];
  return [heading, ...body].join('\n');
}

export function extractPptx(bytes: Uint8Array): ExtractResult {
  const parts = readZipParts(bytes, WHAT, isXmlPart);
  const slides = slideOrder(parts, mainPartName(parts, 'ppt/presentation.xml', WHAT));
  const blocks = slides.map((slide, index) => slideBlock(parts, slide, index + 1));
  const text = blocks.filter((block) => block.includes('\n')).join('\n\n');
  return officeResult(WHAT, text, ooxmlProps(parts, WHAT), { slide_count: slides.length });
}
