import { sql } from 'kysely';
import { canReadCollection, type ReadScope } from './access.ts';
import type { Db } from './client.ts';
import { documentBody } from './document-body.ts';
import { documentHash } from './document-hash.ts';
import { documentSummaryColumns, type DocumentSummaryRow } from './documents.repository.ts';
import { passageIdRange } from './passage-id.ts';
import type { QuoteLinkStatus } from './schema.ts';

export interface LinkWithSource {
  link_id: number;
  quotation_id: number;
  document_id: number;
  passage_id: number;
  fragments: string;
  score: number;
  differences: string;
  status: QuoteLinkStatus;
  orphaned: number;
  decided_by: string | null;
  decided_at: string | null;
  passage_ordinal: number | null;
  passage_start: number | null;
  passage_end: number | null;
}

/** A link row carries its source document's summary columns: `id` is the source document's, `link_id` the link's. */
export type LinkRow = LinkWithSource & DocumentSummaryRow;

export interface NewManualLink {
  quotationId: number;
  documentId: number;
  passageId: number;
  fragments: string;
  score: number;
  differences: string;
  anchor: string;
  sourceSha256: string;
  by: string;
}

const readable = (scope: ReadScope, column: 'document.collection_id' | 'report.collection_id' = 'document.collection_id') =>
  canReadCollection(scope, sql.ref(column));

const now = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

/**
 * Quotations and links as the API reads and reviews them. Every read takes the reader's scope: a
 * report, a source or a link the scope may not read is left out as if it did not exist. Review
 * writes run inside a unit of work (db/unit-of-work.ts), together with their audit events.
 */
export class QuotesRepository {
  constructor(
    private readonly reader: Db,
    private readonly writer: Db,
  ) {}

  async document(id: number, scope: ReadScope) {
    return this.reader
      .selectFrom('document')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .select([
        ...documentSummaryColumns,
        documentBody('document').as('body'),
        documentHash('document').as('sha256'),
        'document.collection_id',
        'collection.visibility',
      ])
      .where('document.id', '=', id)
      .where(readable(scope))
      .executeTakeFirst();
  }

  async documentIdByRef(ref: string, scope: ReadScope): Promise<number | undefined> {
    const row = await this.reader.selectFrom('document').select('id').where('ref', '=', ref).where(readable(scope)).executeTakeFirst();
    return row?.id;
  }

  async passages(documentId: number) {
    return this.reader
      .selectFrom('passage')
      .select(['id', 'start', 'end'])
      .where((eb) => eb.between('id', ...passageIdRange(documentId)))
      .orderBy('id')
      .execute();
  }

  async passage(id: number, scope: ReadScope) {
    return this.reader
      .selectFrom('passage')
      .innerJoin('document', 'document.id', 'passage.document_id')
      .select(['passage.id', 'passage.document_id', 'passage.ordinal', 'passage.start', 'passage.end'])
      .where('passage.id', '=', id)
      .where(readable(scope))
      .executeTakeFirst();
  }

  /** Quotations of a report the caller has already found through a scoped query. */
  async quotations(reportId: number) {
    return this.reader.selectFrom('quotation').selectAll().where('document_id', '=', reportId).orderBy('ordinal').execute();
  }

  /** A quotation, with its report's collection, if the scope may read the report. */
  async quotation(id: number, scope: ReadScope) {
    return this.reader
      .selectFrom('quotation')
      .innerJoin('document', 'document.id', 'quotation.document_id')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .selectAll('quotation')
      .select(['document.collection_id', 'collection.visibility'])
      .where('quotation.id', '=', id)
      .where(readable(scope))
      .executeTakeFirst();
  }

  /** Links of these quotations whose sources the scope may read, with their source documents and passages. */
  async links(quotationIds: readonly number[], scope: ReadScope): Promise<LinkRow[]> {
    if (quotationIds.length === 0) return [];
    return linksQuery(this.reader).where('quote_link.quotation_id', 'in', quotationIds).where(readable(scope)).execute();
  }

  /** A link the scope may read at both ends, with its report's collection. */
  async link(id: number, scope: ReadScope) {
    return this.reader
      .selectFrom('quote_link')
      .innerJoin('document', 'document.id', 'quote_link.document_id')
      .innerJoin('quotation', 'quotation.id', 'quote_link.quotation_id')
      .innerJoin('document as report', 'report.id', 'quotation.document_id')
      .innerJoin('collection as report_collection', 'report_collection.id', 'report.collection_id')
      .select([
        'quote_link.id',
        'quote_link.quotation_id',
        'quote_link.document_id',
        'quote_link.passage_id',
        'quote_link.fragments',
        'quote_link.status',
        'report.collection_id',
        'report_collection.visibility',
      ])
      .where('quote_link.id', '=', id)
      .where(readable(scope))
      .where(readable(scope, 'report.collection_id'))
      .executeTakeFirst();
  }

  /** Links into one source document that a reader should see: not rejected, not orphaned, from reports the scope may read. */
  async quotedIn(documentId: number, scope: ReadScope) {
    return quotedInQuery(this.reader, documentId).where(readable(scope)).execute();
  }

  async setLinkStatus(id: number, status: QuoteLinkStatus, by: string): Promise<void> {
    await this.writer
      .updateTable('quote_link')
      .set({ status, decided_by: by, decided_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** A person's link: replaces any link of the quotation to the same passage. */
  async saveManualLink(link: NewManualLink): Promise<number> {
    await this.writer
      .deleteFrom('quote_link')
      .where('quotation_id', '=', link.quotationId)
      .where('document_id', '=', link.documentId)
      .where('passage_id', '=', link.passageId)
      .execute();
    const row = await this.writer
      .insertInto('quote_link')
      .values({
        quotation_id: link.quotationId,
        document_id: link.documentId,
        passage_id: link.passageId,
        fragments: link.fragments,
        score: link.score,
        differences: link.differences,
        status: 'manual',
        anchor: link.anchor,
        source_sha256: link.sourceSha256,
        decided_by: link.by,
        decided_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async deleteLink(id: number): Promise<void> {
    await this.writer.deleteFrom('quote_link').where('id', '=', id).execute();
  }

  /** Records "not in the archive" (or clears it); the machine's suggestions for the quotation go with it. */
  async setDecision(quotationId: number, decision: 'not_in_archive' | null, by: string): Promise<void> {
    await this.writer.updateTable('quotation').set({ decision, decided_by: by, decided_at: now }).where('id', '=', quotationId).execute();
    if (decision !== null)
      await this.writer.deleteFrom('quote_link').where('quotation_id', '=', quotationId).where('status', '=', 'suggested').execute();
  }
}

/** Links with their source documents' summaries and passages: confirmed and attached first, then by score. */
export function linksQuery(db: Db) {
  return db
    .selectFrom('quote_link')
    .innerJoin('document', 'document.id', 'quote_link.document_id')
    .innerJoin('collection', 'collection.id', 'document.collection_id')
    .leftJoin('passage', (join) =>
      join.onRef('passage.id', '=', 'quote_link.passage_id').onRef('passage.document_id', '=', 'quote_link.document_id'),
    )
    .select([
      'quote_link.id as link_id',
      'quote_link.quotation_id',
      'quote_link.document_id',
      'quote_link.passage_id',
      'quote_link.fragments',
      'quote_link.score',
      'quote_link.differences',
      'quote_link.status',
      'quote_link.orphaned',
      'quote_link.decided_by',
      'quote_link.decided_at',
      'passage.ordinal as passage_ordinal',
      'passage.start as passage_start',
      'passage.end as passage_end',
      ...documentSummaryColumns,
    ])
    .orderBy('quote_link.quotation_id')
    .orderBy(sql`case quote_link.status when 'manual' then 0 when 'confirmed' then 0 when 'suggested' then 1 else 2 end`)
    .orderBy('quote_link.score', 'desc')
    .orderBy('quote_link.id');
}

/** Where reports quote one document: the links a reader should see (not rejected, not orphaned). */
export function quotedInQuery(db: Db, documentId: number) {
  return db
    .selectFrom('quote_link')
    .innerJoin('quotation', 'quotation.id', 'quote_link.quotation_id')
    .innerJoin('document', 'document.id', 'quotation.document_id')
    .innerJoin('collection', 'collection.id', 'document.collection_id')
    .select([
      'quote_link.id as link_id',
      'quote_link.passage_id',
      'quote_link.fragments',
      'quote_link.score',
      'quote_link.status',
      'quotation.id as quotation_id',
      'quotation.ordinal as quotation_ordinal',
      'quotation.text as quotation_text',
      ...documentSummaryColumns,
    ])
    .where('quote_link.document_id', '=', documentId)
    .where('quote_link.status', '!=', 'rejected')
    .where('quote_link.orphaned', '=', 0)
    .orderBy('quote_link.passage_id')
    .orderBy('document.id')
    .orderBy('quotation.ordinal');
}
