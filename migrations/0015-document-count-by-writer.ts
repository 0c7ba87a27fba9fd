import { sql, type Kysely } from 'kysely';

// Any trigger on inserts into document makes SQLite keep a statement journal for each insert, a
// copy of every page it touches: about 80 µs a document, as much as the row itself (measured with
// a trigger that does nothing). The import's writer adds its new documents to the count once per
// batch instead; deleting a document and moving it to another collection are rare and keep their
// triggers. Counted again here, in case a document was written between the two steps.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger document_count_insert`.execute(db);
  await sql`update collection set document_count = (select count(*) from document d where d.collection_id = collection.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create trigger document_count_insert after insert on document begin
    update collection set document_count = document_count + 1 where id = new.collection_id;
  end`.execute(db);
}
