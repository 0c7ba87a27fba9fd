import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collection')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .execute();

  await db.schema
    .createTable('document')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('collection_id', 'integer', (c) => c.notNull().references('collection.id').onDelete('restrict'))
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cable', 'report', 'document')`))
    .addColumn('title', 'text')
    .addColumn('date', 'text')
    .addColumn('date_text', 'text')
    .addColumn('language', 'text')
    .addColumn('origin', 'text')
    .addColumn('author', 'text')
    .addColumn('classification', 'text')
    .addColumn('source_file', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) =>
      c
        .notNull()
        .defaultTo('{}')
        .check(sql`json_valid(metadata)`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .execute();
  await db.schema.createIndex('document_date_idx').on('document').column('date').execute();
  await db.schema.createIndex('document_collection_idx').on('document').column('collection_id').execute();
  // Search filters and facet counts read these columns for thousands of matched documents; rows
  // carry their bodies, so a narrow covering index keeps those lookups in a few pages.
  await db.schema
    .createIndex('document_facet_idx')
    .on('document')
    .columns(['id', 'kind', 'origin', 'language', 'date', 'collection_id', 'classification'])
    .execute();

  await db.schema
    .createTable('passage')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('passage_document_ordinal_unique', ['document_id', 'ordinal'])
    .addCheckConstraint('passage_offsets_check', sql`start >= 0 and "end" > start`)
    .execute();

  // The index is written from normalised text (see server/pipeline/normalise.ts) in the same
  // transaction as the passage; rowid = passage.id. It stores no text of its own (contentless):
  // the passage table has the original, and highlights are found from it.
  await sql`create virtual table passage_fts using fts5(
    title, text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  // Leaf pages the size of the 16 KiB database pages, and merges of 8 segments at a time rather
  // than 4: together about a sixth faster to import, at no measured cost to search (bench/).
  await sql`insert into passage_fts (passage_fts, rank) values ('pgsz', 16000)`.execute(db);
  await sql`insert into passage_fts (passage_fts, rank) values ('automerge', 8)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists passage_fts`.execute(db);
  await db.schema.dropTable('passage').execute();
  await db.schema.dropTable('document').execute();
  await db.schema.dropTable('collection').execute();
}
