// The facet values kept per document (doc-values.mjs): a byte a document until a facet has more values than fit,
// and the counts they make under a limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { addEntityRows } from '../fixtures/search-entities.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { DocValues } from './doc-values.mjs';

let db: TroveDatabase;
const ORIGINS = 300;

beforeAll(async () => {
  db = await openDatabase(':memory:', { readers: 0 });
  const c = db.writerConnection;
  c.prepare(`insert into collection (name, visibility) values ('wide', 'public')`).run();
  const add = c.prepare(
    `insert into document (collection_id, ref, kind, date, language, origin, sha256, body_packed) values (1, ?, 'cable', ?, 'en', ?, ?, '')`,
  );
  // More origins than a byte can number: the origin column widens to two bytes while it loads.
  c.transaction(() => {
    for (let i = 0; i < ORIGINS; i++) add.run(`W-${i}`, `${2000 + (i % 10)}-01-01`, `station ${i}`, `sha-${i}`);
  })();
});

afterAll(async () => {
  await db.close();
});

describe('facet values of many distinct values', () => {
  it('count a document whose value came after the 256th as its own, and keep the other facets at a byte a document', () => {
    const values = new DocValues(db.writerConnection);
    const ids = (refs: string[]) => `select id as document_id from document where ref in (${refs.map((r) => `'${r}'`).join(', ')})`;
    const { facets } = values.count(ids(['W-0', 'W-255', 'W-299']), []);
    expect(facets.origin.map((f) => f.value).sort()).toEqual(['station 0', 'station 255', 'station 299']);
    expect(facets.year.map((f) => f.value).sort()).toEqual(['2000', '2005', '2009']);
    // Document ids from 1: a column has an entry for each id up to the last. Four of a byte, the origins of two.
    expect(values.bytes().shared).toBe((4 + 2) * (ORIGINS + 1));
  });
});

describe('facet counts under a limit, over the passages of a text search', () => {
  // Synthetic cables: every paragraph has "ledger", so a document holds many matching passages, some one only.
  const paragraphs = (n: number, i: number) => Array.from({ length: n }, (_, p) => `Ledger entry ${p} of cable ${i}.`).join('\n\n');
  const MATCHING = `select f.rowid as passage_id from passage_fts f where passage_fts match 'ledger'`;
  const DOCUMENTS = 40;
  let text: TroveDatabase;

  beforeAll(async () => {
    text = await openDatabase(':memory:', { readers: 0 });
    const docs = Array.from({ length: DOCUMENTS }, (_, i) => ({
      ref: `L-${i}`,
      kind: i % 3 === 0 ? ('report' as const) : ('cable' as const),
      // Thin documents first, then fat ones: the pieces must outgrow the rate they began with.
      body: paragraphs(i < 10 ? 1 : 20, i),
    }));
    await addDocuments(text, docs);
    // A mention makes the count go by passage (entities count in the matching passages only).
    addEntityRows(text, { name: 'the ledger', mentions: docs.map((d) => ({ ref: d.ref, text: 'Ledger entry 0' })) });
  });
  afterAll(async () => text.close());

  it('count exactly the first documents up to the limit, however many passages each has, and the rest as a lower bound', () => {
    const values = new DocValues(text.writerConnection);
    const all = values.count(MATCHING, []);
    expect(all).toMatchObject({ total: DOCUMENTS, approximate: false });
    for (const limit of [1, 2, 5, 11, 30, 39]) {
      const capped = values.count(MATCHING, [], limit);
      expect(capped).toMatchObject({ total: DOCUMENTS, approximate: true });
      const kinds = Object.fromEntries(capped.facets.kind.map((k) => [k.value, k.count]));
      // Documents arrive in id order: the first `limit` of them, a report every third.
      const reports = Array.from({ length: limit }, (_, i) => i).filter((i) => i % 3 === 0).length;
      expect(kinds).toEqual(reports === limit ? { report: reports } : { cable: limit - reports, report: reports });
      expect(capped.facets.entity).toEqual([expect.objectContaining({ value: 'the ledger', count: limit })]);
    }
    expect(values.count(MATCHING, [], DOCUMENTS)).toMatchObject({ total: DOCUMENTS, approximate: false });
  });
});
