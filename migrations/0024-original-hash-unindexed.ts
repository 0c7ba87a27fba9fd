import { sql, type Kysely } from 'kysely';

// An index on document_original.sha256 came with the table (0008) and no read ever used it: originals are
// found by document (the table's primary key), and the backup reads every hash once, in one pass. It held
// each 64-letter hash again beside its row: about a sixteenth of the text's size in a large archive
// (bench/README.md).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists document_original_sha256_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists document_original_sha256_idx on document_original (sha256)`.execute(db);
}
