import { sql, type Kysely } from 'kysely';

// Browsing reads the first page of documents in date or reference order. Without an index in that
// order SQLite sorts every document for each page, and counting them reads every row too: 35 ms at
// 27k documents, growing with the archive. The index puts "dates unknown last" into its first term
// because SQLite indexes cannot say NULLS LAST; queries order by the same expressions.
// The count per collection is kept by triggers, so every write path (import, re-import into another
// collection, deletion) keeps it without knowing about it, and a reader's total is the sum over the
// collections it may read.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index document_browse_date_idx on document ((date is null), date)`.execute(db);
  await sql`create index document_browse_date_desc_idx on document ((date is null), date desc)`.execute(db);
  await sql`alter table collection add column document_count integer not null default 0`.execute(db);
  await sql`update collection set document_count = (select count(*) from document d where d.collection_id = collection.id)`.execute(db);
  await sql`create trigger document_count_insert after insert on document begin
    update collection set document_count = document_count + 1 where id = new.collection_id;
  end`.execute(db);
  await sql`create trigger document_count_delete after delete on document begin
    update collection set document_count = document_count - 1 where id = old.collection_id;
  end`.execute(db);
  await sql`create trigger document_count_move after update of collection_id on document
    when new.collection_id is not old.collection_id begin
    update collection set document_count = document_count - 1 where id = old.collection_id;
    update collection set document_count = document_count + 1 where id = new.collection_id;
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger document_count_move`.execute(db);
  await sql`drop trigger document_count_delete`.execute(db);
  await sql`drop trigger document_count_insert`.execute(db);
  await sql`alter table collection drop column document_count`.execute(db);
  await sql`drop index document_browse_date_desc_idx`.execute(db);
  await sql`drop index document_browse_date_idx`.execute(db);
}
