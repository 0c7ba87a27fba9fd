// The light-read lane: a thread of its own for short reads, so a document opens while searches hold every reader thread.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { openDatabase, type TroveDatabase } from './client.ts';

// About a second of work on a loaded machine: a stand-in for a heavy search that holds its thread.
const COUNT = 1_500_000;
const SLOW = sql<{
  n: number;
}>`with recursive c(x) as (select 1 union all select x + 1 from c where x < ${COUNT}) select count(*) as n from c`;

let dir: string;
let path: string;
let db: TroveDatabase | undefined;

// Made without reader threads, so that no thread of another pool is still starting when a test counts threads.
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-light-'));
  path = join(dir, 'trove.db');
  const writer = await openDatabase(path, { readers: 0 });
  await addDocuments(writer, [{ ref: 'LIGHT-1', body: 'A short cable about the border crossing.' }]);
  await writer.close();
});

afterEach(async () => {
  await db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Every thread answers once, so that what follows races queries, not thread start-ups. */
async function warm(database: TroveDatabase): Promise<void> {
  // Two queries at once go to the two reader threads (each to the least busy).
  await Promise.all([1, 2].map(() => database.reader.selectFrom('document').select('id').execute()));
  await database.lightReader.selectFrom('document').select('id').execute();
}

/** Two slow queries on the reader threads, then one short read on the light lane: the order they finish in. */
async function finishOrder(database: TroveDatabase): Promise<string[]> {
  await warm(database);
  const order: string[] = [];
  const heavy = [1, 2].map(async (n) => {
    const { rows } = await SLOW.execute(database.reader);
    expect(rows[0]!.n).toBe(COUNT);
    order.push(`heavy ${n}`);
  });
  const light = database.lightReader
    .selectFrom('document')
    .select('ref')
    .where('ref', '=', 'LIGHT-1')
    .executeTakeFirstOrThrow()
    .then((row) => order.push(`light ${row.ref}`));
  await Promise.all([...heavy, light]);
  return order;
}

const nice = (tid: string) => readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16];

describe('the light-read lane', () => {
  it('answers a short read while both reader threads are held by slow queries', async () => {
    db = await openDatabase(path, { readers: 2 });
    expect(db.lightReader).not.toBe(db.reader);
    const order = await finishOrder(db);
    expect(order[0]).toBe('light LIGHT-1');
    expect(order.slice(1).sort()).toEqual(['heavy 1', 'heavy 2']);
  });

  it('without it, the same short read queues behind a slow query (what the lane is for)', async () => {
    db = await openDatabase(path, { readers: 2, lightLane: false });
    expect(db.lightReader).toBe(db.reader);
    const order = await finishOrder(db);
    expect(order.indexOf('light LIGHT-1')).toBeGreaterThan(0);
  });

  it('sees what the writer has just committed, and refuses to write', async () => {
    db = await openDatabase(path, { readers: 1 });
    await addDocuments(db, [{ ref: 'LIGHT-2', body: 'Written after the lane opened.' }]);
    const found = await db.lightReader.selectFrom('document').select('ref').where('ref', '=', 'LIGHT-2').executeTakeFirst();
    expect(found?.ref).toBe('LIGHT-2');
    await expect(db.lightReader.deleteFrom('document').execute()).rejects.toThrow(/only runs queries that return rows/);
    expect((await db.reader.selectFrom('document').select('id').execute()).length).toBe(2);
  });

  // Linux keeps a nice value per thread; elsewhere the priority is a preference the test cannot see.
  it.runIf(process.platform === 'linux')('runs the search threads, and only them, at a lower CPU priority', async () => {
    // Threads of pools closed before may linger a moment: only threads new to this test count.
    const earlier = new Set(readdirSync('/proc/self/task'));
    const niceThreads = () => readdirSync('/proc/self/task').filter((tid) => !earlier.has(tid) && nice(tid) === '10');
    db = await openDatabase(path, { readers: 2 });
    await warm(db);
    expect(niceThreads()).toHaveLength(2);
    await db.close();
    for (const tid of readdirSync('/proc/self/task')) earlier.add(tid);
    db = await openDatabase(path, { readers: 2, lightLane: false });
    await warm(db);
    expect(niceThreads()).toHaveLength(0);
  });

  it('one-shot commands (readers: 0) read on the main thread, light reads included', async () => {
    db = await openDatabase(path, { readers: 0 });
    expect(db.lightReader).toBe(db.reader);
    const rows = await db.lightReader.selectFrom('document').select('ref').execute();
    expect(rows.map((r) => r.ref)).toEqual(['LIGHT-1']);
  });
});
