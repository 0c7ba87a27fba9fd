import { sql, type Kysely } from 'kysely';

// The search index listed the title column first. FTS5 writes a column marker before the positions of
// every column but the first, so every word of every passage carried one: about a fifth of the index
// (bench/scale/fts-layout.ts, bench/README.md). Text first, the marker goes with the title's words only.
// The index is contentless and holds folded text, which only the application can fold, so this empties
// it and flags it; opening the database re-indexes the passages (db/folded-index.ts) before anything reads.

const FLAG = 'search_index_emptied';

async function recreate(db: Kysely<any>, columns: string): Promise<void> {
  await sql`drop table if exists passage_fts`.execute(db);
  await sql
    .raw(
      `create virtual table passage_fts using fts5(
    ${columns}, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
  )`,
    )
    .execute(db);
  await sql`insert into passage_fts (passage_fts, rank) values ('pgsz', 16000)`.execute(db);
  await sql`insert into passage_fts (passage_fts, rank) values ('automerge', 8)`.execute(db);
  // A database without passages has nothing to re-index.
  await sql`insert into setting (key, value) select ${FLAG}, '1' where exists (select 1 from passage)
    on conflict (key) do update set value = excluded.value`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await recreate(db, 'text, title');
}

export async function down(db: Kysely<any>): Promise<void> {
  await recreate(db, 'title, text');
  // The release before this one knows no flag: it re-indexes when the folding version it finds is not its own.
  await sql`delete from setting where key = 'fold_version' and exists (select 1 from passage)`.execute(db);
  await sql`delete from setting where key = ${FLAG}`.execute(db);
}
