import { sql, type RawBuilder } from 'kysely';
import { canReadCollection, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import type { DocumentKind } from './schema.ts';
import { filterClause, type DocumentFilters } from './document-filters.ts';

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

export type DocumentSort = 'date' | '-date' | 'ref';
const SORTS: Record<DocumentSort, RawBuilder<unknown>> = {
  date: sql`d.date asc nulls last, d.id`,
  '-date': sql`d.date desc nulls last, d.id`,
  ref: sql`d.ref, d.id`,
};

export class DocumentsRepository {
  /** `light` serves the reads by id and the collections list (the light-read lane, see TroveDatabase), `reader` the lists. */
  constructor(
    private readonly reader: Db,
    private readonly light: Db = reader,
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
      .selectFrom('passage')
      .select(['id', 'ordinal', 'start', 'end', 'text'])
      .where('document_id', '=', documentId)
      .orderBy('ordinal')
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

  async list(filters: DocumentFilters, scope: ReadScope, sort: DocumentSort, limit: number, offset: number) {
    const where = sql`${filterClause(filters)} and ${canReadCollection(scope, sql.ref('d.collection_id'))}`;
    const [rows, count] = await Promise.all([
      sql<DocumentSummaryRow>`
        select d.id, d.ref, d.title, d.date, d.date_text, d.kind, d.origin, d.language, c.name as collection
        from document d join collection c on c.id = d.collection_id
        where ${where}
        order by ${SORTS[sort]}
        limit ${limit} offset ${offset}`.execute(this.reader),
      sql<{ n: number }>`select count(*) as n from document d join collection c on c.id = d.collection_id where ${where}`.execute(
        this.reader,
      ),
    ]);
    return { total: count.rows[0]?.n ?? 0, documents: rows.rows };
  }

  async listCollections(scope: ReadScope) {
    return this.light
      .selectFrom('collection')
      .leftJoin('document', 'document.collection_id', 'collection.id')
      .select(['collection.id', 'collection.name', 'collection.visibility', (eb) => eb.fn.count<number>('document.id').as('documentCount')])
      .where(canReadCollection(scope, sql.ref('collection.id')))
      .groupBy('collection.id')
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
        'document.sha256',
        'document.metadata',
        'document.body',
      ]);
  }
}
