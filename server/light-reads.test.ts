// The light-read lane, end to end: a document, its highlights, the collections, an entity page and the health
// check answer while slow queries hold both reader threads, so none of them touches those threads.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EntitySeeder } from '../fixtures/entity-fixture.ts';
import { createTestApp, type TestApp } from '../fixtures/test-app.ts';

const SLOW = sql`with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500000) select count(*) as n from c`;

const SAMPLE_REF = 'TRV-NJF-2014-0233';
let t: TestApp;
const urls: string[] = [];

beforeAll(async () => {
  t = await createTestApp(
    async (db) => {
      const seeder = new EntitySeeder(db);
      seeder.mention(SAMPLE_REF, 'Najaf', seeder.entity('place', 'Najaf', { status: 'confirmed' }), { status: 'confirmed' });
    },
    { sampleArchive: true },
  );
  const one = (query: string) => t.db.writerConnection.prepare(query).pluck().get(SAMPLE_REF) as number;
  const documentId = one('select id from document where ref = ?');
  const entityId = one(`select m.entity_id from mention m join document d on d.id = m.document_id where d.ref = ? limit 1`);
  urls.push(
    '/api/health',
    `/api/documents/${documentId}`,
    `/api/documents/${documentId}/highlights?q=meeting`,
    '/api/collections',
    `/api/entities/${entityId}`,
  );
});

afterAll(async () => {
  await t.close();
});

it('light reads answer while slow queries hold every reader thread', async () => {
  // Warm: each route answers, and the lane's thread is up before the race.
  for (const url of urls) expect((await t.app.inject({ url })).statusCode, url).toBe(200);
  const order: string[] = [];
  const heavy = [1, 2].map(async () => {
    await SLOW.execute(t.app.db.reader);
    order.push('slow query');
  });
  const light = urls.map(async (url) => {
    const response = await t.app.inject({ url });
    expect(response.statusCode, url).toBe(200);
    order.push(url);
  });
  await Promise.all([...heavy, ...light]);
  expect(order.slice(0, urls.length).sort()).toEqual([...urls].sort());
});
