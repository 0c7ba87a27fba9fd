import { sql } from 'kysely';
import { canReadCollection, type ReadScope } from './access.ts';
import type { Db } from './client.ts';

export interface OriginalFileRow {
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
}

/** Which original file each document came from (the files themselves are in server/modules/originals). */
export class OriginalsRepository {
  constructor(private readonly reader: Db) {}

  /**
   * A document the scope may read, with its original file if one is recorded (`sha256` null when not):
   * undefined when the document is missing or hidden, which callers report the same way.
   */
  async findForDocument(documentId: number, scope: ReadScope) {
    return this.reader
      .selectFrom('document')
      .leftJoin('document_original', 'document_original.document_id', 'document.id')
      .select([
        'document.id',
        'document_original.sha256',
        'document_original.file_name',
        'document_original.media_type',
        'document_original.size',
      ])
      .where('document.id', '=', documentId)
      .where(canReadCollection(scope, sql.ref('document.collection_id')))
      .executeTakeFirst();
  }

  /** The original of a document the caller has already found through a scoped query. */
  async fileOf(documentId: number): Promise<OriginalFileRow | undefined> {
    return this.reader
      .selectFrom('document_original')
      .select(['sha256', 'file_name', 'media_type', 'size'])
      .where('document_id', '=', documentId)
      .executeTakeFirst();
  }
}
