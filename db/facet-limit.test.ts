import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { addEntityRows } from '../fixtures/search-entities.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { ANONYMOUS, OPERATOR } from './access.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { SearchRepository, type FacetCounts } from './search.repository.ts';

// Synthetic documents. The restricted ones are written first, so they hold the lowest ids: a count that
// stopped at the first documents by id would take them first if scoping did not apply.
const VAULT = Array.from({ length: 3 }, (_, i) => ({
  ref: `VLT-${i}`,
  kind: 'document' as const,
  body: `The ledger of the vault, page ${i}.`,
}));
const PUBLIC = Array.from({ length: 12 }, (_, i) => ({
  ref: `PUB-${i}`,
  kind: i % 3 === 0 ? ('report' as const) : ('cable' as const),
  // Two matching passages in every document, so a cut can fall inside a document's run of passages.
  body: `The ledger was moved, entry ${i}.\n\nThe courier signed the ledger again.`,
}));

let file: { path: string; cleanup(): void };
const dbs: Record<'untagged' | 'tagged', Record<'pool' | 'inThread', TroveDatabase>> = { untagged: {}, tagged: {} } as never;

async function openBoth(path: string) {
  return { pool: await openDatabase(path), inThread: await openDatabase(path, { readers: 0 }) };
}

let taggedFile: { path: string; cleanup(): void };
beforeAll(async () => {
  file = await createTestDatabase();
  taggedFile = await createTestDatabase();
  for (const f of [file, taggedFile]) {
    const writer = await openDatabase(f.path, { readers: 0 });
    await addDocuments(writer, VAULT, 'vault', 'restricted');
    await addDocuments(writer, PUBLIC);
    if (f === taggedFile) {
      addEntityRows(writer, { name: 'the courier', mentions: PUBLIC.map((d) => ({ ref: d.ref, text: 'courier' })) });
    }
    await writer.close();
  }
  dbs.untagged = await openBoth(file.path);
  dbs.tagged = await openBoth(taggedFile.path);
});
afterAll(async () => {
  for (const pair of Object.values(dbs)) for (const db of Object.values(pair)) await db.close();
  file.cleanup();
  taggedFile.cleanup();
});

const kinds = (c: FacetCounts) => Object.fromEntries(c.facets.kind.map((f) => [f.value, f.count]));
const sum = (values: Array<{ count: number }>) => values.reduce((n, v) => n + v.count, 0);

describe.each(['untagged', 'tagged'] as const)('facet counts past the limit, %s archive', (archive) => {
  describe.each(['pool', 'inThread'] as const)('on the %s reader', (reader) => {
    const repository = () => new SearchRepository(dbs[archive][reader]);

    it('below the limit: exact, not approximate', async () => {
      const counts = await repository().facets('"ledger"', {}, ANONYMOUS, 12);
      expect(counts).toMatchObject({ total: 12, approximate: false });
      expect(kinds(counts)).toEqual({ cable: 8, report: 4 });
      if (archive === 'tagged') expect(counts.facets.entity).toMatchObject([{ value: 'the courier', count: 12 }]);
    });

    it('above the limit: approximate, counts a lower bound over the limit, and the total the limit, a lower bound', async () => {
      const counts = await repository().facets('"ledger"', {}, ANONYMOUS, 5);
      expect(counts).toMatchObject({ total: 5, totalLowerBound: true, approximate: true });
      expect(await repository().facets('"ledger"', {}, ANONYMOUS, 5, { countTotal: true })).toMatchObject({
        total: 12,
        totalLowerBound: false,
        approximate: true,
      });
      expect(sum(counts.facets.kind)).toBe(5);
      const exact = { cable: 8, report: 4 };
      for (const [kind, count] of Object.entries(kinds(counts))) expect(count).toBeLessThanOrEqual(exact[kind as keyof typeof exact]);
      if (archive === 'tagged') expect(counts.facets.entity[0]!.count).toBe(5);
    });

    it('never counts a document the scope may not read, capped or not', async () => {
      const capped = await repository().facets('"ledger"', {}, ANONYMOUS, 2);
      expect(capped.facets.kind.map((f) => f.value)).not.toContain('document');
      expect(capped.facets.collection.map((f) => f.value)).toEqual(['test']);
      expect((await repository().facets('"ledger"', {}, ANONYMOUS, 2, { countTotal: true })).total).toBe(12);
      const operator = await repository().facets('"ledger"', {}, OPERATOR, 2, { countTotal: true });
      expect(operator).toMatchObject({ total: 15, approximate: true });
      expect(kinds(operator)).toEqual({ document: 2 });
    });

    it('browsing caps the same way, filters first', async () => {
      expect(await repository().facets(null, {}, ANONYMOUS, 4)).toMatchObject({ total: 12, approximate: true });
      const reports = await repository().facets(null, { kind: ['report'] }, ANONYMOUS, 4);
      expect(reports).toMatchObject({ total: 4, approximate: false });
      expect(kinds(reports)).toEqual({ report: 4 });
      // Past the limit, the total is taken as browsing documents takes it (kept counts, a bounded count or a labelled
      // estimate), never by counting every match.
      const cables = await repository().facets(null, { kind: ['cable'] }, ANONYMOUS, 4);
      expect(cables).toMatchObject({ total: 8, approximate: true, totalApproximate: false });
      const sampled = new SearchRepository(dbs[archive][reader], { exactUpTo: 2, sampleSize: 100 });
      // A sample as large as the archive reads all of it: the estimate is right, and still labelled.
      expect(await sampled.facets(null, { kind: ['cable'] }, ANONYMOUS, 4)).toMatchObject({ total: 8, totalApproximate: true });
      expect(await sampled.facets('"ledger"', { kind: ['cable'] }, ANONYMOUS, 4)).toMatchObject({
        total: 4,
        totalApproximate: false,
        totalLowerBound: true,
      });
    });

    it('a limit of exactly the matching documents is not approximate; without a limit nothing is', async () => {
      expect((await repository().facets('"ledger"', { kind: ['report'] }, ANONYMOUS, 4)).approximate).toBe(false);
      expect((await repository().facets('"ledger"', { kind: ['report'] }, ANONYMOUS, 3)).approximate).toBe(true);
      expect(await repository().facets('"ledger"', {}, OPERATOR)).toMatchObject({ total: 15, approximate: false });
    });
  });
});
