// Paging through documents that each hold many matching passages: the page query joins only the page's
// documents, so paging must still give every document once, in rank order, with its best passages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../db/access.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createServices } from '../../services.ts';

let db: TroveDatabase;
let search: ReturnType<typeof createServices>['search'];
const DOCUMENTS = 30;

beforeAll(async () => {
  db = await openDatabase(':memory:');
  // Synthetic cables: six paragraphs each naming the courier, more often in some documents than in others, so
  // documents and passages rank in an order that is not the order they were written in.
  await addDocuments(
    db,
    Array.from({ length: DOCUMENTS }, (_, d) => ({
      ref: `PAGING-${String(d).padStart(2, '0')}`,
      body: Array.from(
        { length: 6 },
        (_, p) => `${p + 1}. The courier ${'met the courier '.repeat((d * 7 + p * 3) % 5)}at the border post ${d}-${p}.`,
      ).join('\n\n'),
    })),
  );
  // Documents without the word, so that it is rare enough for bm25 to tell the passages apart.
  await addDocuments(
    db,
    Array.from({ length: 3 * DOCUMENTS }, (_, d) => ({ ref: `OTHER-${d}`, body: `A report on the harvest in district ${d}.` })),
  );
  search = createServices(db).search;
});
afterAll(async () => {
  await db.close();
});

type Results = Awaited<ReturnType<typeof search.run>>['results'];
const documents = (results: Results) => results.map((r) => [r.document.ref, r.score]);

describe('paging a search', () => {
  it('gives every document once, in the order of one long page, each with its best passages of those ranked', async () => {
    const whole = await search.run({ q: 'courier', pageSize: DOCUMENTS }, OPERATOR);
    expect(whole.results).toHaveLength(DOCUMENTS);
    expect(whole.results.every((r) => r.passages.length >= 1 && r.passages.length <= 3)).toBe(true);
    expect(whole.results.some((r) => r.passages.length === 3)).toBe(true);
    const paged = [];
    for (let page = 1; page <= 6; page++) paged.push(...(await search.run({ q: 'courier', page, pageSize: 5 }, OPERATOR)).results);
    expect(documents(paged)).toEqual(documents(whole.results));
    // Pages rank different numbers of passages, so a document may show more or fewer of them: always its best ones, in order.
    paged.forEach((r, i) => {
      const all = whole.results[i]!.passages.map((p) => p.ordinal);
      const shown = r.passages.map((p) => p.ordinal);
      expect(shown.length).toBeGreaterThan(0);
      const both = Math.min(all.length, shown.length);
      expect(shown.slice(0, both)).toEqual(all.slice(0, both));
    });
    // Best first: each document's score is its best passage's, and scores never rise down the list.
    const scores = whole.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('answers a page past the last document with no results and the same total', async () => {
    const past = await search.run({ q: 'courier', page: 7, pageSize: 5 }, OPERATOR);
    expect(past.results).toEqual([]);
    expect(past.total).toBe(DOCUMENTS);
  });
});
