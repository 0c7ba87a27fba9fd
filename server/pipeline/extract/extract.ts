// Entry point of the extraction pipeline: bytes of one uploaded file in, documents out.
// Pure — no database, no HTTP — so it can run in a worker or a CLI as easily as in the server.
import { cleanText } from '../clean-text.ts';
import { ExtractError, extractError } from './extract-error.ts';
import type { ExtractedDocument, Extractor, ExtractResult } from './extract.types.ts';
import { extractJson, extractJsonLines } from './json.extractor.ts';
import { extractMarkdown } from './markdown.extractor.ts';
import { extractPdf } from './pdf.extractor.ts';
import { extractText } from './text.extractor.ts';

export { ExtractError };
export type { ExtractErrorCode } from './extract-error.ts';
export type { DocumentKind, EmbeddedFile, ExtractedDocument, ExtractProblem, ExtractResult } from './extract.types.ts';

/**
 * Extractors whose libraries (HTML readability, office, mail: tens of MB together) load on the first file of
 * their kind, not when the server starts: most server processes never import a file. extract.test.ts checks
 * that each table names exactly the extensions listed here.
 */
const later = (load: () => Promise<ReadonlyMap<string, Extractor>>, extensions: readonly string[]) =>
  extensions.map((extension): [string, Extractor] => [extension, async (bytes) => (await load()).get(extension)!(bytes)]);
const html = async () => {
  const { extractHtml } = await import('./html.extractor.ts');
  return new Map([
    ['.html', extractHtml],
    ['.htm', extractHtml],
  ]);
};
export const LAZY_EXTENSIONS = {
  office: ['.docx', '.docm', '.doc', '.odt', '.rtf', '.xlsx', '.xlsm', '.xls', '.ods', '.pptx', '.pptm'],
  mail: ['.eml', '.mbox', '.msg'],
} as const;

// A Map rather than an object literal: a name such as "x.constructor" must not find a prototype
// member and call it as an extractor.
const EXTRACTORS = new Map<string, Extractor>([
  ['.txt', extractText],
  ['.md', extractMarkdown],
  ['.markdown', extractMarkdown],
  ...later(html, ['.html', '.htm']),
  ['.json', extractJson],
  ['.jsonl', extractJsonLines],
  ['.pdf', extractPdf],
  ...later(async () => (await import('./office/index.ts')).OFFICE_EXTRACTORS, LAZY_EXTENSIONS.office),
  ...later(async () => (await import('./mail/index.ts')).MAIL_EXTRACTORS, LAZY_EXTENSIONS.mail),
]);

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze([...EXTRACTORS.keys()]);

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot === -1 ? '' : base.slice(dot).toLowerCase();
}

function unsupported(fileName: string, extension: string): ExtractError {
  const list = SUPPORTED_EXTENSIONS.join(', ');
  const what = extension === '' ? `The file "${fileName}" has no extension` : `Files ending in "${extension}" are not supported`;
  return extractError('extract.unsupported', `${what}; Trove can import ${list}.`);
}

const TEXT_FIELDS = ['ref', 'title', 'dateText', 'language', 'origin', 'author', 'classification'] as const;

// Fields are shown on one line and indexed next to bodies, so they get the body's guarantees
// (no control characters, hence no highlight sentinels) and their line breaks become spaces.
function tidyFields(document: ExtractedDocument): ExtractedDocument {
  const tidy = { ...document };
  for (const key of TEXT_FIELDS) {
    const value = tidy[key];
    const cleaned = value === undefined ? '' : cleanText(value).replace(/\s+/g, ' ');
    if (cleaned === '') delete tidy[key];
    else tidy[key] = cleaned;
  }
  return tidy;
}

/** Chooses the extractor by file extension (case-insensitive). Throws ExtractError for whole-file failures. */
export async function extractFile(fileName: string, bytes: Uint8Array): Promise<ExtractResult> {
  const extension = extensionOf(fileName);
  const extractor = EXTRACTORS.get(extension);
  if (extractor === undefined) throw unsupported(fileName, extension);
  if (bytes.length === 0) throw extractError('extract.empty', 'The file is empty.');
  const result = await extractor(bytes);
  return { ...result, documents: result.documents.map(tidyFields) };
}
