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
    return (
      this.reader
        .selectFrom('document')
        // The tables behind the document_original view: SQLite would build the whole view for a left join on it.
        .leftJoin('document_file', 'document_file.document_id', 'document.id')
        .leftJoin('original_file', 'original_file.id', 'document_file.file_id')
        .select(['document.id', 'original_file.sha256', 'original_file.file_name', 'original_file.media_type', 'original_file.size'])
        .where('document.id', '=', documentId)
        .where(canReadCollection(scope, sql.ref('document.collection_id')))
        .executeTakeFirst()
    );
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
