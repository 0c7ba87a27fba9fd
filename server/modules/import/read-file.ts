import { readFile } from 'node:fs/promises';
import { MAX_PASSAGES_PER_DOCUMENT } from '../../../db/passage-id.ts';
import type { DocumentKind } from '../../../db/schema.ts';
import { ExtractError, extractFile } from '../../pipeline/extract/extract.ts';
import { prepareDocument, sha256, type PreparedDocument } from '../../pipeline/prepare-document.ts';
import type { FoundFile } from './file-walker.ts';

export interface FileRequest {
  file: FoundFile;
  /** The path as people see it in reports. */
  shownPath: string;
  maxFileBytes: number;
  defaultKind?: DocumentKind;
  /** Passage ids hold at most this many per document (db/passage-id.ts); lowered only by tests. */
  maxPassages?: number;
}

export interface FileResult {
  documents: PreparedDocument[];
  problems: Array<{ line?: number; reason: string }>;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One file from disk to prepared documents; a bad file becomes a problem, never an exception. */
export async function readAndPrepare(request: FileRequest): Promise<FileResult> {
  const { file, shownPath, maxFileBytes, defaultKind } = request;
  if (file.size > maxFileBytes) {
    return {
      documents: [],
      problems: [{ reason: `The file is ${formatBytes(file.size)}, over the ${formatBytes(maxFileBytes)} limit (TROVE_MAX_FILE_MB).` }],
    };
  }
  try {
    const bytes = await readFile(file.path);
    const { documents, problems } = await extractFile(file.path, bytes);
    const fileSha256 = sha256(bytes);
    const prepared = documents.map((doc, index) =>
      prepareDocument(doc, { file: shownPath, fileSha256, siblings: documents.length, index, defaultKind }),
    );
    const maxPassages = request.maxPassages ?? MAX_PASSAGES_PER_DOCUMENT;
    const tooMany = prepared.filter((doc) => doc.passages.length > maxPassages);
    return {
      documents: prepared.filter((doc) => doc.passages.length <= maxPassages),
      problems: [
        ...problems,
        ...tooMany.map((doc) => ({
          reason: `The document ${doc.ref} splits into ${doc.passages.length} passages, more than the ${maxPassages} a document may have.`,
        })),
      ],
    };
  } catch (error) {
    if (error instanceof ExtractError) return { documents: [], problems: [{ reason: error.message }] };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
      return { documents: [], problems: [{ reason: `The file cannot be read (${code}).` }] };
    throw error;
  }
}
