import { sql, type Kysely } from 'kysely';

// The reader threads keep the facet and mention values in memory (db/doc-values.mjs, db/mention-values.mjs) and used
// to rebuild them after any commit at all: a session's last-seen time, an audit row or a vocabulary refresh cost a
// new copy of every document's facet values (seconds at ten million passages, on the search that noticed) and of
// every mention (a second copy of 140 MB while it loads). A snapshot is now kept while what it was built from is
// unchanged: new rows show as a higher max(id), and edits and deletions count here. Insertions have no trigger,
// as one would cost a statement journal per document imported (0015-document-count-by-writer).
const KINDS = ['documents', 'mentions'] as const;

const EDITS: Array<[name: string, event: string, kind: (typeof KINDS)[number]]> = [
  ['value_version_document_edit', 'update of kind, origin, date, language, collection_id on document', 'documents'],
  ['value_version_document_delete', 'delete on document', 'documents'],
  ['value_version_collection_rename', 'update of name on collection', 'documents'],
  ['value_version_mention_edit', 'update of entity_id, status, passage_id on mention', 'mentions'],
  ['value_version_mention_delete', 'delete on mention', 'mentions'],
  ['value_version_entity_merge', 'update of merged_into on entity', 'mentions'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table value_version (kind text primary key, edits integer not null default 0) without rowid`.execute(db);
  for (const kind of KINDS) await sql`insert into value_version (kind) values (${kind})`.execute(db);
  for (const [name, event, kind] of EDITS) {
    await sql
      .raw(`create trigger ${name} after ${event} begin update value_version set edits = edits + 1 where kind = '${kind}'; end`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of EDITS) await sql.raw(`drop trigger ${name}`).execute(db);
  await sql`drop table value_version`.execute(db);
}
