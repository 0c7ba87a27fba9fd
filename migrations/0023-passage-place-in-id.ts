import { sql, type Kysely } from 'kysely';

// A passage's id is its document's id × 2^24 plus its ordinal (db/passage-id.ts), so the passage row's
// `document_id` and `ordinal` said again what the id says, and their unique index repeated both with the
// id once more: about a tenth of the text's size in a large archive (bench/README.md). They become
// virtual generated columns, computed from the id and stored nowhere, and the index goes: a document's
// passages are the rowid range of its id (passagesOfDocument() in db/passage-id.ts), which the
// primary key already serves. Deleting a document deletes its passages by that range, in a trigger, as
// the foreign key's cascade did (a cascade over a computed column would read every passage).
//
// SQLite changes a table's columns only by copying it into a new one. Foreign keys are turned off around
// the copy (a pragma that has no effect inside a transaction), so that dropping the old table cascades
// nowhere; the copy is one transaction, so a process killed midway leaves the old table whole.

const FACTOR = 16777216;

const WITH_IDS_ONLY = `create table passage_next (
  id integer primary key,
  start integer not null,
  "end" integer not null,
  start_astral integer not null default 0,
  end_astral integer not null default 0,
  document_id integer generated always as (id / ${FACTOR}) virtual,
  ordinal integer generated always as (id % ${FACTOR}) virtual,
  constraint passage_offsets_check check (start >= 0 and "end" > start)
)`;

const WITH_STORED_PLACE = `create table passage_next (
  id integer primary key,
  document_id integer not null references document (id) on delete cascade,
  ordinal integer not null,
  start integer not null,
  "end" integer not null,
  start_astral integer not null default 0,
  end_astral integer not null default 0,
  constraint passage_document_ordinal_unique unique (document_id, ordinal),
  constraint passage_offsets_check check (start >= 0 and "end" > start)
)`;

const DELETE_WITH_DOCUMENT = `create trigger passage_deleted_with_document after delete on document begin
  delete from passage where id between old.id * ${FACTOR} and old.id * ${FACTOR} + ${FACTOR - 1};
end`;

async function copy(db: Kysely<any>, create: string, columns: string, after: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql`drop trigger if exists passage_deleted_with_document`.execute(trx);
      await sql.raw(create).execute(trx);
      await sql.raw(`insert into passage_next (${columns}) select ${columns} from passage order by id`).execute(trx);
      await sql`drop table passage`.execute(trx);
      await sql`alter table passage_next rename to passage`.execute(trx);
      await after(trx);
      const { rows } = await sql<{ table: string }>`pragma foreign_key_check`.execute(trx);
      if (rows.length > 0) throw new Error(`The passage table's copy breaks a foreign key of ${rows[0]!.table}; nothing was changed.`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // A passage whose stored place is not the one its id encodes would move to another document: stop rather than do that.
  const { rows } = await sql<{ id: number }>`
    select id from passage where document_id != id / ${sql.lit(FACTOR)} or ordinal != id % ${sql.lit(FACTOR)} limit 1`.execute(db);
  if (rows.length > 0) throw new Error(`Passage ${rows[0]!.id} is not numbered by its document and ordinal; the passage table is kept.`);
  await copy(db, WITH_IDS_ONLY, 'id, start, "end", start_astral, end_astral', async (trx) => {
    await sql.raw(DELETE_WITH_DOCUMENT).execute(trx);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await copy(db, WITH_STORED_PLACE, 'id, document_id, ordinal, start, "end", start_astral, end_astral', async () => {});
}
