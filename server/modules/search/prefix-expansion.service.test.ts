import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VocabularyRepository } from '../../../db/vocabulary.repository.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { toFtsMatch } from '../../../db/fts.ts';
import { parseQuery } from '../../pipeline/query-parser.ts';
import { CATCH_UP_DOCUMENTS, MAX_PREFIX_WORDS, PrefixExpansionService } from './prefix-expansion.service.ts';
import type { SearchResponse } from './search.schemas.ts';

// Synthetic cables: "ledg" begins three words; "x" begins more words than a prefix is expanded to.
const CABLES = [
  { ref: 'PFX-1', body: 'The ledger was signed.' },
  { ref: 'PFX-2', body: 'Two ledgers arrived at the station.' },
  { ref: 'PFX-3', body: 'A ledgerbook was kept by the courier.' },
  { ref: 'PFX-4', title: 'Ledge report', body: 'Nothing else to say.' },
  { ref: 'PFX-5', body: 'The legal adviser met the courier.' },
  { ref: 'PFX-6', body: Array.from({ length: MAX_PREFIX_WORDS + 1 }, (_, i) => `x${i}`).join(' ') },
];

let t: TestApp;
let vocabulary: VocabularyRepository;
let prefixes: PrefixExpansionService;

beforeAll(async () => {
  t = await createTestApp((db) => addDocuments(db, CABLES));
  vocabulary = new VocabularyRepository(t.db);
  prefixes = new PrefixExpansionService(vocabulary);
});
afterAll(async () => t.close());

const matchOf = (q: string) => toFtsMatch(prefixes.expand(parseQuery(q)));

async function refs(q: string): Promise<string[]> {
  const response = await t.app.inject(`/api/search?q=${encodeURIComponent(q)}&rank=all`);
  expect(response.statusCode).toBe(200);
  return (response.json() as SearchResponse).results.map((r) => r.document.ref).sort();
}

describe('prefixes searched as the words they stand for', () => {
  it('bring the vocabulary up to date first when few documents were written since its refresh', async () => {
    expect(vocabulary.isCurrent()).toBe(false);
    expect(matchOf('ledg*')).toBe('("ledge" OR "ledger" OR "ledgerbook" OR "ledgers")');
    expect(vocabulary.isCurrent()).toBe(true);
    expect(await refs('ledg*')).toEqual(['PFX-1', 'PFX-2', 'PFX-3', 'PFX-4']);
  });

  it('search each word the prefix begins, with the same results as the prefix', async () => {
    expect(matchOf('title:ledg*')).toBe('(title : "ledge" OR title : "ledger" OR title : "ledgerbook" OR title : "ledgers")');
    expect(await refs('title:ledg*')).toEqual(['PFX-4']);
  });

  it('keep their place: inside an OR group, beside other words, and among excluded words', async () => {
    expect(matchOf('courier ledg*')).toBe('"courier" AND ("ledge" OR "ledger" OR "ledgerbook" OR "ledgers")');
    expect(await refs('courier ledg*')).toEqual(['PFX-3']);
    expect(await refs('courier -ledg*')).toEqual(['PFX-5']);
    expect(await refs('legal OR ledgerb*')).toEqual(['PFX-3', 'PFX-5']);
  });

  it('leave a prefix of too many words, of none, or of a hyphenated word (a phrase) as written', async () => {
    expect(matchOf('x*')).toBe('"x" *');
    expect(await refs('x*')).toEqual(['PFX-6']);
    expect(matchOf('zz*')).toBe('"zz" *');
    // A hyphenated word is a phrase of its parts.
    expect(matchOf('the-ledg*')).toBe('"the ledg" *');
  });

  it('highlight as the query was written', async () => {
    const response = await t.app.inject(`/api/search?q=${encodeURIComponent('ledg*')}`);
    const snippets = (response.json() as SearchResponse).results.flatMap((r) => r.passages.map((p) => p.snippet));
    expect(snippets.some((s) => s.includes('\u0002ledgers\u0003'))).toBe(true);
  });

  it('rank a search of more words than SQLite lets a function take arguments (one count each)', async () => {
    const prefixes = Array.from({ length: 63 }, (_, i) => `k${10 + i}`);
    const words = prefixes.flatMap((p) => Array.from({ length: MAX_PREFIX_WORDS }, (_, i) => `${p}${'abcdefghijklmnopqrstuvwxyz'[i]}`));
    await addDocuments(t.db, [{ ref: 'PFX-MANY', body: words.join(' ') }]);
    // OR: the document is long enough to be several passages, and a search matches passages.
    const q = prefixes.map((p) => `${p}*`).join(' OR ');
    expect((matchOf(q) ?? '').split('"').length / 2).toBeGreaterThan(1000);
    expect(await refs(q)).toEqual(['PFX-MANY']);
  });

  it('add a document that arrives after the refresh before expanding', async () => {
    await addDocuments(t.db, [{ ref: 'PFX-7', body: 'The ledgerman came late.' }]);
    expect(matchOf('ledg*')).toBe('("ledge" OR "ledger" OR "ledgerbook" OR "ledgerman" OR "ledgers")');
    expect(await refs('ledg*')).toEqual(['PFX-1', 'PFX-2', 'PFX-3', 'PFX-4', 'PFX-7']);
  });

  it('search the prefix as written while more documents than it catches up on are new', async () => {
    await addDocuments(
      t.db,
      Array.from({ length: CATCH_UP_DOCUMENTS + 1 }, (_, i) => ({ ref: `PFX-BULK-${i}`, body: `Ledgered entry ${i}.` })),
    );
    expect(matchOf('ledg*')).toBe('"ledg" *');
    expect(vocabulary.isCurrent()).toBe(false);
    const response = await t.app.inject(`/api/search?q=${encodeURIComponent('ledg*')}`);
    expect((response.json() as SearchResponse).total).toBe(5 + CATCH_UP_DOCUMENTS + 1);
    vocabulary.refresh();
  });

  it('search the prefix as written, without waiting, while another connection holds the write lock', async () => {
    await addDocuments(t.db, [{ ref: 'PFX-8', body: 'The ledgerkeeper came later.' }]);
    const other = new BetterSqlite3(t.db.path);
    try {
      other.exec('begin immediate');
      const started = performance.now();
      expect(matchOf('ledg*')).toBe('"ledg" *');
      expect(performance.now() - started).toBeLessThan(1000);
      other.exec('rollback');
    } finally {
      other.close();
    }
    expect(matchOf('ledg*')).toContain('"ledgerkeeper"');
  });
});
