import { sql, type Kysely } from 'kysely';

// An attachment (of an e-mail, an Outlook message, a mailbox entry) is a document of its own;
// this table says which document carried it. A table rather than a column on `document`, so
// that the step rolls back cleanly (SQLite cannot drop a column that holds a foreign key).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_parent')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addCheckConstraint('document_parent_not_self_check', sql`document_id <> parent_id`)
    .execute();
  await db.schema.createIndex('document_parent_parent_idx').on('document_parent').columns(['parent_id', 'document_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_parent').execute();
}
