import { basename } from 'node:path';
import type { ReadStream } from 'node:fs';
import type { ReadScope } from '../../../db/access.ts';
import type { OriginalsRepository } from '../../../db/originals.repository.ts';
import { AppError, notFound } from '../../errors.ts';
import type { OriginalFile } from '../../pipeline/prepare-document.ts';
import { contentDisposition, mediaTypeOf, servedType } from './media-type.ts';
import type { OriginalsStore } from './originals.store.ts';

export interface OriginalDownload {
  stream: ReadStream;
  size: number;
  contentType: string;
  contentDisposition: string;
}

/** What the document API says about a document's original. */
export interface OriginalFileInfo {
  fileName: string;
  mediaType: string;
  size: number;
}

/** Keeps the file of every import in the store, and hands it back to those who may read the document. */
export class OriginalsService {
  constructor(
    private readonly store: OriginalsStore,
    private readonly originals: OriginalsRepository,
  ) {}

  /** Stores the bytes of a file named `name` (a path on disk, in an archive, or an attachment's name). */
  keep = async (name: string, bytes: Uint8Array): Promise<OriginalFile> => {
    const { sha256, size } = await this.store.put(bytes);
    const fileName = basename(name.split('!/').pop() ?? name).slice(0, 255) || 'original';
    return { sha256, size, fileName, mediaType: mediaTypeOf(fileName) };
  };

  /** Makes the files kept so far durable; the import runs it before each batch of documents is written. */
  sync = (): Promise<void> => this.store.sync();

  async info(documentId: number): Promise<OriginalFileInfo | null> {
    const row = await this.originals.fileOf(documentId);
    return row ? { fileName: row.file_name, mediaType: row.media_type, size: row.size } : null;
  }

  // A document the scope may not read answers exactly as one that does not exist (documents.service.ts).
  async download(documentId: number, scope: ReadScope): Promise<OriginalDownload> {
    const row = await this.originals.findForDocument(documentId, scope);
    if (!row) throw notFound('document.not_found', `There is no document with id ${documentId}.`);
    if (row.sha256 === null || row.file_name === null || row.media_type === null) {
      throw notFound(
        'original.not_stored',
        'The original file of this document was not kept: it was imported before Trove kept originals. Import its file again to keep it; its text is still here.',
      );
    }
    let stream: ReadStream;
    try {
      stream = await this.store.read(row.sha256);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw originalMissing();
    }
    return {
      stream,
      size: row.size ?? 0,
      contentType: servedType(row.media_type),
      contentDisposition: contentDisposition(row.file_name),
    };
  }
}

/** The store lost a file it was given (a disk restored without it): said the same wherever an original is read. */
export function originalMissing(): AppError {
  return new AppError(
    'original.missing',
    'The original file of this document is missing from the originals store. An administrator can restore it from a backup (npx trove backup keeps them).',
    404,
  );
}
