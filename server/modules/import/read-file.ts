import { readFile } from 'node:fs/promises';
import { MAX_PASSAGES_PER_DOCUMENT } from '../../../db/passage-id.ts';
import type { DocumentKind } from '../../../db/schema.ts';
import { ExtractError, extractFile, type EmbeddedFile } from '../../pipeline/extract/extract.ts';
import { imageDocument, isOcrImage, ocrWorkFor } from '../../pipeline/ocr/ocr-work.ts';
import { prepareDocument, sha256, type OriginalFile, type PreparedDocument } from '../../pipeline/prepare-document.ts';
import type { FoundFile } from './file-walker.ts';

export interface PrepareOptions {
  maxFileBytes: number;
  defaultKind?: DocumentKind;
  /** Passage ids hold at most this many per document (db/passage-id.ts); lowered only by tests. */
  maxPassages?: number;
  /** Keeps a file's bytes in the originals store (server/modules/originals); without it none are kept. */
  keepOriginal?: KeepOriginal;
  /** Tesseract languages to OCR scans in (`--ocr-lang eng+fas`); without it each document's own or detected. */
  ocrLanguages?: string[];
}

export type KeepOriginal = (name: string, bytes: Uint8Array) => Promise<OriginalFile>;

export interface FileRequest extends PrepareOptions {
  file: FoundFile;
  /** The path as people see it in reports. */
  shownPath: string;
}

export interface FileResult {
  documents: PreparedDocument[];
  problems: Array<{ line?: number; reason: string }>;
  /** Files carried inside the documents (mail attachments), each with the sha256 of the document that carried it. */
  attachments: Array<EmbeddedFile & { parentSha256?: string }>;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function tooLarge(size: number, maxFileBytes: number): string {
  return `The file is ${formatBytes(size)}, over the ${formatBytes(maxFileBytes)} limit (TROVE_MAX_FILE_MB).`;
}

const failure = (reason: string): FileResult => ({ documents: [], problems: [{ reason }], attachments: [] });

/** One document file from disk to prepared documents; a bad file becomes a problem, never an exception. */
export async function readAndPrepare(request: FileRequest): Promise<FileResult> {
  const { file, shownPath, maxFileBytes } = request;
  if (file.size > maxFileBytes) return failure(tooLarge(file.size, maxFileBytes));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    const reason = unreadable(error);
    if (reason === undefined) throw error;
    return failure(reason);
  }
  return prepareBytes(file.path, bytes, shownPath, request);
}

/** The reason a file on disk could not be read, for the errors a person can do something about. */
export function unreadable(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') return `The file cannot be read (${code}).`;
  if (code === 'ERR_FS_FILE_TOO_LARGE') return 'The file is too large to read into memory (over 2 GB).';
  return undefined;
}

/**
 * Bytes of one document (from disk, an archive or an attachment) to prepared documents, each naming the
 * original file, kept in the store before any document is written: a document never points at a missing file.
 */
export async function prepareBytes(
  name: string,
  bytes: Uint8Array,
  shownPath: string,
  options: PrepareOptions,
  containerSha256?: string,
): Promise<FileResult> {
  const result = await extractAndPrepare(name, bytes, shownPath, options);
  if (!options.keepOriginal || result.documents.length === 0) return result;
  try {
    const original = await options.keepOriginal(name, bytes);
    if (containerSha256 !== undefined) original.containerSha256 = containerSha256;
    for (const document of result.documents) document.original = original;
  } catch (error) {
    return failure(notKept(error));
  }
  return result;
}

/** Why a file could not be put in the originals store, for the person running the import. */
export function notKept(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const cause =
    code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
  return `Not imported: its original could not be kept in the originals store (${cause}). Free space or fix the folder (TROVE_ORIGINALS), then import again.`;
}

async function extractAndPrepare(name: string, bytes: Uint8Array, shownPath: string, options: PrepareOptions): Promise<FileResult> {
  try {
    const { documents, problems, attachments = [] } = isOcrImage(name) ? imageDocument(name, bytes) : await extractFile(name, bytes);
    const fileSha256 = sha256(bytes);
    const prepared = documents.map((doc, index) =>
      prepareDocument(doc, { file: shownPath, fileSha256, siblings: documents.length, index, defaultKind: options.defaultKind }),
    );
    for (const doc of documents.length === 1 ? prepared : []) {
      const work = ocrWorkFor(name, bytes, doc, options.ocrLanguages);
      if (work !== undefined) doc.ocr = work;
    }
    const maxPassages = options.maxPassages ?? MAX_PASSAGES_PER_DOCUMENT;
    const tooMany = prepared.filter((doc) => doc.passages.length > maxPassages);
    return {
      documents: prepared.filter((doc) => doc.passages.length <= maxPassages),
      problems: [
        ...problems,
        ...tooMany.map((doc) => ({
          reason: `The document ${doc.ref} splits into ${doc.passages.length} passages, more than the ${maxPassages} a document may have.`,
        })),
      ],
      attachments: attachments.map((attachment) => ({ ...attachment, parentSha256: prepared[attachment.parentIndex]?.sha256 })),
    };
  } catch (error) {
    if (error instanceof ExtractError) return failure(error.message);
    throw error;
  }
}
