// Document properties: OOXML keeps them in docProps/core.xml and docProps/app.xml, OpenDocument in
// meta.xml, legacy files in an OLE property set. All end in the same shape, so the reader shows the
// same names whichever program wrote the file.
import type { DocumentFields, ExtractResult } from '../extract.types.ts';
import { cleanText } from '../../clean-text.ts';
import { MAX_PASSAGE_LENGTH } from '../../segment.ts';
import { normaliseLanguage } from '../record-fields.helper.ts';
import { noOfficeText } from './office-error.helper.ts';
import { elementTexts } from './xml-walk.helper.ts';
import type { ZipParts } from './zip-parts.helper.ts';

export interface OfficeProps {
  fields: Pick<DocumentFields, 'title' | 'author' | 'dateText' | 'language'>;
  metadata: Record<string, string>;
}

export const NO_PROPS: OfficeProps = { fields: {}, metadata: {} };

// property name in the file → metadata key
const OOXML_CORE: Record<string, string> = {
  title: 'title',
  subject: 'subject',
  creator: 'creator',
  keywords: 'keywords',
  description: 'description',
  lastModifiedBy: 'last_modified_by',
  revision: 'revision',
  created: 'created',
  modified: 'modified',
  lastPrinted: 'last_printed',
  category: 'category',
  language: 'language',
};
const OOXML_APP: Record<string, string> = {
  Application: 'application',
  Company: 'company',
  Manager: 'manager',
  Template: 'template',
};
const ODF_META: Record<string, string> = {
  title: 'title',
  subject: 'subject',
  description: 'description',
  keyword: 'keywords',
  'initial-creator': 'creator',
  creator: 'last_modified_by',
  'creation-date': 'created',
  date: 'modified',
  'print-date': 'last_printed',
  'editing-cycles': 'revision',
  generator: 'application',
  language: 'language',
};

function rename(found: Map<string, string>, names: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, key] of Object.entries(names)) {
    const value = found.get(name)?.trim();
    if (value !== undefined && value !== '') metadata[key] = value;
  }
  return metadata;
}

function readPart(parts: ZipParts, part: string, what: string, names: Record<string, string>): Record<string, string> {
  const bytes = parts.get(part);
  return bytes === undefined ? {} : rename(elementTexts(bytes, part, what, Object.keys(names)), names);
}

/** Title, author and creation date become document fields; everything else stays in metadata. */
export function toOfficeProps(all: Record<string, string>): OfficeProps {
  const { title, creator, language, ...metadata } = all;
  const fields: OfficeProps['fields'] = {};
  if (title !== undefined) fields.title = title;
  const author = creator ?? metadata.last_modified_by;
  if (author !== undefined) fields.author = author;
  if (metadata.created !== undefined) fields.dateText = metadata.created;
  const code = normaliseLanguage(language);
  if (code !== undefined) fields.language = code;
  return { fields, metadata };
}

export const OOXML_PROPS_PARTS = ['docProps/core.xml', 'docProps/app.xml'];

export function ooxmlProps(parts: ZipParts, what: string): OfficeProps {
  return toOfficeProps({
    ...readPart(parts, 'docProps/app.xml', what, OOXML_APP),
    ...readPart(parts, 'docProps/core.xml', what, OOXML_CORE),
  });
}

export function odfProps(parts: ZipParts, what: string): OfficeProps {
  return toOfficeProps(readPart(parts, 'meta.xml', what, ODF_META));
}

/** One document from an office file: the body cleaned, and refused when nothing readable is left. */
export function officeResult(what: string, rawBody: string, props: OfficeProps, extra: Record<string, unknown> = {}): ExtractResult {
  const body = cleanText(rawBody);
  if (body === '') throw noOfficeText(what);
  return { documents: [{ ...props.fields, body, metadata: { ...props.metadata, ...extra } }], problems: [] };
}

/**
 * Rows as lines, at most ROWS_PER_BLOCK to a block and no longer than a passage may be, blocks
 * apart by a blank line: each block becomes one passage. `reserve` leaves room in the first block
 * for a heading line the caller puts above it.
 */
export function rowBlocks(lines: readonly string[], reserve = 0): string[] {
  const blocks: string[] = [];
  let block: string[] = [];
  let length = reserve;
  for (const line of lines) {
    if (block.length > 0 && (block.length === ROWS_PER_BLOCK || length + 1 + line.length > MAX_PASSAGE_LENGTH)) {
      blocks.push(block.join('\n'));
      block = [];
      length = 0;
    }
    length += (block.length > 0 ? 1 : 0) + line.length;
    block.push(line);
  }
  if (block.length > 0) blocks.push(block.join('\n'));
  return blocks;
}

export const ROWS_PER_BLOCK = 20;
export const CELL_SEPARATOR = ' | ';
