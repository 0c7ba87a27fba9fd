// Word .docx (WordprocessingML in a zip): the main document, then its footnotes, endnotes and
// comments as labelled paragraphs, since readers of a leak search those too. Headers and footers
// repeat on every page, so they are kept once each in metadata rather than in the body.
import type { ExtractResult } from '../extract.types.ts';
import { malformedOffice } from './office-error.helper.ts';
import { ooxmlProps, officeResult } from './office-props.helper.ts';
import { OOXML_DIALECT, partText, TextCollector } from './text-collector.helper.ts';
import { walkXml } from './xml-walk.helper.ts';
import { readZipParts, type ZipParts } from './zip-parts.helper.ts';

const WHAT = 'Word document';
const MAX_DELETIONS_KEPT = 200;
const SEPARATOR_NOTES = new Set(['separator', 'continuationSeparator', 'continuationNotice']);

export function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

/** The target of the package's officeDocument relationship: usually word/document.xml, not always. */
export function mainPartName(parts: ZipParts, fallback: string, what: string): string {
  const rels = parts.get('_rels/.rels');
  let target: string | undefined;
  if (rels !== undefined) {
    walkXml(rels, '_rels/.rels', what, {
      open(name, attributes) {
        if (name === 'Relationship' && target === undefined && /\/officeDocument$/.test(attributes.Type ?? '')) {
          target = attributes.Target?.replace(/^\//, '');
        }
      },
    });
  }
  return target !== undefined && parts.has(target) ? target : fallback;
}

interface Note {
  attributes: Readonly<Record<string, string>>;
  text: string;
}

function notes(parts: ZipParts, part: string, element: string): Note[] {
  const bytes = parts.get(part);
  if (bytes === undefined) return [];
  const collector = new TextCollector(OOXML_DIALECT);
  const found: Note[] = [];
  let attributes: Readonly<Record<string, string>> = {};
  walkXml(bytes, part, WHAT, {
    open(name, attrs) {
      if (name === element) attributes = attrs;
      collector.open(name, attrs);
    },
    close(name) {
      collector.close(name);
      if (name !== element) return;
      const text = collector.take().join(' ');
      if (text !== '' && !SEPARATOR_NOTES.has(attributes.type ?? '')) found.push({ attributes, text });
    },
    text: (text) => collector.text(text),
  });
  return found;
}

function noteBlocks(parts: ZipParts): string[] {
  const footnotes = notes(parts, 'word/footnotes.xml', 'footnote').map((note, index) => `Footnote ${index + 1}: ${note.text}`);
  const endnotes = notes(parts, 'word/endnotes.xml', 'endnote').map((note, index) => `Endnote ${index + 1}: ${note.text}`);
  const comments = notes(parts, 'word/comments.xml', 'comment').map((note) => {
    const author = note.attributes.author?.trim();
    return `${author ? `Comment by ${author}` : 'Comment'}: ${note.text}`;
  });
  return [...footnotes, ...endnotes, ...comments];
}

function repeatedTexts(parts: ZipParts, kind: 'header' | 'footer'): string[] {
  const pattern = new RegExp(`^word/${kind}\\d*\\.xml$`);
  const names = [...parts.keys()].filter((name) => pattern.test(name)).sort();
  const texts = names.map((name) => partText(parts.get(name)!, name, WHAT, OOXML_DIALECT).blocks.join('\n')).filter((text) => text !== '');
  return [...new Set(texts)];
}

export function extractDocx(bytes: Uint8Array): ExtractResult {
  const parts = readZipParts(bytes, WHAT, isXmlPart);
  const main = mainPartName(parts, 'word/document.xml', WHAT);
  const document = parts.get(main);
  if (document === undefined) throw malformedOffice(WHAT, 'it has no word/document.xml part');
  const { blocks, deleted } = partText(document, main, WHAT, OOXML_DIALECT);
  const extra: Record<string, unknown> = {};
  const headers = repeatedTexts(parts, 'header');
  const footers = repeatedTexts(parts, 'footer');
  if (headers.length > 0) extra.headers = headers;
  if (footers.length > 0) extra.footers = footers;
  if (deleted.length > 0) extra.deleted_text = deleted.slice(0, MAX_DELETIONS_KEPT);
  return officeResult(WHAT, [...blocks, ...noteBlocks(parts)].join('\n\n'), ooxmlProps(parts, WHAT), extra);
}
