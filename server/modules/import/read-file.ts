import { readFile } from 'node:fs/promises';
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
    return {
      documents: documents.map((doc, index) =>
        prepareDocument(doc, { file: shownPath, fileSha256, siblings: documents.length, index, defaultKind }),
      ),
      problems,
    };
  } catch (error) {
    if (error instanceof ExtractError) return { documents: [], problems: [{ reason: error.message }] };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
      return { documents: [], problems: [{ reason: `The file cannot be read (${code}).` }] };
    throw error;
  }
}
