// OpenDocument text (.odt): content.xml read paragraph by paragraph, its footnotes and comments
// after the body as labelled paragraphs (the way the .docx reader does), metadata from meta.xml.
import type { ExtractResult } from '../extract.types.ts';
import { encryptedOffice, malformedOffice } from './office-error.helper.ts';
import { odfProps, officeResult } from './office-props.helper.ts';
import { ODF_DIALECT, partText, TextCollector, type Dialect } from './text-collector.helper.ts';
import { walkXml } from './xml-walk.helper.ts';
import { readZipParts, type ZipParts } from './zip-parts.helper.ts';

const WHAT = 'OpenDocument text';
const PARTS = new Set(['content.xml', 'meta.xml', 'META-INF/manifest.xml']);
// Inside a note or a comment, their own paragraphs are the text; who wrote a comment and when are not.
const NOTE_DIALECT: Dialect = { ...ODF_DIALECT, skipped: new Set(['note-citation', 'creator', 'date', 'change-info']) };

export function isEncryptedOdf(parts: ZipParts): boolean {
  const manifest = parts.get('META-INF/manifest.xml');
  return manifest !== undefined && new TextDecoder().decode(manifest).includes('encryption-data');
}

function notesAndComments(content: Uint8Array): string[] {
  const blocks: string[] = [];
  const collector = new TextCollector(NOTE_DIALECT);
  let inside: 'note' | 'annotation' | undefined;
  let depth = 0;
  let footnotes = 0;
  let author = '';
  let inCreator = false;
  walkXml(content, 'content.xml', WHAT, {
    open(name, attributes) {
      if (inside === undefined && (name === 'note' || name === 'annotation')) {
        inside = name;
        depth = 0;
        author = '';
      } else if (inside !== undefined) {
        depth += 1;
        collector.open(name, attributes);
        if (name === 'creator') inCreator = true;
      }
    },
    close(name) {
      if (inside === undefined) return;
      if (depth > 0) {
        depth -= 1;
        if (name === 'creator') inCreator = false;
        collector.close(name);
        return;
      }
      const text = collector.take().join(' ');
      const who = author.trim();
      if (text !== '')
        blocks.push(inside === 'note' ? `Footnote ${++footnotes}: ${text}` : `${who ? `Comment by ${who}` : 'Comment'}: ${text}`);
      inside = undefined;
    },
    text(text) {
      if (inside === undefined) return;
      if (inCreator) author += text;
      collector.text(text);
    },
  });
  return blocks;
}

export function extractOdt(bytes: Uint8Array): ExtractResult {
  const parts = readZipParts(bytes, WHAT, (name) => PARTS.has(name));
  if (isEncryptedOdf(parts)) throw encryptedOffice(WHAT);
  const content = parts.get('content.xml');
  if (content === undefined) throw malformedOffice(WHAT, 'it has no content.xml part');
  const { blocks, deleted } = partText(content, 'content.xml', WHAT, ODF_DIALECT);
  const extra: Record<string, unknown> = {};
  if (deleted.length > 0) extra.deleted_text = deleted;
  return officeResult(WHAT, [...blocks, ...notesAndComments(content)].join('\n\n'), odfProps(parts, WHAT), extra);
}
