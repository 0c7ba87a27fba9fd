/**
 * npx tsx bench/scale/fts-layout.ts <trove.db>
 * What the layout of the search index costs: the passages of an archive indexed again into scratch FTS5
 * tables like passage_fts (contentless, same tokenizer and page settings), with and without the title in
 * every passage's row, and with rowids spaced as db/passage-id.ts spaces them or numbered densely.
 * FTS5 stores each posting's rowid as a varint delta from the one before, so spacing costs bytes.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import BetterSqlite3 from 'better-sqlite3';
import { registerBodyFunctions } from '../../db/body-packing.mjs';
import { PASSAGE_ID_FACTOR } from '../../db/passage-id.ts';

interface Doc {
  id: number;
  title: string;
  passages: string[];
}

function readArchive(path: string): Doc[] {
  const db = new BetterSqlite3(path, { readonly: true });
  registerBodyFunctions(db);
  try {
    const docs: Doc[] = [];
    const rows = db
      .prepare(
        'select d.id, d.title, unpack_body(d.body_packed) as body, p.start, p."end" from passage p join document d on d.id = p.document_id order by p.id',
      )
      .raw()
      .iterate() as Iterable<[number, string | null, string, number, number]>;
    for (const [id, title, body, start, end] of rows) {
      if (docs.at(-1)?.id !== id) docs.push({ id, title: title ?? '', passages: [] });
      docs.at(-1)!.passages.push(body.slice(start, end));
    }
    return docs;
  } finally {
    db.close();
  }
}

type TitleLayout = 'first column (before 0019)' | 'second column' | 'an empty first column' | 'no column';

function indexBytes(docs: Doc[], title: TitleLayout, spaced: boolean): number {
  const path = join(tmpdir(), `trove-fts-layout-${process.pid}.db`);
  rmSync(path, { force: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('page_size = 16384');
    const columns = title === 'no column' ? 'text' : title === 'second column' ? 'text, title' : 'title, text';
    db.exec(
      `create virtual table f using fts5(${columns}, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    db.exec(`insert into f (f, rank) values ('pgsz', 16000)`);
    db.exec(`insert into f (f, rank) values ('automerge', 8)`);
    const insert = db.prepare(
      title === 'no column' ? 'insert into f (rowid, text) values (?, ?)' : 'insert into f (rowid, title, text) values (?, ?, ?)',
    );
    let dense = 0;
    const batch = db.transaction((some: Doc[]) => {
      for (const d of some) {
        d.passages.forEach((text, ordinal) => {
          const rowid = spaced ? d.id * PASSAGE_ID_FACTOR + ordinal : ++dense;
          if (title === 'no column') insert.run(rowid, text);
          else insert.run(rowid, title === 'an empty first column' ? '' : d.title, text);
        });
      }
    });
    for (let i = 0; i < docs.length; i += 1000) batch(docs.slice(i, i + 1000));
    db.exec(`insert into f (f) values ('optimize')`);
    return db.prepare(`select sum(pgsize) from dbstat where name like 'f\\_%' escape '\\'`).pluck().get() as number;
  } finally {
    db.close();
    rmSync(path, { force: true });
  }
}

const path = process.argv[2];
if (!path) throw new Error('Usage: npx tsx bench/scale/fts-layout.ts <trove.db>');
const docs = readArchive(path);
const passages = docs.reduce((n, d) => n + d.passages.length, 0);
console.log(`${docs.length} documents, ${passages} passages (after optimize)`);
console.log('| title | rowids | index MB |');
console.log('|---|---|---|');
for (const title of ['first column (before 0019)', 'second column', 'an empty first column', 'no column'] as const) {
  for (const spaced of [true, false]) {
    const mb = indexBytes(docs, title, spaced) / 1e6;
    console.log(`| ${title} | ${spaced ? `document × 2^${Math.log2(PASSAGE_ID_FACTOR)} + ordinal` : 'dense'} | ${mb.toFixed(1)} |`);
  }
}
