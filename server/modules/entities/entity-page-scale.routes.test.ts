import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, grant, signIn } from '../../../fixtures/accounts.ts';
import { EntitySeeder } from '../../../fixtures/entity-fixture.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

// Synthetic documents written for these tests: dated and undated cables, and one in a restricted vault.
const OPEN = [
  { ref: 'PS-1', dateText: '2014-03-01', body: 'Falcon met Rashid.\n\nFalcon left.' },
  { ref: 'PS-2', dateText: '2014-01-15', body: 'Falcon waited for Rashid.' },
  { ref: 'PS-3', body: 'Falcon, undated.' },
  { ref: 'PS-4', dateText: '2014-02-10', body: 'Falcon wrote again.' },
  { ref: 'PS-BULK', dateText: '2013-06-01', body: 'Sparrow '.repeat(1500) },
];
const VAULT = [{ ref: 'PS-V', dateText: '2014-02-01', body: 'Falcon met Keeper in the vault.' }];

/** Mentions and co-mentions beyond the sampling threshold, written straight in: each in its own (numbered) passage. */
const BULK = 1500;

let t: TestApp;
const e: Record<string, number> = {};
const as: Record<string, Record<string, string>> = { anonymous: {} };

beforeAll(async () => {
  t = await createTestApp(async (db) => {
    await addDocuments(db, OPEN, 'open', 'public');
    await addDocuments(db, VAULT, 'vault', 'restricted');
    await addAccount(db, 'vic', 'viewer');
    await addAccount(db, 'mo', 'viewer');
    await grant(db, 'vault', 'mo', 'viewer');
    const seed = new EntitySeeder(db);
    e.falcon = seed.entity('codename', 'Falcon');
    e.rashid = seed.entity('person', 'Rashid');
    e.keeper = seed.entity('person', 'Keeper');
    e.sparrow = seed.entity('codename', 'Sparrow');
    e.crowd = seed.entity('person', 'Crowd');
    e.few = seed.entity('person', 'Few');
    for (const [ref, occurrences] of [
      ['PS-1', 2],
      ['PS-2', 1],
      ['PS-3', 1],
      ['PS-4', 1],
      ['PS-V', 1],
    ] as const) {
      for (let n = 0; n < occurrences; n++) seed.mention(ref, 'Falcon', e.falcon, { occurrence: n });
    }
    seed.mention('PS-1', 'Rashid', e.rashid);
    seed.mention('PS-2', 'Rashid', e.rashid);
    seed.mention('PS-V', 'Keeper', e.keeper);
    const bulk = seed.documentId('PS-BULK');
    const add = db.writerConnection.prepare(
      `insert into mention (document_id, passage_id, start, "end", text, type, entity_id, source) values (?, ?, ?, ?, ?, ?, ?, 'model')`,
    );
    db.writerConnection.transaction(() => {
      for (let i = 0; i < BULK; i++) {
        const passage = 1_000_000 + i;
        add.run(bulk, passage, i * 8, i * 8 + 7, 'Sparrow', 'codename', e.sparrow);
        add.run(bulk, passage, i * 8 + 1, i * 8 + 7, 'parrow', 'person', e.crowd);
        if (i % 5 === 0) add.run(bulk, passage, i * 8 + 2, i * 8 + 7, 'arrow', 'person', e.few);
      }
    })();
  });
  for (const name of ['vic', 'mo']) as[name] = await signIn(t.app, name);
});
afterAll(() => t.close());

const get = async (who: string, url: string) => (await t.app.inject({ method: 'GET', url, headers: as[who] })).json();
const refs = (list: { mentions: Array<{ document: { ref: string } }> }) => list.mentions.map((m) => m.document.ref);

describe('the entity page at scale', () => {
  it('pages mentions by date through the index, undated documents last, either way, without repeats', async () => {
    const all = refs(await get('anonymous', `/api/entities/${e.falcon}/mentions?pageSize=100`));
    expect(all).toEqual(['PS-2', 'PS-4', 'PS-1', 'PS-1', 'PS-3']);
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const answer = await get('anonymous', `/api/entities/${e.falcon}/mentions?pageSize=2&page=${page}`);
      expect(answer.total).toBe(5);
      paged.push(...refs(answer));
    }
    expect(paged).toEqual(all);
    const newest = await get('mo', `/api/entities/${e.falcon}/mentions?sort=-date&pageSize=3&page=2`);
    expect(newest.total).toBe(6);
    expect(refs(newest)).toEqual(['PS-V', 'PS-2', 'PS-3']);
    expect(refs(await get('mo', `/api/entities/${e.falcon}/mentions?sort=-date&pageSize=2`))).toEqual(['PS-1', 'PS-1']);
  });

  it('counts, dates and timeline leave out what the reader may not read', async () => {
    const outsider = await get('vic', `/api/entities/${e.falcon}`);
    expect(outsider.entity).toMatchObject({ mentionCount: 5, documentCount: 4, firstDate: '2014-01-15', lastDate: '2014-03-01' });
    expect(outsider.timeline).toEqual([
      { month: '2014-01', count: 1 },
      { month: '2014-02', count: 1 },
      { month: '2014-03', count: 2 },
    ]);
    expect(outsider.coMentioned).toEqual([{ id: e.rashid, name: 'Rashid', type: 'person', count: 2 }]);
    expect(outsider.coMentionedApproximate).toBe(false);
    const member = await get('mo', `/api/entities/${e.falcon}`);
    expect(member.entity).toMatchObject({ mentionCount: 6, documentCount: 5 });
    expect(member.timeline).toContainEqual({ month: '2014-02', count: 2 });
    expect(member.coMentioned.map((c: { name: string }) => c.name)).toEqual(['Rashid', 'Keeper']);
    expect((await t.app.inject({ method: 'GET', url: `/api/entities/${e.keeper}`, headers: as.vic })).statusCode).toBe(404);
  });

  it('co-mentions of an entity in many passages are estimated from a sample, and say so', async () => {
    const page = await get('anonymous', `/api/entities/${e.sparrow}`);
    expect(page.entity.mentionCount).toBe(BULK);
    expect(page.coMentionedApproximate).toBe(true);
    expect(page.coMentioned.map((c: { name: string }) => c.name)).toEqual(['Crowd', 'Few']);
    const [crowd, few] = page.coMentioned as Array<{ count: number }>;
    // Every sampled passage has Crowd, a fifth have Few: the scaled-up counts land near the truth.
    expect(crowd!.count).toBeGreaterThan(BULK * 0.7);
    expect(crowd!.count).toBeLessThan(BULK * 1.3);
    expect(few!.count).toBeGreaterThan(BULK * 0.1);
    expect(few!.count).toBeLessThan(BULK * 0.3);
    // Exact below the threshold, and the same sample every time.
    expect((await get('anonymous', `/api/entities/${e.few}`)).coMentionedApproximate).toBe(false);
    expect((await get('anonymous', `/api/entities/${e.sparrow}`)).coMentioned).toEqual(page.coMentioned);
  });
});

describe('the entity index from kept counts', () => {
  it('never shows or counts an entity known only from a collection the reader may not read', async () => {
    const outsider = await get('vic', '/api/entities?pageSize=100');
    expect(outsider.entities.map((x: { name: string }) => x.name)).not.toContain('Keeper');
    expect(outsider.total).toBe(5);
    expect(outsider.totalApproximate).toBe(false);
    expect(outsider.entities.find((x: { name: string }) => x.name === 'Falcon')).toMatchObject({ mentionCount: 5, documentCount: 4 });
    const member = await get('mo', '/api/entities?pageSize=100');
    expect(member.total).toBe(6);
    expect(member.entities.find((x: { name: string }) => x.name === 'Falcon')).toMatchObject({ mentionCount: 6, documentCount: 5 });
    expect((await get('vic', '/api/entities?type=person&pageSize=100')).entities.map((x: { name: string }) => x.name)).toEqual([
      'Crowd',
      'Few',
      'Rashid',
    ]);
  });

  it('pages in the order of the reader’s own counts, whatever the hidden ones would make it', async () => {
    // Falcon has 6 mentions in all but 5 readable, Rashid 2: pages of one give the same order as one page of all.
    for (const who of ['vic', 'mo', 'anonymous']) {
      const whole = (await get(who, '/api/entities?pageSize=100')).entities.map((x: { name: string }) => x.name);
      const paged: string[] = [];
      for (let page = 1; page <= whole.length + 1; page++) {
        paged.push(...(await get(who, `/api/entities?pageSize=1&page=${page}`)).entities.map((x: { name: string }) => x.name));
      }
      expect(paged).toEqual(whole);
      const fewest = (await get(who, '/api/entities?sort=mentions&pageSize=100')).entities.map((x: { name: string }) => x.name);
      expect(new Set(fewest)).toEqual(new Set(whole));
    }
    expect((await get('vic', '/api/entities?pageSize=100')).entities.map((x: { name: string }) => x.name)).toEqual([
      'Crowd',
      'Sparrow',
      'Few',
      'Falcon',
      'Rashid',
    ]);
  });
});
