import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../server/pipeline/prepare-document.ts';
import { shingles } from '../server/pipeline/quotes/shingles.ts';
import { mulberry32 } from '../bench/corpus.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { DocumentWriter } from './document-writer.ts';
import { migrateTo, migrationNames } from './migrate.ts';
import { QuoteIndexRepository } from './quote-index.repository.ts';

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
    { file: `${ref}.txt`, fileSha256: ref, siblings: 1, index: 0 },
  );
  return { ...prepared, collectionId: 1 };
}

/** The index as it should be: every source passage's shingles, from its text. */
function expected(db: TroveDatabase): Map<number, Set<number>> {
  const rows = db.writerConnection
    .prepare<[], { id: number; body: string; start: number; end: number }>(
      'select p.id, d.body, p.start, p."end" from passage p join document d on d.id = p.document_id order by p.id',
    )
    .all();
  return new Map(rows.map((r) => [r.id, new Set(shingles(r.body.slice(r.start, r.end)))]));
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
        cable('Q-2', random, 'Quokka wombat.\n\nHarbour quokka.'),
      ],
      new Map(),
    );
  });
  afterAll(() => db.close());

  it('is not written before it is built, then answers postings, counts and conjunctive lookups as the passages say', () => {
    expect(index.inUse()).toBe(false);
    expect(index.rebuild()).toBeGreaterThan(60);
    const before = expected(db);
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
      ['C-3', 'C-40', 'Q-1'].map((ref) => ({ ...cable(ref, random), sha256: `${ref}-again` })),
      replaced,
    );
    const truth = expected(db);
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
    // Against a count made here: hits desc, then passage id.
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
            passageId: id,
            hits: others.filter((o) => [...Array(2 * around + 1).keys()].some((k) => truth.get(id + k - around)?.has(o))).length,
          }))
          .sort((a, b) => b.hits - a.hits || a.passageId - b.passageId);
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
      expect(new QuoteIndexRepository(db).inUse()).toBe(false);
      await migrateTo(db.writer, migrationNames[mine - 1]!);
      expect(tables()).toEqual(['passage_shingle']);
    } finally {
      await db.close();
    }
  });
});
