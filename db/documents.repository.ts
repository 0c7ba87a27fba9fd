import { sql } from 'kysely';
import { canReadCollection, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { documentBody } from './document-body.ts';
import { documentHash } from './document-hash.ts';
import type { DocumentKind } from './schema.ts';
import { browsePageSql, browseTotal, DEFAULT_COUNTING, type BrowseCounting, type DocumentSort } from './document-browse.ts';
import type { DocumentFilters } from './document-filters.ts';
import { passageIdRange } from './passage-id.ts';
import { passageText } from './passage-text.ts';

export const documentSummaryColumns = [
  'document.id',
  'document.ref',
  'document.title',
  'document.date',
  'document.date_text',
  'document.kind',
  'document.origin',
  'document.language',
  'collection.name as collection',
] as const;

export interface DocumentSummaryRow {
  id: number;
  ref: string;
  title: string | null;
  date: string | null;
  date_text: string | null;
  kind: DocumentKind;
  origin: string | null;
  language: string | null;
  collection: string;
}

export type { DocumentSort } from './document-browse.ts';

export class DocumentsRepository {
  /** `light` serves the reads by id and the collections list (the light-read lane, see TroveDatabase), `reader` the lists. */
  constructor(
    private readonly reader: Db,
    private readonly light: Db = reader,
    private readonly counting: BrowseCounting = DEFAULT_COUNTING,
  ) {}

  async findById(id: number, scope: ReadScope) {
    return this.detailQuery(scope).where('document.id', '=', id).executeTakeFirst();
  }

  async findByRef(ref: string, scope: ReadScope) {
    return this.detailQuery(scope).where('document.ref', '=', ref).executeTakeFirst();
  }

  /** Passages of a document the caller has already found through a scoped query. */
  async passagesOf(documentId: number) {
    return this.light
      .selectFrom('passage as p')
      .innerJoin('document as d', 'd.id', 'p.document_id')
      .select(['p.id', 'p.ordinal', 'p.start', 'p.end', passageText('p', 'd').as('text')])
      .where((eb) => eb.between('p.id', ...passageIdRange(documentId)))
      .orderBy('p.id')
      .execute();
  }

  /** The document that carried this one (an e-mail for its attachment), if the scope may read it. */
  async parentOf(documentId: number, scope: ReadScope) {
    return this.related('parent_id', 'document_id', documentId, scope).executeTakeFirst();
  }

  /** Documents this one carried, in the order they were stored, that the scope may read. */
  async attachmentsOf(documentId: number, scope: ReadScope) {
    return this.related('document_id', 'parent_id', documentId, scope).orderBy('document.id').execute();
  }

  /** Documents joined to this one through document_parent: `show` is the side to list, `match` the side that is this document. */
  private related(show: 'parent_id' | 'document_id', match: 'parent_id' | 'document_id', documentId: number, scope: ReadScope) {
    return this.light
      .selectFrom('document_parent')
      .innerJoin('document', 'document.id', `document_parent.${show}`)
      .select(['document.id', 'document.ref', 'document.title', 'document.source_file'])
      .where(`document_parent.${match}`, '=', documentId)
      .where(canReadCollection(scope, sql.ref('document.collection_id')));
  }

  async exists(id: number, scope: ReadScope): Promise<boolean> {
    const row = await this.light
      .selectFrom('document')
      .select('id')
      .where('id', '=', id)
      .where(canReadCollection(scope, sql.ref('document.collection_id')))
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * One page of documents and how many there are. A short page says the total by itself; otherwise
   * it comes from the kept counts, or is estimated (`approximate`) when other filters narrow a large list.
   */
  async list(filters: DocumentFilters, scope: ReadScope, sort: DocumentSort, limit: number, offset: number) {
    const { rows: documents } = await browsePageSql(filters, scope, sort, limit, offset).execute(this.reader);
    if (documents.length < limit && (documents.length > 0 || offset === 0)) {
      return { total: offset + documents.length, approximate: false, documents };
    }
    const { total, approximate } = await browseTotal(this.reader, filters, scope, this.counting);
    // An estimate never claims fewer documents than the page just showed exist.
    const shown = offset + documents.length + (documents.length === limit ? 1 : 0);
    return { total: approximate ? Math.max(total, shown) : total, approximate, documents };
  }

  async listCollections(scope: ReadScope) {
    return this.light
      .selectFrom('collection')
      .select(['collection.id', 'collection.name', 'collection.visibility', 'collection.document_count as documentCount'])
      .where(canReadCollection(scope, sql.ref('collection.id')))
      .orderBy('collection.name')
      .execute();
  }

  private detailQuery(scope: ReadScope) {
    return this.light
      .selectFrom('document')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .where(canReadCollection(scope, sql.ref('document.collection_id')))
      .select([
        ...documentSummaryColumns,
        'document.author',
        'document.classification',
        'document.source_file',
        documentHash('document').as('sha256'),
        'document.metadata',
        documentBody('document').as('body'),
      ]);
  }
}
