import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from './client.ts';
import type { Database, DocumentKind } from './schema.ts';
import { filterClause, type DocumentFilters } from './document-filters.ts';

export interface NewPassage {
  ordinal: number;
  start: number;
  end: number;
  text: string;
  /** Folded text for the full-text index (see server/pipeline/normalise.ts). */
  indexText: string;
}

export interface NewDocument {
  collectionId: number;
  ref: string;
  kind: DocumentKind;
  title: string | null;
  date: string | null;
  dateText: string | null;
  language: string | null;
  origin: string | null;
  author: string | null;
  classification: string | null;
  sourceFile: string | null;
  sha256: string;
  body: string;
  metadata: Record<string, unknown>;
  /** Folded title for the full-text index. */
  indexTitle: string;
  passages: NewPassage[];
}

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
  constructor(
    private readonly writer: Db,
    private readonly reader: Db,
  ) {}

  async ensureCollection(name: string): Promise<number> {
    await this.writer.insertInto('collection').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const row = await this.writer.selectFrom('collection').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return row.id;
  }

  async findExisting(sha256: string, ref: string) {
    return this.writer
      .selectFrom('document')
      .select(['id', 'ref', 'sha256'])
      .where((eb) => eb.or([eb('sha256', '=', sha256), eb('ref', '=', ref)]))
      .execute();
  }

  /** Writes many documents in one transaction: all of them land, or none (re-running the import finishes the job). */
  async saveAll(documents: NewDocument[], replaceIds: Map<string, number>): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    await this.writer.transaction().execute(async (trx) => {
      for (const document of documents) {
        const replaceId = replaceIds.get(document.ref);
        if (replaceId !== undefined) await deletePassages(trx, replaceId);
        const id = replaceId === undefined ? await insertDocument(trx, document) : await updateDocument(trx, replaceId, document);
        await insertPassages(trx, id, document);
        ids.set(document.ref, id);
      }
    });
    return ids;
  }

  async findById(id: number) {
    return this.detailQuery().where('document.id', '=', id).executeTakeFirst();
  }

  async findByRef(ref: string) {
    return this.detailQuery().where('document.ref', '=', ref).executeTakeFirst();
  }

  async passagesOf(documentId: number) {
    return this.reader
      .selectFrom('passage')
      .select(['id', 'ordinal', 'start', 'end', 'text'])
      .where('document_id', '=', documentId)
      .orderBy('ordinal')
      .execute();
  }

  async exists(id: number): Promise<boolean> {
    return (await this.reader.selectFrom('document').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async summariesByIds(ids: number[]) {
    if (ids.length === 0) return new Map<number, DocumentSummaryRow>();
    const rows = await this.summaryQuery().where('document.id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row]));
  }

  async list(filters: DocumentFilters, sort: DocumentSort, limit: number, offset: number) {
    const where = filterClause(filters);
    const [rows, count] = await Promise.all([
      sql<DocumentSummaryRow>`
        select d.id, d.ref, d.title, d.date, d.date_text, d.kind, d.origin, d.language, c.name as collection
        from document d join collection c on c.id = d.collection_id
        where ${where}
        order by ${SORTS[sort]}
        limit ${limit} offset ${offset}`.execute(this.reader),
      sql<{ n: number }>`select count(*) as n from document d join collection c on c.id = d.collection_id where ${where}`.execute(this.reader),
    ]);
    return { total: count.rows[0]?.n ?? 0, documents: rows.rows };
  }

  async listCollections() {
    return this.reader
      .selectFrom('collection')
      .leftJoin('document', 'document.collection_id', 'collection.id')
      .select(['collection.id', 'collection.name', (eb) => eb.fn.count<number>('document.id').as('documentCount')])
      .groupBy('collection.id')
      .orderBy('collection.name')
      .execute();
  }

  private summaryQuery() {
    return this.reader
      .selectFrom('document')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .select(documentSummaryColumns);
  }

  private detailQuery() {
    return this.reader
      .selectFrom('document')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
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

async function insertDocument(trx: Transaction<Database>, d: NewDocument): Promise<number> {
  const row = await trx
    .insertInto('document')
    .values(documentColumns(d))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function updateDocument(trx: Transaction<Database>, id: number, d: NewDocument): Promise<number> {
  await trx
    .updateTable('document')
    .set({ ...documentColumns(d), updated_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')` })
    .where('id', '=', id)
    .execute();
  return id;
}

function documentColumns(d: NewDocument) {
  return {
    collection_id: d.collectionId,
    ref: d.ref,
    kind: d.kind,
    title: d.title,
    date: d.date,
    date_text: d.dateText,
    language: d.language,
    origin: d.origin,
    author: d.author,
    classification: d.classification,
    source_file: d.sourceFile,
    sha256: d.sha256,
    body: d.body,
    metadata: JSON.stringify(d.metadata),
  };
}

async function deletePassages(trx: Transaction<Database>, documentId: number): Promise<void> {
  await sql`delete from passage_fts where rowid in (select id from passage where document_id = ${documentId})`.execute(trx);
  await trx.deleteFrom('passage').where('document_id', '=', documentId).execute();
}

// SQLite caps bound parameters per statement; 6 columns × 150 rows stays well below it.
const PASSAGE_BATCH = 150;

async function insertPassages(trx: Transaction<Database>, documentId: number, d: NewDocument): Promise<void> {
  for (let i = 0; i < d.passages.length; i += PASSAGE_BATCH) {
    const batch = d.passages.slice(i, i + PASSAGE_BATCH);
    const rows = await trx
      .insertInto('passage')
      .values(batch.map((p) => ({ document_id: documentId, ordinal: p.ordinal, start: p.start, end: p.end, text: p.text })))
      .returning(['id', 'ordinal'])
      .execute();
    const idByOrdinal = new Map(rows.map((r) => [r.ordinal, r.id]));
    await trx
      .insertInto('passage_fts')
      .values(batch.map((p) => ({ rowid: idByOrdinal.get(p.ordinal)!, title: d.indexTitle, text: p.indexText })))
      .execute();
  }
}
