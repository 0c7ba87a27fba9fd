import { sql, type Kysely } from 'kysely';

// Document bodies were about a third of the database (219 MB of 757 at a million passages). They are now
// stored deflated, in `body_packed`: a BLOB of raw DEFLATE, or the text itself when deflate would not
// shrink it (a short body). The new name is there so that no read takes the stored bytes for the text:
// reads go through unpack_body() and body_slice(), and this migration through pack_body(), which every
// connection registers (db/body-packing.mjs); a migration may import nothing but Kysely.
//
// body_slice() cuts with JavaScript string offsets, as the offsets are, so the two triggers of migration
// 0020 that write out a decided mention's text use it instead of substr(), which counted a character
// beyond U+FFFF once where JavaScript counts it twice. A rename rewrites the triggers that name the column,
// so they are dropped first and created again in the new words. SQLite migrations run outside a
// transaction: this one makes its own, so a process killed midway leaves the old layout whole.

const DECIDED = (m: string) => `${m}.text is null and (${m}.status != 'suggested' or ${m}.decided_by is not null)`;

const writeText = (slice: string) => `update mention set text = (select ${slice}
  from document d where d.id = mention.document_id) where id = new.id;`;

const KEPT_TEXT = (slice: string): Array<[string, string]> => [
  ['mention_text_kept_insert', `after insert on mention when ${DECIDED('new')} begin ${writeText(slice)} end`],
  ['mention_text_kept_update', `after update of status, decided_by, text on mention when ${DECIDED('new')} begin ${writeText(slice)} end`],
];

async function swap(db: Kysely<any>, steps: { rename: [string, string]; convert: string; slice: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [name] of KEPT_TEXT('')) await sql.raw(`drop trigger if exists ${name}`).execute(trx);
    await sql.raw(`alter table document rename column ${steps.rename[0]} to ${steps.rename[1]}`).execute(trx);
    await sql.raw(steps.convert).execute(trx);
    for (const [name, body] of KEPT_TEXT(steps.slice)) await sql.raw(`create trigger ${name} ${body}`).execute(trx);
  });
}

export async function up(db: Kysely<any>): Promise<void> {
  await swap(db, {
    rename: ['body', 'body_packed'],
    convert: `update document set body_packed = pack_body(body_packed) where typeof(body_packed) = 'text'`,
    slice: `body_slice(d.body_packed, mention.start, mention."end")`,
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await swap(db, {
    rename: ['body_packed', 'body'],
    convert: `update document set body = unpack_body(body) where typeof(body) = 'blob'`,
    slice: `substr(d.body, mention.start + 1, mention."end" - mention.start)`,
  });
}
