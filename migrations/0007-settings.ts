import { type Kysely } from 'kysely';

// Facts about the database as a whole, such as which version of text folding its search index was
// written with (so that a newer Trove re-indexes an archive instead of missing words in it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setting').execute();
}
