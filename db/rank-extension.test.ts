import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { OPERATOR } from './access.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { documentSetsAvailable, rankExtensionAvailable } from './rank-extension.mjs';
import { SearchRepository } from './search.repository.ts';
import { VocabularyRepository } from './vocabulary.repository.ts';

// Synthetic cables, written for this test: "courier" is common, "ledger" rare, and one title holds a word.
const CABLES = [
  { ref: 'R-1', title: 'Courier schedule', body: 'The courier left at dawn.\n\nNo courier came back.' },
  { ref: 'R-2', body: 'The courier, the courier and the ledger.' },
  { ref: 'R-3', body: 'A ledger of payments to the courier network, kept by the station.' },
  { ref: 'R-4', body: 'Nothing of note at the checkpoint.' },
  { ref: 'R-5', body: 'The station asked for a second courier and a new ledger for the border crossing this week.' },
];

let db: TroveDatabase;
beforeEach(async () => {
  db = await openDatabase(':memory:');
  await addDocuments(db, CABLES);
  new VocabularyRepository(db).refresh();
});
afterEach(async () => db.close());

const scores = (sql: string, match: string) =>
  db.writerConnection
    .prepare<[string], { rowid: number; score: number }>(
      `select rowid, ${sql} as score from passage_fts where passage_fts match ? order by rowid`,
    )
    .all(match);

describe('trove_bm25', () => {
  it('is built at install and loaded into every connection', () => {
    expect(rankExtensionAvailable()).toBe(true);
  });

  it.each([
    '"courier"',
    '"courier" "ledger"',
    '"courier" OR "station"',
    '"courier" NOT "ledger"',
    'title : "courier"',
    '"the courier"',
    '"led" *',
  ])('scores %s as bm25() does when it counts the passages itself', (match) => {
    const expected = scores('bm25(passage_fts, 1.0, 4.0)', match);
    const phrases = match.split('"').length / 2 - 0.5;
    const unknown = Array.from({ length: phrases }, () => -1).join(' ');
    const actual = scores(`trove_bm25(passage_fts, 1.0, 4.0, '${unknown}')`, match);
    expect(expected.length).toBeGreaterThan(0);
    expect(actual.map((r) => r.rowid)).toEqual(expected.map((r) => r.rowid));
    actual.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 12));
  });

  it('uses the passage counts it is given instead of counting', () => {
    const counted = scores(`trove_bm25(passage_fts, 1.0, 4.0, '-1')`, '"checkpoint"');
    // Told "checkpoint" is in every passage, its inverse frequency drops to the floor and every score with it.
    const toldCommon = scores(`trove_bm25(passage_fts, 1.0, 4.0, '1000000')`, '"checkpoint"');
    const toldExact = scores(`trove_bm25(passage_fts, 1.0, 4.0, '1')`, '"checkpoint"');
    expect(toldExact).toEqual(counted);
    for (const row of toldCommon) expect(Math.abs(row.score)).toBeLessThan(1e-5);
    expect(Math.abs(counted[0]!.score)).toBeGreaterThan(0.1);
  });

  it('takes the counts of more phrases than SQLite lets a function take arguments, and counts those it is not told', () => {
    // 1,200 phrases: one argument each would pass SQLITE_MAX_FUNCTION_ARG (1,000).
    const match = ['"courier"', ...Array.from({ length: 1199 }, (_, i) => `"absent${i}"`)].join(' OR ');
    const expected = scores('bm25(passage_fts, 1.0, 4.0)', match);
    const told = scores(`trove_bm25(passage_fts, 1.0, 4.0, '${['-1', ...Array.from({ length: 1199 }, () => '0')].join(' ')}')`, match);
    const fewer = scores(`trove_bm25(passage_fts, 1.0, 4.0, '-1 0 0')`, match);
    expect(expected.length).toBeGreaterThan(0);
    for (const actual of [told, fewer]) {
      expect(actual.map((r) => r.rowid)).toEqual(expected.map((r) => r.rowid));
      actual.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 12));
    }
  });

  it('ranks a search with the vocabulary’s counts in the same order as bm25()', async () => {
    const search = new SearchRepository(db);
    const vocabulary = new VocabularyRepository(db);
    for (const words of [['courier'], ['courier', 'ledger'], ['station', 'ledger']]) {
      const match = words.map((w) => `"${w}"`).join(' OR ');
      const frequencies = words.map((w) => vocabulary.passagesHolding(w)!);
      const plain = await search.rankedPassages(match, {}, OPERATOR, 20);
      const counted = await search.rankedPassages(match, {}, OPERATOR, 20, 20_000, frequencies);
      expect(counted.map((r) => r.passageId)).toEqual(plain.map((r) => r.passageId));
      counted.forEach((r, i) => expect(r.score).toBeCloseTo(plain[i]!.score, 9));
    }
  });

  it('ranks on the reader threads too, where searches run in the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trove-rank-'));
    const path = join(dir, 'trove.db');
    const writer = await openDatabase(path, { readers: 0 });
    await addDocuments(writer, CABLES);
    await writer.close();
    const threaded = await openDatabase(path, { readers: 2 });
    try {
      const search = new SearchRepository(threaded);
      const plain = await search.rankedPassages('"courier"', {}, OPERATOR, 20);
      const counted = await search.rankedPassages('"courier"', {}, OPERATOR, 20, 20_000, [-1]);
      expect(plain.length).toBeGreaterThan(1);
      expect(counted.map((r) => [r.passageId, r.score])).toEqual(plain.map((r) => [r.passageId, r.score]));
    } finally {
      await threaded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('trove_in_set', () => {
  it('reads bit `id` of the blob, and is false past its end, below zero and without a blob', () => {
    const bits = Buffer.from([0b0000_0101, 0b1000_0000]);
    const inSet = (id: number, set: Buffer | null = bits) =>
      db.writerConnection.prepare<[number, Buffer | null], number>('select trove_in_set(?, ?)').pluck().get(id, set);
    expect([0, 1, 2, 3, 8, 15].map((id) => inSet(id))).toEqual([1, 0, 1, 0, 0, 1]);
    expect([16, 1_000_000, -1].map((id) => inSet(id))).toEqual([0, 0, 0]);
    expect(inSet(2, null)).toBe(0);
  });

  it('is found where it was loaded, and missing from a connection without the extension', () => {
    expect(documentSetsAvailable(db.writerConnection)).toBe(true);
    const bare = new BetterSqlite3(':memory:');
    try {
      expect(documentSetsAvailable(bare)).toBe(false);
    } finally {
      bare.close();
    }
  });
});
