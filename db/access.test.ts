import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { ANONYMOUS, OPERATOR } from './access.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { SearchRepository } from './search.repository.ts';

// Synthetic documents, imported one at a time so that hidden and visible ids interleave: the check skips
// its lookup for hits outside the hidden ids' bounds, and must still look up those inside them.
const ORDER = [
  ['VLT-1', 'restricted'],
  ['PUB-1', 'public'],
  ['VLT-2', 'restricted'],
  ['PUB-2', 'public'],
  ['VLT-3', 'restricted'],
  ['PUB-3', 'public'],
] as const;

let file: { path: string; cleanup(): void };
let db: TroveDatabase;

beforeAll(async () => {
  file = await createTestDatabase();
  const writer = await openDatabase(file.path, { readers: 0 });
  for (const [ref, visibility] of ORDER) {
    await addDocuments(
      writer,
      [{ ref, body: `The courier's ledger, entry ${ref}.` }],
      visibility === 'public' ? 'open' : 'vault',
      visibility,
    );
  }
  await writer.close();
  db = await openDatabase(file.path);
});
afterAll(async () => {
  await db.close();
  file.cleanup();
});

describe('documents out of reach, their ids among readable ones', () => {
  const refs = async (scope: typeof ANONYMOUS) =>
    (await new SearchRepository(db).rankedPassages('"ledger"', {}, scope, 50)).map((p) => p.ref).sort();

  it('a search finds the readable documents below, between and above the hidden ones, and none of these', async () => {
    expect(await refs(ANONYMOUS)).toEqual(['PUB-1', 'PUB-2', 'PUB-3']);
    expect(await refs(OPERATOR)).toEqual(['PUB-1', 'PUB-2', 'PUB-3', 'VLT-1', 'VLT-2', 'VLT-3']);
  });

  it("a deep page's rows, read apart from their ranking, keep to the scope too", async () => {
    const repository = new SearchRepository(db);
    const everything = await repository.rankedHits('"ledger"', {}, OPERATOR, 50);
    expect(everything).toHaveLength(6);
    const rows = await repository.resultPassages(everything, ANONYMOUS);
    expect(rows.map((r) => r.ref).sort()).toEqual(['PUB-1', 'PUB-2', 'PUB-3']);
    const scores = new Map(everything.map((h) => [h.passageId, h.score]));
    for (const row of rows) expect(row.score).toBe(scores.get(row.passageId));
  });

  it('facets count the same documents', async () => {
    const counts = await new SearchRepository(db).facets('"ledger"', {}, ANONYMOUS, 100);
    expect(counts.total).toBe(3);
    expect(counts.facets.collection).toEqual([{ value: 'open', count: 3 }]);
  });
});
