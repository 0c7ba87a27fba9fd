/**
 * npx tsx bench/db-size.ts [bench/.corpus/db-10000/bench.db]
 * Where the bytes of an archive go: every table with its indexes (SQLite's dbstat), against the
 * text it holds (the UTF-8 bytes of the document bodies). Run it on a database `npm run bench` built.
 */
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { registerBodyFunctions } from '../db/body-packing.mjs';

const path = resolve(process.argv[2] ?? 'bench/.corpus/db-10000/bench.db');
const db = new BetterSqlite3(path);
registerBodyFunctions(db);
// Pages still in the write-ahead log belong to the database as much as those in the file.
db.pragma('wal_checkpoint(TRUNCATE)');

const owners = new Map(
  db
    .prepare<[], { name: string; tbl_name: string }>(`select name, tbl_name from sqlite_schema where type in ('table', 'index')`)
    .all()
    .map((r) => [r.name, r.tbl_name]),
);
const virtual = db
  .prepare<[], string>(`select name from sqlite_schema where type = 'table' and sql like 'create virtual table%'`)
  .pluck()
  .all();

// An FTS5 table keeps its index in shadow tables named after it; they count as the table's own.
function ownerOf(name: string): string {
  const shadowOf = virtual.find((v) => name.startsWith(`${v}_`));
  return shadowOf ?? owners.get(name) ?? name;
}

const bytes = new Map<string, number>();
for (const row of db.prepare<[], { name: string; size: number }>('select name, sum(pgsize) as size from dbstat group by name').all()) {
  const owner = ownerOf(row.name);
  bytes.set(owner, (bytes.get(owner) ?? 0) + row.size);
}
const pageSize = db.pragma('page_size', { simple: true }) as number;
const free = (db.pragma('freelist_count', { simple: true }) as number) * pageSize;
const total = (db.pragma('page_count', { simple: true }) as number) * pageSize;
const text = db.prepare<[], number>('select coalesce(sum(length(cast(unpack_body(body_packed) as blob))), 0) from document').pluck().get()!;
const passages = db.prepare<[], number>('select count(*) from passage').pluck().get()!;
db.close();

const mb = (n: number) => (n / 1e6).toFixed(2);
console.log(`${path}: ${passages} passages, text ${mb(text)} MB, database ${mb(total)} MB = ${(total / text).toFixed(2)}× the text`);
console.log('| table (with its indexes) | MB | × text | share |');
console.log('|---|---|---|---|');
for (const [name, size] of [...bytes].sort((a, b) => b[1] - a[1])) {
  if (size < 0.005 * total) continue;
  console.log(`| ${name} | ${mb(size)} | ${(size / text).toFixed(2)} | ${((100 * size) / total).toFixed(1)} % |`);
}
const small = [...bytes.values()].filter((s) => s < 0.005 * total).reduce((a, b) => a + b, 0);
console.log(`| everything else | ${mb(small)} | ${(small / text).toFixed(2)} | ${((100 * small) / total).toFixed(1)} % |`);
if (free > 0) console.log(`| (free pages) | ${mb(free)} | ${(free / text).toFixed(2)} | ${((100 * free) / total).toFixed(1)} % |`);
