/**
 * npx tsx bench/scale/quote-index-layout.ts <trove.db>
 * What the quote index's rowids cost: an archive's source passages shingled again (as
 * QuoteIndexRepository.rebuild does) into scratch tables shaped like passage_shingle_fts (migration
 * 0017), numbered in several ways. With detail=none a posting is little more than its rowid's varint
 * delta from the one before, so a rowid that jumps by 2^24 from one document to the next costs four
 * or five bytes where a dense one costs one or two.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { registerBodyFunctions } from '../../db/body-packing.mjs';
import { base32 } from '../../db/quote-index.repository.ts';
import { shingles } from '../../server/pipeline/quotes/shingles.ts';

interface Passage {
  document: number;
  ordinal: number;
  hashes: number[];
}

function readPassages(path: string): { passages: Passage[]; seconds: number } {
  const db = new BetterSqlite3(path, { readonly: true });
  registerBodyFunctions(db);
  try {
    const passages: Passage[] = [];
    const rows = db
      .prepare(
        `select d.id, p.ordinal, body_slice(d.body_packed, p.start, p."end") from passage p join document d on d.id = p.document_id
         where d.kind != 'report' order by p.id`,
      )
      .raw()
      .iterate() as Iterable<[number, number, string]>;
    let seconds = 0;
    for (const [document, ordinal, text] of rows) {
      const started = performance.now();
      const hashes = shingles(text);
      seconds += (performance.now() - started) / 1000;
      if (hashes.length) passages.push({ document, ordinal, hashes });
    }
    return { passages, seconds };
  } finally {
    db.close();
  }
}

type Layout =
  | 'document × 2^24 + ordinal (before 0021)'
  | 'document × 2^8 + ordinal'
  | 'dense'
  | 'document × 2^8 + ordinal, hashes in base 32'
  | 'document × 2^6 + ordinal, hashes in base 32 (0021)'
  | 'document × 2^4 + ordinal, hashes in base 32'
  | 'dense, hashes in base 32'
  | 'dense, 24-bit hashes in base 32'
  | 'one row per document'
  | 'one row per document, hashes in base 32';

const token = (layout: Layout) =>
  layout.includes('24-bit') ? (h: number) => base32(h & 0xffffff) : layout.includes('base 32') ? base32 : String;

function rows(passages: Passage[], layout: Layout): Array<[number, string]> {
  const t = token(layout);
  if (layout.startsWith('one row per document')) {
    const byDocument = new Map<number, Set<number>>();
    for (const p of passages) {
      const set = byDocument.get(p.document) ?? new Set();
      for (const h of p.hashes) set.add(h);
      byDocument.set(p.document, set);
    }
    return [...byDocument].map(([document, set]) => [document, [...set].map(t).join(' ')]);
  }
  let dense = 0;
  return passages.map((p) => {
    const bits = /2\^(\d+)/.exec(layout)?.[1];
    const rowid = layout.startsWith('dense') ? ++dense : p.document * 2 ** Number(bits) + p.ordinal;
    return [rowid, p.hashes.map(t).join(' ')];
  });
}

function build(passages: Passage[], layout: Layout): { bytes: number; postings: number; seconds: number } {
  const path = join(tmpdir(), `trove-quote-layout-${process.pid}.db`);
  rmSync(path, { force: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = wal');
    db.exec(`create virtual table f using fts5(hashes, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')`);
    const insert = db.prepare('insert into f (rowid, hashes) values (?, ?)');
    const all = rows(passages, layout);
    const started = performance.now();
    db.transaction(() => {
      for (const [rowid, tokens] of all) insert.run(rowid, tokens);
      db.exec(`insert into f (f) values ('optimize')`);
    })();
    const seconds = (performance.now() - started) / 1000;
    const postings = all.reduce((n, [, tokens]) => n + tokens.split(' ').length, 0);
    const bytes = db.prepare(`select sum(pgsize) from dbstat where name like 'f\\_%' escape '\\'`).pluck().get() as number;
    return { bytes, postings, seconds };
  } finally {
    db.close();
    rmSync(path, { force: true });
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
  }
}

const path = process.argv[2];
if (!path) throw new Error('Usage: npx tsx bench/scale/quote-index-layout.ts <trove.db>');
const { passages, seconds } = readPassages(path);
const longest = passages.reduce((m, p) => Math.max(m, p.ordinal), 0);
console.log(`${passages.length} source passages with shingles, ordinals up to ${longest}; shingling took ${seconds.toFixed(1)} s`);
const distinct = new Set(passages.flatMap((p) => p.hashes)).size;
console.log(`${distinct} distinct shingles`);
console.log('| rowids | postings | index MB | bytes a posting | insert and optimize s |');
console.log('|---|---:|---:|---:|---:|');
const layouts: Layout[] = [
  'document × 2^24 + ordinal (before 0021)',
  'document × 2^8 + ordinal',
  'document × 2^8 + ordinal, hashes in base 32',
  'document × 2^6 + ordinal, hashes in base 32 (0021)',
  'document × 2^4 + ordinal, hashes in base 32',
  'dense',
  'dense, hashes in base 32',
  'dense, 24-bit hashes in base 32',
  'one row per document',
  'one row per document, hashes in base 32',
];
for (const layout of layouts) {
  const bits = /2\^(\d+)/.exec(layout)?.[1];
  if (bits && bits !== '24' && longest >= 2 ** Number(bits)) continue;
  const { bytes, postings, seconds: s } = build(passages, layout);
  console.log(`| ${layout} | ${postings} | ${(bytes / 1e6).toFixed(1)} | ${(bytes / postings).toFixed(2)} | ${s.toFixed(1)} |`);
}
