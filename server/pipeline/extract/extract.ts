// Entry point of the extraction pipeline: bytes of one uploaded file in, documents out.
// Pure — no database, no HTTP — so it can run in a worker or a CLI as easily as in the server.
import { cleanText } from '../clean-text.ts';
import { ExtractError, extractError } from './extract-error.ts';
import type { ExtractedDocument, Extractor, ExtractResult } from './extract.types.ts';
import { extractHtml } from './html.extractor.ts';
import { extractJson, extractJsonLines } from './json.extractor.ts';
import { extractMarkdown } from './markdown.extractor.ts';
import { extractPdf } from './pdf.extractor.ts';
import { extractText } from './text.extractor.ts';
import { MAIL_EXTRACTORS } from './mail/index.ts';
import { OFFICE_EXTRACTORS } from './office/index.ts';

export { ExtractError };
export type { ExtractErrorCode } from './extract-error.ts';
export type { DocumentKind, EmbeddedFile, ExtractedDocument, ExtractProblem, ExtractResult } from './extract.types.ts';

// A Map rather than an object literal: a name such as "x.constructor" must not find a prototype
// member and call it as an extractor.
const EXTRACTORS = new Map<string, Extractor>([
  ['.txt', extractText],
  ['.md', extractMarkdown],
  ['.markdown', extractMarkdown],
  ['.html', extractHtml],
  ['.htm', extractHtml],
  ['.json', extractJson],
  ['.jsonl', extractJsonLines],
  ['.pdf', extractPdf],
  ...OFFICE_EXTRACTORS,
  ...MAIL_EXTRACTORS,
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
