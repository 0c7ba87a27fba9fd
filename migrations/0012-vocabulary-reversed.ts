import { sql, type Kysely } from 'kysely';

// Each word of vocabulary_term spelt backwards, so a fuzzy walk can also start from a word's end
// (server/pipeline/fuzzy/fuzzy-walk.ts, splitFuzzyWalk). SQL cannot reverse a string, so the
// application fills it, on the first vocabulary refresh after this step.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table vocabulary_reversed (term text primary key, passages integer not null) without rowid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('vocabulary_reversed').execute();
}
