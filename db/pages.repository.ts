import type { PageSpan, PageWord } from '../server/pipeline/extract/extract.types.ts';
import type { Db } from './client.ts';

/** A stored page: the page span of the extraction contract, with its document. */
export interface StoredPage extends PageSpan {
  documentId: number;
}

interface PageRow {
  document_id: number;
  number: number;
  start: number;
  end: number;
  width: number | null;
  height: number | null;
  source: 'text' | 'ocr';
  confidence: number | null;
  words: string | null;
}

export function pageFromRow(row: PageRow): StoredPage {
  const page: StoredPage = { documentId: row.document_id, number: row.number, start: row.start, end: row.end, source: row.source };
  if (row.width !== null) page.width = row.width;
  if (row.height !== null) page.height = row.height;
  if (row.confidence !== null) page.confidence = row.confidence;
  if (row.words !== null) page.words = JSON.parse(row.words) as PageWord[];
  return page;
}

/** Pages of documents (document_page, migration 0009). Reads here are unscoped: callers check the document first. */
export class PagesRepository {
  constructor(private readonly reader: Db) {}

  /** The pages of one document in page order; empty for a document without pages. */
  async pagesOf(documentId: number): Promise<StoredPage[]> {
    const rows = await this.reader
      .selectFrom('document_page')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('number')
      .execute();
    return rows.map(pageFromRow);
  }
}
