// A text search's facet filters checked against the reader threads' facet values (document-sets.mjs, trove_in_set)
// find what the join to the document table finds: the same passages, the same counts, the same hidden documents.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { addEntityRows } from '../fixtures/search-entities.ts';
import { ANONYMOUS, OPERATOR, type ReadScope } from './access.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { SearchRepository, withDocumentSet, type SearchFilters } from './search.repository.ts';

// Synthetic cables written for this test; every body holds "convoy". The origins differ in case on purpose.
const PUBLIC = [
  { ref: 'S-1', kind: 'cable', origin: 'Basra station', language: 'en', dateText: '2014-03-02', body: 'The convoy left Basra.' },
  { ref: 'S-2', kind: 'cable', origin: 'BASRA STATION', language: 'en', dateText: '2015-01-09', body: 'A convoy of four trucks.' },
  { ref: 'S-3', kind: 'report', origin: 'Basra station', language: 'fa', dateText: '2014-11-30', body: 'Convoy report.\n\nSecond convoy.' },
  { ref: 'S-4', kind: 'cable', origin: 'Baghdad station', language: 'en', dateText: '2014-06-01', body: 'No convoy today.' },
  { ref: 'S-5', kind: 'report', language: 'en', body: 'The convoy without an origin or a date.' },
] as const;
const HIDDEN = [{ ref: 'H-1', kind: 'cable', origin: 'Basra station', dateText: '2014-02-02', body: 'A hidden convoy.' }] as const;

let dir: string;
let writer: TroveDatabase;
let pooled: TroveDatabase;
let bySet: SearchRepository;
let byJoin: SearchRepository;
let convoyMaster: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-sets-'));
  writer = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
  await addDocuments(writer, [...PUBLIC], 'open');
  await addDocuments(writer, [...HIDDEN], 'sealed', 'restricted');
  convoyMaster = addEntityRows(writer, {
    name: 'the convoy master',
    mentions: [
      { ref: 'S-1', text: 'convoy left' },
      { ref: 'S-4', text: 'convoy today' },
    ],
  });
  pooled = await openDatabase(join(dir, 'trove.db'), { readers: 2, lightLane: false, migrate: false });
  bySet = new SearchRepository(pooled);
  byJoin = new SearchRepository({ ...pooled, documentSets: false });
});

afterAll(async () => {
  await pooled.close();
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refsOf(repository: SearchRepository, filters: SearchFilters, scope: ReadScope) {
  const ranked = await repository.rankedPassages('"convoy"', filters, scope, 50, 20_000);
  const { total, facets } = await repository.facets('"convoy"', filters, scope, 10_000, { countTotal: true });
  return { refs: [...new Set(ranked.map((r) => r.ref))].sort(), passages: ranked.length, total, kinds: facets.kind };
}

describe('facet filters as document sets', () => {
  it('are what the reader pool checks when the native extension is loaded', () => {
    expect(pooled.documentSets).toBe(true);
    expect(withDocumentSet({ origin: ['Basra station'], year: ['2014'] })).toEqual({
      documentSet: { origin: ['Basra station'], year: ['2014'] },
    });
  });

  it('find the documents the join finds, origins compared without case as the join does', async () => {
    const cases: Array<[SearchFilters, ReadScope, string[]]> = [
      [{ origin: ['basra STATION'] }, ANONYMOUS, ['S-1', 'S-2', 'S-3']],
      [{ origin: ['Basra station'] }, OPERATOR, ['H-1', 'S-1', 'S-2', 'S-3']],
      [{ origin: ['Basra station', 'Baghdad station'], kind: ['cable'] }, ANONYMOUS, ['S-1', 'S-2', 'S-4']],
      [{ year: ['2014'] }, ANONYMOUS, ['S-1', 'S-3', 'S-4']],
      [{ language: ['fa'] }, ANONYMOUS, ['S-3']],
      [{ collection: ['OPEN'], kind: ['report'] }, OPERATOR, ['S-3', 'S-5']],
      [{ collection: ['sealed'] }, ANONYMOUS, []],
      [{ origin: ['Mosul station'] }, OPERATOR, []],
      [{ origin: ['Basra station'], entities: [[convoyMaster]] }, ANONYMOUS, ['S-1']],
    ];
    for (const [filters, scope, expected] of cases) {
      const set = await refsOf(bySet, filters, scope);
      expect(set.refs, JSON.stringify(filters)).toEqual(expected);
      expect(set).toEqual(await refsOf(byJoin, filters, scope));
    }
  });

  it('keep the join when another document filter needs it, and count a document added after the first search', async () => {
    const mixed: SearchFilters = { origin: ['Basra station'], from: '2014-06' };
    expect(withDocumentSet(mixed)).toBe(mixed);
    expect((await refsOf(bySet, mixed, ANONYMOUS)).refs).toEqual(['S-2', 'S-3']);

    expect((await refsOf(bySet, { origin: ['Basra station'] }, ANONYMOUS)).total).toBe(3);
    await addDocuments(writer, [{ ref: 'S-6', origin: 'Basra station', body: 'A late convoy.' }], 'open');
    const later = await refsOf(bySet, { origin: ['Basra station'] }, ANONYMOUS);
    expect(later.refs).toEqual(['S-1', 'S-2', 'S-3', 'S-6']);
    expect(later.total).toBe(4);
  });
});
