import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestDatabase } from '../../../fixtures/test-db.ts';
import { buildApp } from '../../app.ts';
import type { SearchResponse } from './search.schemas.ts';

// Synthetic cables: six match "ledger", two of them reports; a restricted one matches too.
const DOCS = Array.from({ length: 6 }, (_, i) => ({
  ref: `LDG-${i}`,
  kind: i < 2 ? ('report' as const) : ('cable' as const),
  body: `The ledger entry number ${i} was signed.`,
}));

let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  const file = await createTestDatabase();
  const db = await openDatabase(file.path, { readers: 0 });
  await addDocuments(db, [{ ref: 'VLT-1', body: 'The ledger of the vault.' }], 'vault', 'restricted');
  await addDocuments(db, DOCS);
  await db.close();
  app = await buildApp({ databasePath: file.path, facetLimit: 3 });
  close = async () => {
    await app.close();
    file.cleanup();
  };
});
afterAll(async () => close());

async function search(query: string): Promise<SearchResponse> {
  const response = await app.inject(`/api/search?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('facets past the facet limit', () => {
  it('say approximate, count at most the limit as lower bounds, and so does the total', async () => {
    const body = await search('q=ledger');
    expect(body).toMatchObject({ total: 3, totalLowerBound: true, totalApproximate: false });
    expect(body.facets.approximate).toBe(true);
    const kinds = Object.fromEntries(body.facets.kind.map((f) => [f.value, f.count]));
    expect(kinds.cable! + (kinds.report ?? 0)).toBe(3);
    expect(kinds.cable ?? 0).toBeLessThanOrEqual(4);
    expect(kinds.report ?? 0).toBeLessThanOrEqual(2);
    expect(body.facets.collection).toEqual([{ value: 'test', count: 3 }]);
  });

  it('count every match with rank=all, hidden ones still not', async () => {
    const body = await search('q=ledger&rank=all');
    expect(body).toMatchObject({ total: 6, totalLowerBound: false, facets: { approximate: true } });
  });

  it('are exact below the limit', async () => {
    const body = await search('q=ledger&kind=report');
    expect(body).toMatchObject({
      total: 2,
      totalApproximate: false,
      totalLowerBound: false,
      facets: { approximate: false, kind: [{ value: 'report', count: 2 }] },
    });
  });

  it('browsing past the limit, keep a total taken without counting every match, exact on a small archive', async () => {
    expect(await search('kind=cable')).toMatchObject({ total: 4, totalApproximate: false, facets: { approximate: true } });
  });

  it('are exact, and not approximate, when nothing matches', async () => {
    expect((await search('q=nowhere')).facets).toMatchObject({ approximate: false, kind: [] });
  });
});
