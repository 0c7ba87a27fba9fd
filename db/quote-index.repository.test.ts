import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument, sha256 } from '../server/pipeline/prepare-document.ts';
import { shingles } from '../server/pipeline/quotes/shingles.ts';
import { neighbourRow, quoteIndexRow } from '../server/pipeline/quotes/index-rows.ts';
import { mulberry32 } from '../bench/corpus.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { DocumentWriter } from './document-writer.ts';
import { migrateTo, migrationNames } from './migrate.ts';
import { base32, QuoteIndexRepository, shingleTokens } from './quote-index.repository.ts';

// A small vocabulary, so that shingles repeat across passages and documents: rare, common and in between.
const WORDS = 'harbour tanker cargo embassy minister source courier payment station ledger 1974 convoy'.split(' ');

function paragraph(random: () => number): string {
  const length = 4 + Math.floor(random() * 10);
  return Array.from({ length }, () => WORDS[Math.floor(random() ** 2 * WORDS.length)]).join(' ') + '.';
}

function cable(ref: string, random: () => number, text?: string) {
  const body = text ?? Array.from({ length: 1 + Math.floor(random() * 5) }, () => paragraph(random)).join('\n\n');
  const prepared = prepareDocument(
    { ref, body, metadata: {}, kind: 'cable' },
    { file: `${ref}.txt`, fileSha256: sha256(ref), siblings: 1, index: 0 },
  );
  return { ...prepared, collectionId: 1 };
}

/** The index as it should be: each row's shingles (index-rows.ts), from the texts of its passages. */
function expected(db: TroveDatabase): Map<number, Set<number>> {
  const passages = db.writerConnection
    .prepare<[], { document: number; body: string; start: number; end: number }>(
      'select d.id as document, unpack_body(d.body_packed) as body, p.start, p."end" from passage p join document d on d.id = p.document_id order by p.id',
    )
    .all();
  const truth = new Map<number, Set<number>>();
  for (const document of new Set(passages.map((p) => p.document))) {
    const own = passages.filter((p) => p.document === document);
    own.forEach((p, place) => {
      const hashes = shingles(p.body.slice(p.start, p.end));
      if (hashes.length === 0) return;
      const row = quoteIndexRow(document, place, own.length);
      truth.set(row, new Set([...(truth.get(row) ?? []), ...hashes]));
    });
  }
  return new Map([...truth].sort(([a], [b]) => a - b));
}

describe('quote index', () => {
  let db: TroveDatabase;
  let index: QuoteIndexRepository;
  let writer: DocumentWriter;
  const random = mulberry32(17);

  beforeAll(async () => {
    db = await openDatabase(':memory:', { readers: 0 });
    db.writerConnection.prepare(`insert into collection (id, name) values (1, 'c')`).run();
    index = new QuoteIndexRepository(db);
    writer = new DocumentWriter(db);
    writer.saveAll(
      [
        ...Array.from({ length: 60 }, (_, i) => cable(`C-${i}`, random)),
        // A shingle in two passages, one of them replaced below.
        cable('Q-1', random, 'Quokka wombat.'),
        // More than 64 passages: two to a row.
        cable('L-1', random, Array.from({ length: 70 }, () => paragraph(random)).join('\n\n')),
        cable('Q-2', random, 'Quokka wombat.\n\nHarbour quokka.'),
      ],
      new Map(),
    );
  });
  afterAll(() => db.close());

  it('is not written before it is built, then answers postings, counts and conjunctive lookups as the passages say', () => {
    expect(index.inUse()).toBe(false);
    expect(index.rebuild()).toBeGreaterThan(130);
    const before = expected(db);
    const stored = () => db.writerConnection.prepare('select rowid from passage_shingle_fts order by rowid').pluck().all();
    expect(stored()).toEqual([...before.keys()]);
    // Remembered as common (in more than one passage) until the database changes.
    for (const hash of new Set([...before.values()].flatMap((s) => [...s]))) index.postings(hash, 1);
    // Replaced documents drop their old rows and gain the new ones (by rowid, without hashing the old text).
    const replaced = new Map(
      ['C-3', 'C-40', 'Q-1'].map((ref) => [
        ref,
        db.writerConnection.prepare('select id from document where ref = ?').pluck().get(ref) as number,
      ]),
    );
    writer.saveAll(
      ['C-3', 'C-40', 'Q-1'].map((ref) => ({ ...cable(ref, random), sha256: sha256(`${ref}-again`) })),
      replaced,
    );
    const truth = expected(db);
    expect(stored()).toEqual([...truth.keys()]);
    const hashes = [...new Set([...truth.values()].flatMap((s) => [...s]))];
    const holding = (hash: number) => [...truth].filter(([, s]) => s.has(hash)).map(([id]) => id);
    const gone = hashes.filter((hash) => holding(hash).length === 1 && [...before.values()].filter((s) => s.has(hash)).length > 1);
    expect(gone.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(index.postings(hash, 1)).toEqual(holding(hash).length > 1 ? null : holding(hash));
    for (const hash of hashes) {
      const ids = holding(hash);
      expect(index.postings(hash, 1000)).toEqual(ids);
      expect(index.postings(hash, ids.length - 1)).toBeNull();
      expect(index.frequency(hash, 5)).toBe(Math.min(5, ids.length));
    }
    expect(index.postings(12345, 10)).toEqual([]);
    // Against a count made here: hits desc, then row.
    // `index` has read every postings list already; `fresh` has read none, so FTS5 intersects them or it
    // reads the other shingle's list; `seeking` reads no list to check the neighbours: it seeks each one.
    const fresh = new QuoteIndexRepository(db);
    const seeking = new QuoteIndexRepository(db, 0);
    const widened = new Set<string>();
    let checked = 0;
    for (const driver of hashes.filter((h) => holding(h).length < 40).slice(0, 12)) {
      const others = hashes.filter((h) => h !== driver).slice(0, 8);
      for (const around of [0, 1]) {
        const want = holding(driver)
          .map((id) => ({
            row: id,
            hits: others.filter((o) => [...Array(2 * around + 1).keys()].some((k) => truth.get(neighbourRow(id, k - around) ?? -1)?.has(o)))
              .length,
          }))
          .sort((a, b) => b.hits - a.hits || a.row - b.row);
        expect(index.conjunctive(driver, others, 5, around)).toEqual(want.slice(0, 5));
        expect(fresh.conjunctive(driver, others, 5, around)).toEqual(want.slice(0, 5));
        expect(seeking.conjunctive(driver, others, 5, around)).toEqual(want.slice(0, 5));
        widened.add(JSON.stringify(want));
        checked++;
      }
    }
    expect(checked).toBe(24);
    // The neighbours counted: around 1 gave other answers than around 0.
    expect(widened.size).toBeGreaterThan(14);
  });
});

describe('migration 0017-quote-index-fts', () => {
  it('replaces the b-tree with an empty FTS5 index, which linking rebuilds, and goes back', async () => {
    const db = await openDatabase(':memory:', { migrate: false, readers: 0 });
    try {
      const mine = migrationNames.indexOf('0017-quote-index-fts');
      await migrateTo(db.writer, migrationNames[mine - 1]!);
      db.writerConnection.prepare('insert into passage_shingle (hash, passage_id) values (1, 2)').run();
      await migrateTo(db.writer, '0017-quote-index-fts');
      const tables = () =>
        db.writerConnection.prepare(`select name from sqlite_master where name like 'passage_shingle%' order by name`).pluck().all();
      expect(tables()).toContain('passage_shingle_fts');
      expect(tables()).not.toContain('passage_shingle');
      expect(db.writerConnection.prepare('select count(*) from passage_shingle_fts').pluck().get()).toBe(0);
      await migrateTo(db.writer, migrationNames[mine - 1]!);
      expect(tables()).toEqual(['passage_shingle']);
    } finally {
      await db.close();
    }
  });
});

describe('quote index tokens', () => {
  it('write each hash in base 32, as toString(32) would', () => {
    for (const hash of [0, 1, 31, 32, 1023, 1024, 2 ** 31, 2 ** 32 - 1, ...shingles('the courier paid 3016 dinars')]) {
      expect(base32(hash)).toBe(hash.toString(32));
    }
    expect(shingleTokens([5, 4294967295, 32])).toBe('5 3vvvvvv 10');
  });
});

describe('migration 0021-quote-index-rows', () => {
  it('empties the quote index, which linking rebuilds with its new rows, and empties it again going down', async () => {
    const db = await openDatabase(':memory:', { migrate: false, readers: 0 });
    try {
      // Written by this code, then taken back to the layout before 0021 with rows numbered by passage.
      await migrateTo(db.writer, migrationNames.at(-1)!);
      db.writerConnection.prepare(`insert into collection (id, name) values (1, 'c')`).run();
      new DocumentWriter(db).saveAll([cable('M-1', mulberry32(3), 'Quokka wombat.\n\nNumbat dingo.')], new Map());
      await migrateTo(db.writer, '0020-mention-storage');
      const passages = db.writerConnection.prepare('select id from passage order by id').pluck().all() as number[];
      const insert = db.writerConnection.prepare('insert into passage_shingle_fts (rowid, hashes) values (?, ?)');
      for (const id of passages) insert.run(id, '12345');
      await migrateTo(db.writer, '0021-quote-index-rows');
      const count = db.writerConnection.prepare('select count(*) from passage_shingle_fts').pluck();
      expect(count.get()).toBe(0);
      await migrateTo(db.writer, migrationNames.at(-1)!);
      const index = new QuoteIndexRepository(db);
      expect(index.inUse()).toBe(false);
      expect(index.rebuild()).toBe(2);
      const rows = () => db.writerConnection.prepare('select rowid from passage_shingle_fts order by rowid').pluck().all();
      const document = db.writerConnection.prepare(`select id from document where ref = 'M-1'`).pluck().get() as number;
      expect(rows()).toEqual([quoteIndexRow(document, 0, 2), quoteIndexRow(document, 1, 2)]);
      await migrateTo(db.writer, '0020-mention-storage');
      expect(rows()).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
