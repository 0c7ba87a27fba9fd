import BetterSqlite3 from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { addEntityRows } from '../fixtures/search-entities.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { ANONYMOUS, OPERATOR, type ReadScope } from './access.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { MentionValues } from './mention-values.mjs';
import { createShareData, ValueShare } from './value-share.mjs';
import { SearchEntitiesRepository } from './search-entities.repository.ts';
import { SearchRepository } from './search.repository.ts';

// Synthetic documents written for these tests. Passages are the paragraphs.
const PUBLIC_DOCS = [
  { ref: 'PUB-1', body: 'Hadi al-Amiri met the governor in Basra.\n\nThe courier carried the ledger to Najaf.' },
  { ref: 'PUB-2', body: 'The governor denied any meeting.\n\nHadi al-Ameri was seen at the border with the courier.' },
  { ref: 'PUB-3', body: 'Nothing about anyone here, only weather and roads.' },
];
const VAULT_DOCS = [{ ref: 'VLT-1', body: 'Blue Lantern reported to the governor about the meeting.' }];

let file: { path: string; cleanup(): void };
const dbs: Record<'pool' | 'inThread', TroveDatabase> = {} as never;
const ids: Record<string, number> = {};
const OUTSIDER: ReadScope = { kind: 'account', accountId: 999 };

beforeAll(async () => {
  file = await createTestDatabase();
  const writer = await openDatabase(file.path, { readers: 0 });
  await addDocuments(writer, PUBLIC_DOCS);
  await addDocuments(writer, VAULT_DOCS, 'vault', 'restricted');
  ids.amiri = addEntityRows(writer, {
    name: 'Hadi al-Amiri',
    status: 'confirmed',
    aliases: ['Hadi al-Amiri', 'Hadi al-Ameri', 'هادی العامری'],
    mentions: [
      { ref: 'PUB-1', text: 'Hadi al-Amiri' },
      { ref: 'PUB-2', text: 'Hadi al-Ameri' },
    ],
  });
  ids.governor = addEntityRows(writer, {
    name: 'the governor',
    mentions: [
      { ref: 'PUB-1', text: 'governor' },
      { ref: 'PUB-2', text: 'governor' },
      { ref: 'VLT-1', text: 'governor' },
    ],
  });
  ids.courier = addEntityRows(writer, {
    name: 'the courier',
    mentions: [
      { ref: 'PUB-1', text: 'courier' },
      { ref: 'PUB-2', text: 'courier', status: 'rejected' },
    ],
  });
  ids.lantern = addEntityRows(writer, {
    type: 'codename',
    name: 'Blue Lantern',
    aliases: [{ name: 'Blue Lantern', sourceRef: 'VLT-1' }],
    mentions: [{ ref: 'VLT-1', text: 'Blue Lantern' }],
  });
  ids.merged = addEntityRows(writer, { type: 'place', name: 'Basra', mentions: [{ ref: 'PUB-1', text: 'Basra' }] });
  writer.writerConnection.prepare('update entity set merged_into = ? where id = ?').run(ids.amiri, ids.merged);
  ids.unmentioned = addEntityRows(writer, { name: 'Samira Nouri', aliases: ['Samira Nouri'] });
  await writer.close();
  dbs.pool = await openDatabase(file.path);
  dbs.inThread = await openDatabase(file.path, { readers: 0 });
});
afterAll(async () => {
  await dbs.pool.close();
  await dbs.inThread.close();
  file.cleanup();
});

const entityFacet = (facets: { entity: Array<{ value: string; count: number }> }) => facets.entity.map((f) => [f.value, f.count]);

describe.each(['pool', 'inThread'] as const)('the entity facet, counted on the %s reader', (reader) => {
  const search = () => new SearchRepository(dbs[reader]);

  it('counts documents whose matching passages mention each entity; rejected and merged-away mentions never count', async () => {
    const { total, facets } = await search().facets('"governor"', {}, OPERATOR);
    expect(total).toBe(3);
    // PUB-1's first passage mentions Amiri and the governor; Basra there was merged away.
    expect(entityFacet(facets)).toEqual([
      ['the governor', 3],
      ['Hadi al-Amiri', 1],
      ['Blue Lantern', 1],
    ]);
    expect(facets.entity[0]).toEqual({ value: 'the governor', count: 3, entityId: ids.governor, type: 'person' });
    const courier = await search().facets('"courier"', {}, OPERATOR);
    expect(entityFacet(courier.facets)).toEqual([
      ['Hadi al-Amiri', 1],
      ['the courier', 1],
    ]);
  });

  it('counts every entity a document mentions when browsing', async () => {
    const { total, facets } = await search().facets(null, {}, OPERATOR);
    expect(total).toBe(4);
    expect(entityFacet(facets)).toEqual([
      ['the governor', 3],
      ['Hadi al-Amiri', 2],
      ['the courier', 1],
      ['Blue Lantern', 1],
    ]);
  });

  it('leaves out entities known only from documents the reader may not read', async () => {
    const { total, facets } = await search().facets('"governor"', {}, ANONYMOUS);
    expect(total).toBe(2);
    expect(entityFacet(facets)).toEqual([
      ['the governor', 2],
      ['Hadi al-Amiri', 1],
    ]);
    expect(JSON.stringify(await search().facets(null, {}, OUTSIDER))).not.toContain('Lantern');
  });

  it('filters passages by entity, and documents when browsing', async () => {
    const ranked = await search().rankedPassages('"courier"', { entities: [[ids.amiri!]] }, OPERATOR, 10);
    expect(ranked.map((p) => p.ref)).toEqual(['PUB-2']);
    const both = await search().rankedPassages('"governor"', { entities: [[ids.amiri!], [ids.governor!]] }, OPERATOR, 10);
    expect(both.map((p) => p.ref)).toEqual(['PUB-1']);
    const rejected = await search().facets('"courier"', { entities: [[ids.courier!]] }, OPERATOR);
    expect(rejected.total).toBe(1);
    const browsed = await search().browse({ entities: [[ids.courier!, ids.lantern!]] }, OPERATOR, 10, 0);
    expect(browsed.map((d) => d.ref).sort()).toEqual(['PUB-1', 'VLT-1']);
    expect((await search().facets(null, { entities: [[ids.amiri!]] }, ANONYMOUS)).total).toBe(2);
  });

  it('shows a rename and new mentions on the next search', async () => {
    const writer = dbs.inThread.writerConnection;
    writer.prepare('update entity set name = ? where id = ?').run('the provincial governor', ids.governor);
    try {
      const { facets } = await search().facets('"governor"', {}, ANONYMOUS);
      expect(facets.entity[0]!.value).toBe('the provincial governor');
    } finally {
      writer.prepare('update entity set name = ? where id = ?').run('the governor', ids.governor);
    }
  });
});

describe('the entity facet lists ten entities', () => {
  it('the ten most mentioned, ties by id', async () => {
    const body = PUBLIC_DOCS[2]!.body;
    const added = Array.from({ length: 12 }, (_, i) =>
      addEntityRows(dbs.inThread, { name: `Weather ${i}`, mentions: [{ ref: 'PUB-3', text: body.slice(0, i + 1) }] }),
    );
    try {
      const { facets } = await new SearchRepository(dbs.pool).facets('"weather"', {}, OPERATOR);
      expect(facets.entity.map((f) => f.value)).toEqual(Array.from({ length: 10 }, (_, i) => `Weather ${i}`));
    } finally {
      const writer = dbs.inThread.writerConnection;
      writer.prepare('delete from mention where entity_id in (select value from json_each(?))').run(JSON.stringify(added));
      writer.prepare('delete from entity where id in (select value from json_each(?))').run(JSON.stringify(added));
    }
  });
});

describe('reloading the mention values', () => {
  it('in a large archive just opened, loads them the first time in the background too, its first load said to be pending meanwhile', async () => {
    const connection = new BetterSqlite3(file.path, { readonly: true });
    try {
      const values = new MentionValues(connection);
      values.synchronousMentions = 0;
      const governorDocuments = () => {
        const tally = values.tally();
        for (let d = 0; d < 10; d++) tally.addDocument(d);
        return tally.top().find((t: { entityId: number }) => t.entityId === ids.governor)?.count;
      };
      values.refresh(connection.pragma('data_version', { simple: true }) as number);
      expect([values.loading, values.firstLoadPending]).toEqual([true, true]);
      expect(governorDocuments()).toBeUndefined();
      for (let turn = 0; turn < 5 && values.loading; turn++) await nextTurn();
      expect([values.loading, values.firstLoadPending]).toEqual([false, false]);
      expect(governorDocuments()).toBe(3);
    } finally {
      connection.close();
    }
  });

  it('in a large archive, counts with the previous values while the next load runs in the background', async () => {
    const connection = new BetterSqlite3(file.path, { readonly: true });
    try {
      const values = new MentionValues(connection);
      const version = () => connection.pragma('data_version', { simple: true }) as number;
      const governorDocuments = () => {
        const tally = values.tally();
        for (let d = 0; d < 10; d++) tally.addDocument(d);
        return tally.top().find((t: { entityId: number }) => t.entityId === ids.governor)?.count;
      };
      values.refresh(version());
      expect(governorDocuments()).toBe(3);
      values.synchronousMentions = 0;
      const writer = dbs.inThread.writerConnection;
      const rejected = writer.prepare(`update mention set status = 'rejected' where entity_id = ? and document_id = ?`);
      const vault = writer.prepare(`select id from document where ref = 'VLT-1'`).pluck().get();
      rejected.run(ids.governor, vault);
      try {
        values.refresh(version());
        expect(governorDocuments()).toBe(3);
        for (let turn = 0; turn < 5 && values.loading; turn++) await nextTurn();
        expect(values.loading).toBe(false);
        expect(governorDocuments()).toBe(2);
      } finally {
        writer.prepare(`update mention set status = 'suggested' where entity_id = ? and document_id = ?`).run(ids.governor, vault);
      }
    } finally {
      connection.close();
    }
  });
});

describe('mention values shared by two connections (as by two reader threads)', () => {
  it('load once in the background for both, which count with the previous values until it is posted', async () => {
    const data = createShareData();
    const connections = [0, 1].map(() => new BetterSqlite3(file.path, { readonly: true }));
    const shares = connections.map(() => new ValueShare(data));
    try {
      const a = new MentionValues(connections[0]!, shares[0]);
      const b = new MentionValues(connections[1]!, shares[1]);
      const version = (i: number) => connections[i]!.pragma('data_version', { simple: true }) as number;
      const governorDocuments = (values: MentionValues) => {
        const tally = values.tally();
        for (let d = 0; d < 10; d++) tally.addDocument(d);
        return tally.top().find((t: { entityId: number }) => t.entityId === ids.governor)?.count;
      };
      // Both have seen the current version before a builds: b takes a's values instead of reading its own.
      a.see(version(0));
      b.see(version(1));
      a.refresh(version(0));
      b.refresh(version(1));
      expect(b.snapshot.tick).toBe(a.snapshot.tick);
      expect(governorDocuments(a)).toBe(3);
      expect(governorDocuments(b)).toBe(3);
      a.synchronousMentions = b.synchronousMentions = 0;
      const writer = dbs.inThread.writerConnection;
      const vault = writer.prepare(`select id from document where ref = 'VLT-1'`).pluck().get();
      writer.prepare(`update mention set status = 'rejected' where entity_id = ? and document_id = ?`).run(ids.governor, vault);
      try {
        b.see(version(1));
        a.refresh(version(0));
        b.refresh(version(1));
        // One load at a time across the two: a's runs, b counts with what it has.
        expect([a.loading, b.loading]).toEqual([true, false]);
        expect(governorDocuments(b)).toBe(3);
        for (let turn = 0; turn < 5 && a.loading; turn++) await nextTurn();
        b.refresh(version(1));
        expect([a.loading, b.loading]).toEqual([false, false]);
        expect([governorDocuments(a), governorDocuments(b)]).toEqual([2, 2]);
        expect(b.snapshot.tick).toBe(a.snapshot.tick);
      } finally {
        writer.prepare(`update mention set status = 'suggested' where entity_id = ? and document_id = ?`).run(ids.governor, vault);
      }
    } finally {
      shares.forEach((share) => share.close());
      connections.forEach((c) => c.close());
    }
  });
});

describe('entity lookups for search', () => {
  const entities = () => new SearchEntitiesRepository(dbs.pool);

  it('finds an entity by any visible spelling key, saying whether the reader may read a mention of it', async () => {
    const rows = await entities().byKey(['hadi al ameri', 'هادی العامری'], ANONYMOUS);
    expect(rows.map((r) => [r.key, r.entityId, r.mentioned])).toEqual([
      ['hadi al ameri', ids.amiri, 1],
      ['هادی العامری', ids.amiri, 1],
    ]);
  });

  it('knows an entity seen only in a restricted document only for its readers', async () => {
    expect(await entities().byKey(['blue lantern'], OUTSIDER)).toEqual([]);
    expect(await entities().byName(['Blue Lantern'], ANONYMOUS)).toEqual([]);
    expect(await entities().byKey(['blue lantern'], OPERATOR)).toHaveLength(1);
  });

  it('shows an entity nobody has tagged yet to signed-in readers only', async () => {
    expect(await entities().byKey(['samira nouri'], ANONYMOUS)).toEqual([]);
    expect((await entities().byKey(['samira nouri'], OUTSIDER)).map((r) => r.mentioned)).toEqual([0]);
  });

  it('never finds a merged-away entity, and finds one by its exact canonical name', async () => {
    expect(await entities().byName(['Basra'], OPERATOR)).toEqual([]);
    expect((await entities().byName(['the courier'], ANONYMOUS)).map((r) => r.entityId)).toEqual([ids.courier]);
  });

  it('lists spellings learned from a restricted document only to its readers', async () => {
    const names = async (scope: ReadScope) => (await entities().spellings([ids.lantern!, ids.amiri!], scope)).map((s) => s.name);
    expect(await names(OUTSIDER)).toEqual(['Hadi al-Amiri', 'Hadi al-Ameri', 'هادی العامری']);
    expect(await names(OPERATOR)).toContain('Blue Lantern');
  });
});
