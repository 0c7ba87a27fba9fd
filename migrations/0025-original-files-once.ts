import { sql, type Kysely } from 'kysely';

// A file that holds many documents (a JSON Lines export, a CSV, a mailbox) was recorded once for each of
// them: the same hash, name, media type and size on every row of document_original, about a tenth of the
// text's size in a large archive (bench/README.md). The file is now one row of `original_file`, and each
// document points at it from `document_file`. `document_original` stays, as a view with the old columns,
// so that what reads one document's original reads it as before; its triggers take inserts, updates and
// deletes as the table did.
//
// An inserted original shares the most recently recorded file row when it is the same file: the import
// stores a file's documents one after another, so that is where the repeats are, and it costs one lookup
// by primary key and no index. A file seen again later (imported twice) gets a row of its own, as before.
// A file row no document points at any more is left: one row per file, and nothing reads it.

const ONE_ROW_PER_DOCUMENT = `create table document_original (
  document_id integer primary key references document (id) on delete cascade,
  sha256 text not null,
  file_name text not null,
  media_type text not null,
  size integer not null,
  container_sha256 text
)`;

const SAME_AS_LAST_FILE = `f.id = (select max(id) from original_file) and f.sha256 = new.sha256 and f.file_name = new.file_name
  and f.media_type = new.media_type and f.size = new.size and f.container_sha256 is new.container_sha256`;

const RECORD_FILE = `insert into original_file (sha256, file_name, media_type, size, container_sha256)
    select new.sha256, new.file_name, new.media_type, new.size, new.container_sha256
    where not exists (select 1 from original_file f where ${SAME_AS_LAST_FILE})`;

const STEPS_UP = [
  `create table original_file (
    id integer primary key,
    sha256 text not null,
    file_name text not null,
    media_type text not null,
    size integer not null,
    container_sha256 text
  )`,
  `create table document_file (
    document_id integer primary key references document (id) on delete cascade,
    file_id integer not null references original_file (id)
  )`,
  `insert into original_file (sha256, file_name, media_type, size, container_sha256)
    select sha256, file_name, media_type, size, container_sha256 from document_original
    group by sha256, file_name, media_type, size, container_sha256 order by min(document_id)`,
  `insert into document_file (document_id, file_id)
    select o.document_id, f.id from document_original o join original_file f
      on f.sha256 = o.sha256 and f.file_name = o.file_name and f.media_type = o.media_type and f.size = o.size
      and f.container_sha256 is o.container_sha256
    order by o.document_id`,
  `drop table document_original`,
  `create view document_original (document_id, sha256, file_name, media_type, size, container_sha256) as
    select l.document_id, f.sha256, f.file_name, f.media_type, f.size, f.container_sha256
    from document_file l join original_file f on f.id = l.file_id`,
  // A document that has an original already keeps it (the table's primary key did the same): no file row for it.
  `create trigger document_original_insert instead of insert on document_original begin
    ${RECORD_FILE} and not exists (select 1 from document_file where document_id = new.document_id);
    insert into document_file (document_id, file_id) values (new.document_id, (select max(id) from original_file));
  end`,
  `create trigger document_original_update instead of update on document_original begin
    ${RECORD_FILE};
    update document_file set document_id = new.document_id, file_id = (select max(id) from original_file) where document_id = old.document_id;
  end`,
  `create trigger document_original_delete instead of delete on document_original begin
    delete from document_file where document_id = old.document_id;
  end`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Every original must find its file row: a mismatch here would drop a document's original, so stop instead.
    const { rows: before } = await sql<{ n: number }>`select count(*) as n from document_original`.execute(trx);
    for (const step of STEPS_UP) await sql.raw(step).execute(trx);
    const { rows: after } = await sql<{ n: number }>`select count(*) as n from document_file`.execute(trx);
    if (after[0]!.n !== before[0]!.n) {
      throw new Error(`Only ${after[0]!.n} of ${before[0]!.n} originals found their file; document_original is kept.`);
    }
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`drop view document_original`.execute(trx);
    await sql.raw(ONE_ROW_PER_DOCUMENT).execute(trx);
    await sql`insert into document_original (document_id, sha256, file_name, media_type, size, container_sha256)
      select l.document_id, f.sha256, f.file_name, f.media_type, f.size, f.container_sha256
      from document_file l join original_file f on f.id = l.file_id order by l.document_id`.execute(trx);
    await sql`drop table document_file`.execute(trx);
    await sql`drop table original_file`.execute(trx);
  });
}
