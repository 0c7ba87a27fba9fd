import { sql, type Kysely } from 'kysely';

// Long work as rows: a re-extraction, a re-linking, an index rebuild, an import from the command line. The row
// says how far the work got (done of total units) and where to pick it up (checkpoint, JSON), so a restarted
// server resumes it and the admin page shows it whichever process runs it. created_by names the actor as the
// audit log does (an account's name, or the command line's); created_by_id is the account, when there is one.
// run_started_at and run_done_before are where the current run began, so that its rate is not inflated by
// units an earlier, interrupted run finished.
const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'running', 'done', 'failed', 'cancelled')`))
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('checkpoint', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by_id', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(NOW))
    .addColumn('started_at', 'text')
    .addColumn('run_started_at', 'text')
    .addColumn('run_done_before', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(NOW))
    .addColumn('finished_at', 'text')
    .execute();
  // The runner looks for queued and running work; the admin page lists the newest first (by id).
  await db.schema.createIndex('job_state').on('job').columns(['state', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job').execute();
}
