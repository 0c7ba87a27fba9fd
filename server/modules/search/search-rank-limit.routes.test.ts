import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import type { SearchResponse } from './search.schemas.ts';

// Synthetic cables, in archive order: eight that name the ledger once in a long paragraph, then one that names it in a
// short one, three times, which bm25 ranks first. Six restricted ones name the courier, written first.
const FILLER = 'The station reported on the border crossings, the weather and the roads for the week.';
const PLAIN = Array.from({ length: 8 }, (_, i) => ({ ref: `LDG-${i}`, body: `${FILLER} The ledger entry ${i} was filed. ${FILLER}` }));
const BEST = { ref: 'LDG-BEST', body: 'Ledger, ledger, ledger.' };
const VAULT = Array.from({ length: 6 }, (_, i) => ({ ref: `VLT-${i}`, body: `The courier carried the ledger ${i}.` }));
const RANK_LIMIT = 5;

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp(
    async (db) => {
      await addDocuments(db, VAULT, 'vault', 'restricted');
      await addDocuments(db, [...PLAIN, BEST]);
      await addDocuments(db, [{ ref: 'CUR-1', body: 'A courier came at noon.' }]);
    },
    { rankLimit: RANK_LIMIT },
  );
});
afterAll(async () => t.close());

async function search(query: string): Promise<SearchResponse> {
  const response = await t.app.inject(`/api/search?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

const refs = (body: SearchResponse) => body.results.map((r) => r.document.ref);

describe('ranking past the rank limit', () => {
  it('ranks the first matches in archive order, and says so', async () => {
    const body = await search('q=ledger');
    expect(body.rankedAmong).toBe(RANK_LIMIT);
    expect(body.total).toBe(9);
    // The best passage is the ninth match, past the limit: the results are the first five.
    expect(refs(body).sort()).toEqual(['LDG-0', 'LDG-1', 'LDG-2', 'LDG-3', 'LDG-4']);
  });

  it('ranks every match when asked, best first', async () => {
    const body = await search('q=ledger&rank=all');
    expect(body.rankedAmong).toBeNull();
    expect(refs(body)[0]).toBe('LDG-BEST');
    expect(body.results).toHaveLength(9);
  });

  it('pages through the same ranked matches', async () => {
    const first = await search('q=ledger&pageSize=3');
    const second = await search('q=ledger&pageSize=3&page=2');
    const third = await search('q=ledger&pageSize=3&page=3');
    expect(second.rankedAmong).toBe(RANK_LIMIT);
    expect([...refs(first), ...refs(second)].sort()).toEqual(['LDG-0', 'LDG-1', 'LDG-2', 'LDG-3', 'LDG-4']);
    expect(third.results).toEqual([]);
  });

  it('does not apply under the limit', async () => {
    const body = await search('q=ledger&kind=cable&from=2099-01-01');
    expect(body).toMatchObject({ total: 0, rankedAmong: null });
    expect(await search('q="ledger entry 3"')).toMatchObject({ total: 1, rankedAmong: null });
  });

  it('counts only passages the reader may see: hidden matches never make a search look limited', async () => {
    // Seven passages name the courier, six of them restricted; a reader who may not see them has one match.
    const body = await search('q=courier');
    expect(body).toMatchObject({ total: 1, rankedAmong: null });
    expect(refs(body)).toEqual(['CUR-1']);
  });

  it('refuses an unknown rank mode with a clear error', async () => {
    const response = await t.app.inject('/api/search?q=ledger&rank=some');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBeDefined();
  });
});
