import { sql, type Kysely } from 'kysely';

// The words of the search index, one row each, for fuzzy terms (oswald~1). FTS5's own fts5vocab
// table reads a term's whole doclist to count it, so walking it costs the size of the index
// (0.8 s for 110,000 passages, over a minute at 10 million); this table is a plain B-tree of the
// words, tens of megabytes even for a noisy OCR archive, where a seek costs a few microseconds.
// The words of documents written later are added from their updated_at (hence its index).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table vocabulary_term (term text primary key, passages integer not null) without rowid`.execute(db);
  await db.schema.createIndex('document_updated_idx').on('document').column('updated_at').execute();
  // An archive indexed before this step gets its words from the index itself, once.
  await sql`create virtual table temp.vocabulary_scan using fts5vocab(main, passage_fts, row)`.execute(db);
  await sql`insert into vocabulary_term (term, passages) select term, doc from temp.vocabulary_scan`.execute(db);
  await sql`drop table temp.vocabulary_scan`.execute(db);
  await sql`insert into setting (key, value) select 'vocabulary_mark', coalesce(max(updated_at), '') from document
    where true on conflict (key) do update set value = excluded.value`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from setting where key = 'vocabulary_mark'`.execute(db);
  await db.schema.dropIndex('document_updated_idx').execute();
  await db.schema.dropTable('vocabulary_term').execute();
}
