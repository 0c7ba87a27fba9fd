import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../server/pipeline/prepare-document.ts';
import { shingles, words, type Shingle, type ShingleTerm } from '../server/pipeline/quotes/shingles.ts';
import { mulberry32 } from '../bench/corpus.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import type { DocumentKind } from './schema.ts';
import { DocumentWriter } from './document-writer.ts';
import { migrateTo, migrationNames } from './migrate.ts';
import { QuoteCandidatesRepository } from './quote-candidates.repository.ts';

// A small vocabulary, so that shingles repeat across passages and documents: rare, common and in between.
// Words sharing their first five letters (harbour, harbours) meet in one cut shingle.
const WORDS = 'harbour harbours tanker cargo embassy minister source courier payment station ledger 1974 convoy'.split(' ');

function paragraph(random: () => number): string {
  const length = 4 + Math.floor(random() * 10);
  return Array.from({ length }, () => WORDS[Math.floor(random() ** 2 * WORDS.length)]).join(' ') + '.';
}

function doc(ref: string, random: () => number, text?: string, kind: DocumentKind = 'cable') {
  const body = text ?? Array.from({ length: 1 + Math.floor(random() * 5) }, () => paragraph(random)).join('\n\n');
  const prepared = prepareDocument({ ref, body, metadata: {}, kind }, { file: `${ref}.txt`, fileSha256: ref, siblings: 1, index: 0 });
  return { ...prepared, collectionId: 1 };
}

const fits = (word: string | undefined, term: ShingleTerm) =>
  word !== undefined && (term.prefix ? word.startsWith(term.text) : word === term.text);

/** The passages of sources (not reports) whose words hold the shingle, worked out from their text. */
function truth(db: TroveDatabase): (shingle: Shingle) => number[] {
  const rows = db.writerConnection
    .prepare<[], { id: number; body: string; start: number; end: number }>(
      `select p.id, d.body, p.start, p."end" from passage p join document d on d.id = p.document_id where d.kind != 'report' order by p.id`,
    )
    .all()
    .map((r) => ({ id: r.id, words: words(r.body.slice(r.start, r.end)) }));
  return (shingle) =>
    rows.filter((r) => r.words.some((_, i) => shingle.terms.every((term, k) => fits(r.words[i + k], term)))).map((r) => r.id);
}

function allShingles(db: TroveDatabase): Shingle[] {
  const texts = db.writerConnection
    .prepare<[], string>('select substr(d.body, p.start + 1, p."end" - p.start) from passage p join document d on d.id = p.document_id')
    .pluck()
    .all();
  return [...new Map(texts.flatMap((t) => shingles(t)).map((s) => [s.key, s])).values()];
}

describe('quote candidates from the search index', () => {
  let db: TroveDatabase;
  let candidates: QuoteCandidatesRepository;
  let writer: DocumentWriter;
  const random = mulberry32(17);
  const idOf = (ref: string) => db.writerConnection.prepare('select id from document where ref = ?').pluck().get(ref) as number;

  beforeAll(async () => {
    db = await openDatabase(':memory:', { readers: 0 });
    db.writerConnection.prepare(`insert into collection (id, name) values (1, 'c')`).run();
    candidates = new QuoteCandidatesRepository(db);
    writer = new DocumentWriter(db);
    writer.saveAll(
      [
        ...Array.from({ length: 60 }, (_, i) => doc(`C-${i}`, random)),
        // A shingle in two passages, one of them replaced below.
        doc('Q-1', random, 'Quokka wombat.\n\nPlatypus echidna.'),
        doc('Q-2', random, 'Quokka wombat.\n\nHarbour quokka.'),
        // A report quotes the archive: it holds the same words, and is never a candidate source.
        doc('R-1', random, '“Quokka wombat,” the cable said. “Harbours quokka.”', 'report'),
      ],
      new Map(),
    );
  });
  afterAll(() => db.close());

  it('answers postings, counts and conjunctive lookups as the source passages say, and sees documents replaced since', () => {
    // Remembered (as common when in more than one passage) until the database changes.
    const before = allShingles(db);
    for (const shingle of before) candidates.postings(shingle, 1);
    writer.saveAll(
      ['C-3', 'C-40', 'Q-1'].map((ref) => ({ ...doc(ref, random), sha256: `${ref}-again` })),
      new Map(['C-3', 'C-40', 'Q-1'].map((ref) => [ref, idOf(ref)])),
    );
    const holding = truth(db);
    // One was in Q-1 alone, the other in: both found again, not remembered.
    const shingle = (key: string) => before.find((s) => s.key === key)!;
    expect(candidates.postings(shingle('platy echid'), 1)).toEqual([]);
    expect(candidates.postings(shingle('quokk womba'), 1)).toEqual([idOf('Q-2') * 2 ** 24 + 1]);
    // Those of the replaced texts, now in no passage, and those of the new ones.
    const all = [...new Map([...before, ...allShingles(db)].map((s) => [s.key, s])).values()];
    expect(all.filter((s) => holding(s).length === 0).length).toBeGreaterThan(0);
    expect(all.filter((s) => s.key.startsWith('#')).map((s) => s.key)).toEqual(['#1974']);
    for (const shingle of all) {
      const ids = holding(shingle);
      expect(candidates.postings(shingle, 1)).toEqual(ids.length > 1 ? null : ids);
      expect(candidates.postings(shingle, 1000)).toEqual(ids);
      if (ids.length > 0) expect(candidates.postings(shingle, ids.length - 1)).toBeNull();
      expect(candidates.frequency(shingle, 5)).toBe(Math.min(5, ids.length));
    }
    // The cut word stands for every word it begins: "harbo" for harbour and harbours.
    expect(all.find((s) => s.key === 'harbo quokk')!.terms[0]).toEqual({ text: 'harbo', prefix: true });
    expect(
      candidates.postings(
        all.find((s) => s.key === 'harbo quokk')!,
        10,
      ),
    ).toEqual([idOf('Q-2') * 2 ** 24 + 2]);
    expect(
      candidates.postings(
        {
          key: 'zebra okapi',
          terms: [
            { text: 'zebra', prefix: false },
            { text: 'okapi', prefix: false },
          ],
        },
        10,
      ),
    ).toEqual([]);
    // A word FTS5 would read as syntax is only a word.
    expect(
      candidates.postings(
        {
          key: 'x',
          terms: [
            { text: 'a" OR "b', prefix: true },
            { text: 'NEAR(', prefix: false },
          ],
        },
        10,
      ),
    ).toEqual([]);
    // Against a count made here: hits desc, then passage id. `candidates` has read every postings list
    // already; `fresh` has read none, so FTS5 intersects them (or, across passages, reads the other's list).
    const fresh = new QuoteCandidatesRepository(db);
    const passages = new Map(
      db.writerConnection
        .prepare<[], { id: number; text: string }>(
          'select p.id, substr(d.body, p.start + 1, p."end" - p.start) as text from passage p join document d on d.id = p.document_id',
        )
        .all()
        .map((r) => [r.id, new Set(shingles(r.text).map((s) => s.key))]),
    );
    const widened = new Set<string>();
    let checked = 0;
    for (const driver of all.filter((s) => holding(s).length < 40).slice(0, 12)) {
      const others = all.filter((s) => s !== driver).slice(0, 8);
      const has = (id: number, other: Shingle) => holding(other).includes(id);
      for (const around of [0, 1]) {
        const want = holding(driver)
          .map((id) => ({
            passageId: id,
            hits: others.filter((o) =>
              [...Array(2 * around + 1).keys()].some((k) => passages.has(id + k - around) && has(id + k - around, o)),
            ).length,
          }))
          .sort((a, b) => b.hits - a.hits || a.passageId - b.passageId);
        expect(candidates.conjunctive(driver, others, 5, around)).toEqual(want.slice(0, 5));
        expect(fresh.conjunctive(driver, others, 5, around)).toEqual(want.slice(0, 5));
        widened.add(JSON.stringify(want));
        checked++;
      }
    }
    expect(checked).toBe(24);
    // The neighbours counted: around 1 gave other answers than around 0.
    expect(widened.size).toBeGreaterThan(14);
  });
});

describe('migration 0021-drop-quote-index', () => {
  it('drops the quote index and ends a rebuild of it left queued, and goes back to an empty index', async () => {
    const db = await openDatabase(':memory:', { migrate: false, readers: 0 });
    try {
      const mine = migrationNames.indexOf('0021-drop-quote-index');
      await migrateTo(db.writer, migrationNames[mine - 1]!);
      db.writerConnection.prepare(`insert into passage_shingle_fts (rowid, hashes) values (5, '1 2 3')`).run();
      const job = (kind: string, state: string) =>
        db.writerConnection
          .prepare(`insert into job (kind, state, unit, created_by) values (?, ?, 'passages', 'cli:x') returning id`)
          .pluck()
          .get(kind, state);
      const queued = job('quotes.index', 'queued');
      const relink = job('quotes.relink', 'queued');
      await migrateTo(db.writer, '0021-drop-quote-index');
      const tables = () =>
        db.writerConnection.prepare(`select name from sqlite_master where name like 'passage_shingle%' order by name`).pluck().all();
      expect(tables()).toEqual([]);
      const state = db.writerConnection.prepare('select state from job where id = ?').pluck();
      expect([state.get(queued), state.get(relink)]).toEqual(['cancelled', 'queued']);
      await migrateTo(db.writer, migrationNames[mine - 1]!);
      expect(tables()).toContain('passage_shingle_fts');
      expect(db.writerConnection.prepare('select count(*) from passage_shingle_fts').pluck().get()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
