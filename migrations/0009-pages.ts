import { sql, type Kysely } from 'kysely';

// Pages of paged documents (PDFs, scans): where each page's text lies in the body, the page image's
// size, and for OCR'd pages the words with their boxes and the mean confidence.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_page')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('text', 'ocr')`))
    .addColumn('confidence', 'real')
    .addColumn('words', 'text')
    .addPrimaryKeyConstraint('document_page_pk', ['document_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_page').execute();
}
