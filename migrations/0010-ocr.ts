import { sql, type Kysely } from 'kysely';

// The OCR queue: one row per document that waits for, is getting, or has had OCR. It keeps the file's bytes so
// that the work survives a restart and can be re-run (`trove ocr --all`) without the original folder.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ocr_job')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'pdf')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('source', 'blob', (c) => c.notNull())
    .addColumn('pages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('languages', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'pending', 'failed')`))
    .addColumn('engine', 'text')
    .addColumn('note', 'text')
    .addColumn('low_confidence', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .execute();
  await db.schema.createIndex('ocr_job_status').on('ocr_job').columns(['status', 'document_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ocr_job').execute();
}
