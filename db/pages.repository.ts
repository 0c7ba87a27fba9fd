import { sql } from 'kysely';
import type { PageSpan, PageWord } from '../server/pipeline/extract/extract.types.ts';
import { canReadCollection, type ReadScope } from './access.ts';
import type { Db } from './client.ts';

/** Where a page lies in its document's body. */
export interface PageBounds {
  number: number;
  start: number;
  end: number;
}

/**
 * The page holding a body offset: the page whose [start, end) holds it, else the next page when the
 * offset falls between pages; null when there are no pages or it lies past the last. `pages` is in page order (as pagesOf and boundsOf give them).
 */
export function pageAt(pages: readonly PageBounds[], offset: number): number | null {
  let low = 0;
  let high = pages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const page = pages[middle]!;
    if (offset < page.start) high = middle - 1;
    else if (offset >= page.end) low = middle + 1;
    else return page.number;
  }
  // Between pages (the blank line joining them) the text that follows is on the next page; past the
  // last page, on none.
  return pages[low]?.number ?? null;
}

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

  /** Page bounds of several documents at once (search hits), without their words; unscoped like pagesOf. */
  async boundsOf(documentIds: readonly number[]): Promise<Map<number, PageBounds[]>> {
    const bounds = new Map<number, PageBounds[]>();
    if (documentIds.length === 0) return bounds;
    const rows = await this.reader
      .selectFrom('document_page')
      .select(['document_id', 'number', 'start', 'end'])
      .where('document_id', 'in', [...new Set(documentIds)])
      .orderBy('document_id')
      .orderBy('number')
      .execute();
    for (const row of rows) {
      const list = bounds.get(row.document_id);
      const page = { number: row.number, start: row.start, end: row.end };
      if (list) list.push(page);
      else bounds.set(row.document_id, [page]);
    }
    return bounds;
  }

  /**
   * One page of a document the scope may read, with the document's original file (sha256 null when none
   * was kept). undefined when the document is missing or hidden, which callers report the same way;
   * `page` undefined when the document has no such page.
   */
  async findPage(documentId: number, number: number, scope: ReadScope) {
    const document = await this.reader
      .selectFrom('document')
      // The tables behind the document_original view: SQLite would build the whole view for a left join on it.
      .leftJoin('document_file', 'document_file.document_id', 'document.id')
      .leftJoin('original_file', 'original_file.id', 'document_file.file_id')
      .select(['document.id', 'document.kind', 'original_file.sha256', 'original_file.media_type'])
      .where('document.id', '=', documentId)
      .where(canReadCollection(scope, sql.ref('document.collection_id')))
      .executeTakeFirst();
    if (!document) return undefined;
    const row = await this.reader
      .selectFrom('document_page')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('number', '=', number)
      .executeTakeFirst();
    const pageCount = await this.reader
      .selectFrom('document_page')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('document_id', '=', documentId)
      .executeTakeFirstOrThrow();
    return {
      sha256: document.sha256,
      mediaType: document.media_type,
      pageCount: Number(pageCount.count),
      page: row ? pageFromRow(row) : undefined,
    };
  }
}
