import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

// A translation and the original it translates, with their passages paired. The pairing is a short
// JSON list per document pair (`[{ "original": [passage ids], "translation": [passage ids] }]`):
// it is always read whole, beside one of the two documents.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_translation')
    .addColumn('translation_id', 'integer', (c) => c.primaryKey().references('document.id').onDelete('cascade'))
    .addColumn('original_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('declared_by', 'text', (c) => c.notNull().check(sql`declared_by in ('field', 'record', 'ref_suffix')`))
    .addColumn('alignment', 'text', (c) =>
      c
        .notNull()
        .defaultTo('[]')
        .check(sql`json_valid(alignment)`),
    )
    .addColumn('aligned_by', 'text', (c) =>
      c
        .notNull()
        .defaultTo('auto')
        .check(sql`aligned_by in ('auto', 'editor')`),
    )
    .addColumn('decided_by', 'text')
    .addColumn('aligned_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('document_translation_not_self_check', sql`translation_id <> original_id`)
    .execute();
  await db.schema
    .createIndex('document_translation_original_idx')
    .on('document_translation')
    .columns(['original_id', 'translation_id'])
    .execute();

  // What a document says about its counterpart, kept until the counterpart arrives: import order
  // does not matter. `role` is the counterpart's role: 'original', 'translation', or 'sibling' for
  // refs that differ only by a language suffix (which side is the original is decided on joining).
  await db.schema
    .createTable('translation_claim')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('original', 'translation', 'sibling')`))
    .addColumn('declared_by', 'text', (c) => c.notNull().check(sql`declared_by in ('field', 'record', 'ref_suffix')`))
    .addPrimaryKeyConstraint('translation_claim_pk', ['document_id', 'ref', 'role'])
    .execute();
  await db.schema.createIndex('translation_claim_ref_idx').on('translation_claim').columns(['ref', 'document_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('translation_claim').execute();
  await db.schema.dropTable('document_translation').execute();
}
