// A read that waits too long behind others is refused, not run late: the server answers 503 before a client gives up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { addEntityRows } from '../fixtures/search-entities.ts';
import { registerErrorHandler } from '../server/errors.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { READER_QUEUE_TIMEOUT, ReaderPool, ReaderPoolError } from './reader-pool.ts';
import { createShareData, ValueShare } from './value-share.mjs';

// Most of a second of work on a loaded machine: a heavy search holding the pool's only thread.
const SLOW = 'with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000000) select count(*) as n from c';

let dir: string;
let pool: ReaderPool;
let writer: TroveDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-pool-'));
  writer = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
  await addDocuments(writer, [
    { ref: 'A', body: 'The governor met the courier.' },
    { ref: 'B', body: 'The governor left.' },
  ]);
  addEntityRows(writer, {
    name: 'the governor',
    mentions: [
      { ref: 'A', text: 'governor' },
      { ref: 'B', text: 'governor' },
    ],
  });
  pool = new ReaderPool(join(dir, 'trove.db'), 1, { maxWaitMs: 50 });
  // A thread still starting is a wait too: the first read after a start could be refused.
  await pool.all('select 1', []).catch(() => undefined);
  await pool.all('select 1', []);
});

afterAll(async () => {
  await pool.close();
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the reader pool under a queue', () => {
  it('refuses a read that waited longer than its limit, runs the one ahead of it, and reads again once free', async () => {
    const slow = pool.all<{ n: number }>(SLOW, []);
    const behind = pool.all<{ n: number }>('select 1 as n', []);
    await expect(behind).rejects.toMatchObject({ code: READER_QUEUE_TIMEOUT });
    expect(await slow).toEqual([{ n: 2_000_000 }]);
    expect(await pool.all('select 2 as n', [])).toEqual([{ n: 2 }]);
  });

  it('is answered 503 search.busy with a Retry-After, not a 500', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/busy', async () => {
      throw new ReaderPoolError('The read waited too long behind others.', READER_QUEUE_TIMEOUT);
    });
    const response = await app.inject({ method: 'GET', url: '/busy' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json().error.code).toBe('search.busy');
    await app.close();
  });
});

describe('the facet values of a pool of two threads', () => {
  const MATCHING = 'select rowid as passage_id from passage_fts where passage_fts match ?';
  const governor = (counts: { facets: { entity: Array<{ value: string; count: number }> } }) =>
    counts.facets.entity.map((e) => [e.value, e.count]);

  it('are one copy that both threads count with, and after a write both count with the new one', async () => {
    const pair = new ReaderPool(join(dir, 'trove.db'), 2);
    try {
      await pair.warm();
      const [first, second] = await pair.values();
      // One build: the same snapshot (its ticks) in both threads, its values in shared memory.
      expect(first!.ticks).toEqual(second!.ticks);
      expect(first!.shared).toBeGreaterThan(0);
      // Two at once: the pool hands each to a different thread.
      const both = () => Promise.all([pair.facets(MATCHING, ['governor']), pair.facets(MATCHING, ['governor'])]);
      const before = await both();
      expect(before.map(governor)).toEqual([[['the governor', 2]], [['the governor', 2]]]);

      writer.writerConnection
        .prepare(`update mention set status = 'rejected' where document_id = (select id from document where ref = 'B')`)
        .run();
      await pair.warm();
      const [firstAfter, secondAfter] = await pair.values();
      expect(firstAfter!.ticks).toEqual(secondAfter!.ticks);
      expect(firstAfter!.ticks.mentions).toBeGreaterThan(first!.ticks.mentions);
      expect((await both()).map(governor)).toEqual([[['the governor', 1]], [['the governor', 1]]]);
      // A write seen by a thread only when it counts: it still counts the new values.
      writer.writerConnection.prepare(`update mention set status = 'suggested'`).run();
      expect((await both()).map(governor)).toEqual([[['the governor', 2]], [['the governor', 2]]]);
    } finally {
      await pair.close();
    }
  });

  it('outlive a commit that changes no document and no mention, and not one that does', async () => {
    const pair = new ReaderPool(join(dir, 'trove.db'), 2);
    const kinds = (counts: { facets: { kind: Array<{ value: string; count: number }> } }) =>
      counts.facets.kind.map((k) => [k.value, k.count]);
    let saved: Array<Record<string, unknown>> = [];
    try {
      await pair.warm();
      const [before] = await pair.values();
      // A session's last-seen time, an audit row, the vocabulary: commits the values hold nothing of.
      writer.writerConnection.prepare(`insert or replace into setting (key, value) values ('unrelated', ?)`).run(String(Date.now()));
      await pair.warm();
      const [after, other] = await pair.values();
      expect(after!.ticks).toEqual(before!.ticks);
      expect(other!.ticks).toEqual(before!.ticks);
      expect(after!.mentionLoads).toBe(before!.mentionLoads);

      const counted = () => pair.facets(MATCHING, ['governor']);
      expect(kinds(await counted())).toEqual([['document', 2]]);
      writer.writerConnection.prepare(`update document set kind = 'report' where ref = 'B'`).run();
      expect(kinds(await counted())).toEqual([
        ['document', 1],
        ['report', 1],
      ]);
      const [edited] = await pair.values();
      expect(edited!.ticks.documents).toBeGreaterThan(before!.ticks.documents);
      // Only the documents changed: the mentions are not read again.
      expect(edited!.ticks.mentions).toBe(before!.ticks.mentions);

      const ofA = `from mention where document_id = (select id from document where ref = 'A')`;
      saved = writer.writerConnection.prepare(`select * ${ofA}`).all() as Array<Record<string, unknown>>;
      writer.writerConnection.prepare(`delete ${ofA}`).run();
      expect(governor(await counted())).toEqual([['the governor', 1]]);
    } finally {
      writer.writerConnection.prepare(`update document set kind = 'document'`).run();
      for (const row of saved) {
        const columns = Object.keys(row);
        writer.writerConnection
          .prepare(`insert into mention (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`)
          .run(row);
      }
      await pair.close();
    }
  });
});

describe('the first load of the mention values', () => {
  it('is made once, in the background, when both threads need it at once: they say the entities are loading meanwhile', async () => {
    // Enough mentions that the load runs in the background, as a large archive's does.
    writer.writerConnection.exec(`insert into mention (document_id, passage_id, start, "end", type, entity_id, source, status)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000)
      select m.document_id, m.passage_id, m.start + n.i * 1000, m."end" + n.i * 1000, m.type, m.entity_id, m.source, 'suggested'
      from n cross join (select * from mention limit 1) m`);
    const pair = new ReaderPool(join(dir, 'trove.db'), 2);
    try {
      // Both threads started, neither has loaded anything yet.
      await Promise.all([pair.all('select 1', []), pair.all('select 1', [])]);
      const MATCHING = 'select rowid as passage_id from passage_fts where passage_fts match ?';
      const both = () => Promise.all([pair.facets(MATCHING, ['governor']), pair.facets(MATCHING, ['governor'])]);
      const [a, b] = await both();
      expect([a.entitiesLoading, b.entitiesLoading]).toEqual([true, true]);
      expect([a.facets.entity, b.facets.entity]).toEqual([[], []]);
      let counted = await both();
      for (let turn = 0; turn < 200 && counted.some((c) => c.entitiesLoading); turn++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        counted = await both();
      }
      expect(counted.map((c) => c.entitiesLoading)).toEqual([false, false]);
      expect(counted[0].facets.entity).toEqual(counted[1].facets.entity);
      expect(counted[0].facets.entity[0]!.count).toBe(2);
      const [first, second] = await pair.values();
      expect(first!.mentionLoads).toBe(1);
      expect(first!.ticks).toEqual(second!.ticks);
    } finally {
      await pair.close();
      writer.writerConnection.exec(`delete from mention where id > 2`);
    }
  });
});

describe('the load lock', () => {
  it('waits for another holder, and gives up after its wait so that a thread that ended holding it stops nobody', () => {
    const data = createShareData();
    const holder = new ValueShare(data);
    const waiter = new ValueShare(data);
    expect(holder.tryLock()).toBe(true);
    expect(waiter.lock(30)).toBe(false);
    holder.unlock();
    expect(waiter.lock(30)).toBe(true);
    expect(holder.tryLock()).toBe(false);
    waiter.unlock();
    holder.close();
    waiter.close();
  });
});

describe('the memory of a reader thread', () => {
  it('has a young generation of 16 MB, where V8 would let it grow to 48 and more under load', () => {
    expect(pool.limits()).toEqual([expect.objectContaining({ maxYoungGenerationSizeMb: 16 })]);
  });
});
