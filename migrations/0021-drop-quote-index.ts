import { sql, type Kysely } from 'kysely';

// Quote linking finds its candidate passages in the search index (passage_fts holds every folded word
// with its position, so a word pair is a phrase query there), so the quote index of hashed word pairs
// (0017) goes: it was about as large as the text, and building it when the first report arrived
// was most of that import. A rebuild of it queued or running as a job has nothing left to do.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop table passage_shingle_fts`.execute(db);
  await sql`update job set state = 'cancelled', error = 'The quote index no longer exists.',
    finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
    where kind = 'quotes.index' and state in ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Empty, as 0017 made it: that release's linking rebuilds an empty index from the passages before it reads it.
  await sql`create virtual table passage_shingle_fts using fts5(
    hashes, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
  )`.execute(db);
}
