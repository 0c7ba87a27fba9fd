import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await addCollectionVisibility(db);
  await createAccount(db);
  await createSessionAndToken(db);
  await createCollectionMember(db);
  await createAuditEvent(db);
}

async function addCollectionVisibility(db: Kysely<any>): Promise<void> {
  // New collections are internal until someone decides to publish them.
  await db.schema
    .alterTable('collection')
    .addColumn('visibility', 'text', (c) =>
      c
        .notNull()
        .defaultTo('internal')
        .check(sql`visibility in ('public', 'internal', 'restricted')`),
    )
    .execute();
  // Before accounts, anyone could read everything: existing collections stay readable until an admin tightens them.
  await db.updateTable('collection').set({ visibility: 'public' }).execute();
}

async function createAccount(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) =>
      c
        .notNull()
        .unique()
        .modifyEnd(sql`collate nocase`),
    )
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'editor', 'viewer')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
}

async function createSessionAndToken(db: Kysely<any>): Promise<void> {
  // Only hashes of session ids and tokens are stored: a copied database opens no sessions.
  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_account_idx').on('session').column('account_id').execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

async function createCollectionMember(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collection_member')
    .addColumn('collection_id', 'integer', (c) => c.notNull().references('collection.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('editor', 'viewer')`))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('collection_member_pk', ['collection_id', 'account_id'])
    .execute();
  await db.schema.createIndex('collection_member_account_idx').on('collection_member').column('account_id').execute();
}

async function createAuditEvent(db: Kysely<any>): Promise<void> {
  // The actor is kept by name as well as id, so the record reads the same whatever happens to the account.
  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('actor_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.check(sql`before is null or json_valid(before)`))
    .addColumn('after', 'text', (c) => c.check(sql`after is null or json_valid(after)`))
    .execute();
  await db.schema.createIndex('audit_event_subject_idx').on('audit_event').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('audit_event_actor_idx').on('audit_event').columns(['actor', 'id']).execute();
  // Append-only, enforced by the database itself rather than by convention.
  await sql`create trigger audit_event_no_update before update on audit_event
            begin select raise(abort, 'The audit log is append-only.'); end`.execute(db);
  await sql`create trigger audit_event_no_delete before delete on audit_event
            begin select raise(abort, 'The audit log is append-only.'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_event').execute();
  await db.schema.dropTable('collection_member').execute();
  await db.schema.dropTable('api_token').execute();
  await db.schema.dropTable('session').execute();
  await db.schema.dropTable('account').execute();
  await db.schema.alterTable('collection').dropColumn('visibility').execute();
}
