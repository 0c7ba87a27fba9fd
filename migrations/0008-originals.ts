import type { Kysely } from 'kysely';

// The file each document came from, kept in a content-addressed store beside the database
// (server/modules/originals). A table rather than columns on `document`, so that the step rolls back
// cleanly. `container_sha256` is the archive on disk that held the file, kept too but not a document.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_original')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('container_sha256', 'text')
    .execute();
  await db.schema.createIndex('document_original_sha256_idx').on('document_original').column('sha256').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_original').execute();
}
