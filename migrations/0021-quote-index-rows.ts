import { sql, type Kysely } from 'kysely';

// The quote index's rows are renumbered (server/pipeline/quotes/index-rows.ts): a passage's row is its
// document's id times 64 plus its place in the document, where it was the passage id, which jumps by
// 2^24 from one document to the next. Each posting's rowid delta then takes a byte or two instead of
// four or five, and the hashes are written in base 32. At 200k passages 47.8 MB became 28.0 MB
// (bench/scale/quote-index-layout.ts, bench/README.md).
//
// The index holds hashes only the application computes, so this empties it, as 0017 did; quote linking
// rebuilds an empty index before it reads it (QuoteIndexRepository.isMissing), and imports leave an
// empty index alone until then. Going down empties it again, for the older code to rebuild by passage.

async function recreate(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists passage_shingle_fts`.execute(db);
  await sql`create virtual table passage_shingle_fts using fts5(
    hashes, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
  )`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await recreate(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await recreate(db);
}
