import { sql } from 'kysely';
import type { Db } from './client.ts';
import { documentSummaryColumns, type DocumentSummaryRow } from './documents.repository.ts';
import type { QuoteLinkStatus } from './schema.ts';

/** Quotations and links as the API reads and reviews them. Reads go to a reader; reviews write through the writer. */
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

const now = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

export class QuotesRepository {
  constructor(
    private readonly reader: Db,
    private readonly writer: Db,
  ) {}

  async document(id: number) {
    return this.reader
      .selectFrom('document')
      .innerJoin('collection', 'collection.id', 'document.collection_id')
      .select([...documentSummaryColumns, 'document.body', 'document.sha256'])
      .where('document.id', '=', id)
      .executeTakeFirst();
  }

  async documentIdByRef(ref: string): Promise<number | undefined> {
    return (await this.reader.selectFrom('document').select('id').where('ref', '=', ref).executeTakeFirst())?.id;
  }

  async passages(documentId: number) {
    return this.reader
      .selectFrom('passage')
      .select(['id', 'start', 'end'])
      .where('document_id', '=', documentId)
      .orderBy('ordinal')
      .execute();
  }

  async passage(id: number) {
    return this.reader
      .selectFrom('passage')
      .select(['id', 'document_id', 'ordinal', 'start', 'end'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async quotations(reportId: number) {
    return this.reader.selectFrom('quotation').selectAll().where('document_id', '=', reportId).orderBy('ordinal').execute();
  }

  async quotation(id: number) {
    return this.reader.selectFrom('quotation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Links of these quotations with their source documents and passages. */
  async links(quotationIds: readonly number[]): Promise<LinkRow[]> {
    if (quotationIds.length === 0) return [];
    return linksQuery(this.reader).where('quote_link.quotation_id', 'in', quotationIds).execute();
  }

  async link(id: number) {
    return this.reader.selectFrom('quote_link').select(['id', 'quotation_id', 'status']).where('id', '=', id).executeTakeFirst();
  }

  /** Links into one source document that a reader should see: not rejected, not orphaned. */
  async quotedIn(documentId: number) {
    return quotedInQuery(this.reader, documentId).execute();
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
    return this.writer.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('quote_link')
        .where('quotation_id', '=', link.quotationId)
        .where('document_id', '=', link.documentId)
        .where('passage_id', '=', link.passageId)
        .execute();
      const row = await trx
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
    });
  }

  async deleteLink(id: number): Promise<void> {
    await this.writer.deleteFrom('quote_link').where('id', '=', id).execute();
  }

  /** Records "not in the archive" (or clears it); the machine's suggestions for the quotation go with it. */
  async setDecision(quotationId: number, decision: 'not_in_archive' | null, by: string): Promise<void> {
    await this.writer.transaction().execute(async (trx) => {
      await trx.updateTable('quotation').set({ decision, decided_by: by, decided_at: now }).where('id', '=', quotationId).execute();
      if (decision !== null)
        await trx.deleteFrom('quote_link').where('quotation_id', '=', quotationId).where('status', '=', 'suggested').execute();
    });
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
