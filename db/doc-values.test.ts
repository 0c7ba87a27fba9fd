// The facet values kept per document (doc-values.mjs): a byte a document until a facet has more values than fit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
