import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await createShingleIndex(db);
  await createQuotation(db);
  await createQuoteLink(db);
}

async function createShingleIndex(db: Kysely<any>): Promise<void> {
  // The candidate index for quote linking: hashed word pairs of every passage. Keyed by hash
  // first because that is how it is read; written in the same transaction as the passages.
  await db.schema
    .createTable('passage_shingle')
    .addColumn('hash', 'integer', (c) => c.notNull())
    .addColumn('passage_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('passage_shingle_pk', ['hash', 'passage_id'])
    .modifyEnd(sql`without rowid`)
    .execute();

  // Which version of a report its quotations were found in; a report whose sha256 differs is scanned again.
  await db.schema
    .createTable('quote_scan')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
}

async function createQuotation(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('quotation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('style', 'text', (c) => c.notNull().check(sql`style in ('marks', 'block', 'html')`))
    .addColumn('fragments', 'text', (c) => c.notNull().check(sql`json_valid(fragments)`))
    .addColumn('insertions', 'text', (c) =>
      c
        .notNull()
        .defaultTo('[]')
        .check(sql`json_valid(insertions)`),
    )
    .addColumn('ellipses', 'text', (c) =>
      c
        .notNull()
        .defaultTo('[]')
        .check(sql`json_valid(ellipses)`),
    )
    .addColumn('too_short', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`too_short in (0, 1)`),
    )
    // A person's verdict that the quotation has no source in the archive; the machine leaves it alone.
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('not_in_archive')`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('quotation_offsets_check', sql`start >= 0 and "end" > start`)
    .execute();
  await db.schema.createIndex('quotation_document_idx').on('quotation').columns(['document_id', 'ordinal']).execute();
}

async function createQuoteLink(db: Kysely<any>): Promise<void> {
  // passage_id has no foreign key: passages are rewritten when their document is re-imported,
  // and a link must outlive that to be re-anchored (or marked orphaned).
  await db.schema
    .createTable('quote_link')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('quotation_id', 'integer', (c) => c.notNull().references('quotation.id').onDelete('cascade'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('passage_id', 'integer', (c) => c.notNull())
    .addColumn('fragments', 'text', (c) => c.notNull().check(sql`json_valid(fragments)`))
    .addColumn('score', 'real', (c) => c.notNull().check(sql`score >= 0 and score <= 1`))
    .addColumn('differences', 'text', (c) =>
      c
        .notNull()
        .defaultTo('[]')
        .check(sql`json_valid(differences)`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('suggested', 'confirmed', 'rejected', 'manual')`))
    .addColumn('orphaned', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`orphaned in (0, 1)`),
    )
    .addColumn('anchor', 'text', (c) => c.notNull().check(sql`json_valid(anchor)`))
    .addColumn('source_sha256', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('quote_link_quotation_idx').on('quote_link').column('quotation_id').execute();
  await db.schema.createIndex('quote_link_document_idx').on('quote_link').columns(['document_id', 'passage_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quote_link').execute();
  await db.schema.dropTable('quotation').execute();
  await db.schema.dropTable('quote_scan').execute();
  await db.schema.dropTable('passage_shingle').execute();
}
