import { sql, type Kysely } from 'kysely';

// document.sha256 held each content hash as 64 letters of hex, and its unique index held them again: the
// 32 bytes themselves take half of that, about a twentieth of the text's size in a large archive
// (bench/README.md). The column keeps its name and declared type, so the table is not copied: a text
// column stores a blob as it is. db/document-hash.ts reads and writes it.

export async function up(db: Kysely<any>): Promise<void> {
  // unhex() gives null for what is not hex, which the column refuses: name the document instead.
  const { rows } = await sql<{ id: number }>`
    select id from document where typeof(sha256) != 'text' or length(sha256) != 64 or unhex(sha256) is null limit 1`.execute(db);
  if (rows.length > 0)
    throw new Error(`Document ${rows[0]!.id} has a content hash that is not a SHA-256 in hex; the hashes are kept as they are.`);
  await sql`update document set sha256 = unhex(sha256)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update document set sha256 = lower(hex(sha256)) where typeof(sha256) = 'blob'`.execute(db);
}
