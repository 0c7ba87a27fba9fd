import { sql, type Kysely } from 'kysely';

// A passage's text was stored twice: in the document's body and again in the passage row. Now
// only the body keeps it; the passage keeps its offsets, which are JavaScript string indices
// (UTF-16 units). SQLite's substr() counts characters, and a character beyond U+FFFF is two units
// to JavaScript but one character to SQLite, so each passage also records how many such
// characters precede its start and its end (0 nearly always, which SQLite stores in no bytes).
// Then substr(body, start - start_astral + 1, ...) is the text, exactly.

const TEXT = `substr(d.body, p.start - p.start_astral + 1, (p."end" - p.end_astral) - (p.start - p.start_astral))`;
const BATCH = 500;

function astralBefore(body: string, offset: number): number {
  let n = 0;
  for (let i = 0; i + 1 < offset; i++) {
    const c = body.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n++;
      i++;
    }
  }
  return n;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table passage add column start_astral integer not null default 0`.execute(db);
  await sql`alter table passage add column end_astral integer not null default 0`.execute(db);
  // Only bodies with a character beyond U+FFFF need counting; GLOB compares characters by code point.
  const { rows: ids } = await sql<{ id: number }>`select id from document where body glob ${'*[\u{10000}-\u{10FFFF}]*'}`.execute(db);
  for (let k = 0; k < ids.length; k += BATCH) {
    const batch = ids.slice(k, k + BATCH).map((r) => r.id);
    const { rows } = await sql<{ id: number; start: number; end: number; body: string }>`
      select p.id, p.start, p."end", d.body from passage p join document d on d.id = p.document_id
      where d.id in (${sql.join(batch)})`.execute(db);
    for (const r of rows) {
      await sql`update passage set start_astral = ${astralBefore(r.body, r.start)}, end_astral = ${astralBefore(r.body, r.end)}
        where id = ${r.id}`.execute(db);
    }
  }
  // The stored text goes only once the body is known to give it back: a passage that does not
  // match its body's offsets stops the upgrade rather than losing its text.
  const { rows } = await sql<{ id: number }>`
    select p.id from passage p join document d on d.id = p.document_id where ${sql.raw(TEXT)} is not p.text limit 1`.execute(db);
  if (rows.length > 0) {
    throw new Error(`Passage ${rows[0]!.id} does not match its document's text at its offsets; the passage texts are kept.`);
  }
  await sql`alter table passage drop column text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table passage add column text text not null default ''`.execute(db);
  await sql`update passage as p set text = (select ${sql.raw(TEXT)} from document d where d.id = p.document_id)`.execute(db);
  await sql`alter table passage drop column end_astral`.execute(db);
  await sql`alter table passage drop column start_astral`.execute(db);
}
