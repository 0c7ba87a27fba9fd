import { sql, type Kysely } from 'kysely';

// The quote index (hashed word pairs of every passage, see 0002) moves from a b-tree of
// (hash, passage_id) rows into a contentless FTS5 table: one row per passage, rowid the passage id,
// its shingle hashes written as decimal tokens. With detail=none FTS5 keeps, for each hash, only
// the list of passages holding it, delta-encoded: about a third of the b-tree's size, and faster
// to build. contentless_delete lets a replaced document's rows go by rowid, without hashing its
// old text again.
//
// The new index starts empty. Quote linking rebuilds an empty index from the passages before it
// reads it (QuoteIndexRepository.isMissing), as it does for an archive whose first report has just
// arrived, and imports leave an empty index alone until then. Regrouping the old rows by passage
// here took longer than that rebuild (39 s against 22 s at 200,000 passages), and would hold up
// the server's start on a large archive.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create virtual table passage_shingle_fts using fts5(
    hashes, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
  )`.execute(db);
  await sql`drop table passage_shingle`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Empty too, and rebuilt by the linking of that release in the same way.
  await db.schema
    .createTable('passage_shingle')
    .addColumn('hash', 'integer', (c) => c.notNull())
    .addColumn('passage_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('passage_shingle_pk', ['hash', 'passage_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await sql`drop table passage_shingle_fts`.execute(db);
}
