// The light-read lane: a thread of its own for short reads, so a document opens while searches hold every reader thread.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { openDatabase, type TroveDatabase } from './client.ts';

// About a second of work on a loaded machine: a stand-in for a heavy search that holds its thread.
const SLOW = sql<{
  n: number;
}>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500000) select count(*) as n from c`;

let file: Awaited<ReturnType<typeof createTestDatabase>>;
let db: TroveDatabase | undefined;

beforeEach(async () => {
  file = await createTestDatabase();
  const writer = await openDatabase(file.path, { readers: 0 });
  await addDocuments(writer, [{ ref: 'LIGHT-1', body: 'A short cable about the border crossing.' }]);
  await writer.close();
});

afterEach(async () => {
  await db?.close();
  db = undefined;
  file.cleanup();
});

/** Two slow queries on the reader threads, then one short read on the light lane: the order they finish in. */
async function finishOrder(database: TroveDatabase): Promise<string[]> {
  // Once answered, the lane's thread is up: the race below is between queries, not thread start-ups.
  await database.lightReader.selectFrom('document').select('id').execute();
  const order: string[] = [];
  const heavy = [1, 2].map(async (n) => {
    const { rows } = await SLOW.execute(database.reader);
    expect(rows[0]!.n).toBe(1500000);
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

describe('the light-read lane', () => {
  it('answers a short read while both reader threads are held by slow queries', async () => {
    db = await openDatabase(file.path, { readers: 2 });
    expect(db.lightReader).not.toBe(db.reader);
    const order = await finishOrder(db);
    expect(order[0]).toBe('light LIGHT-1');
    expect(order.slice(1).sort()).toEqual(['heavy 1', 'heavy 2']);
  });

  it('without it, the same short read queues behind a slow query (what the lane is for)', async () => {
    db = await openDatabase(file.path, { readers: 2, lightLane: false });
    expect(db.lightReader).toBe(db.reader);
    const order = await finishOrder(db);
    expect(order.indexOf('light LIGHT-1')).toBeGreaterThan(0);
  });

  it('sees what the writer has just committed, and refuses to write', async () => {
    db = await openDatabase(file.path, { readers: 1 });
    await addDocuments(db, [{ ref: 'LIGHT-2', body: 'Written after the lane opened.' }]);
    const found = await db.lightReader.selectFrom('document').select('ref').where('ref', '=', 'LIGHT-2').executeTakeFirst();
    expect(found?.ref).toBe('LIGHT-2');
    await expect(db.lightReader.deleteFrom('document').execute()).rejects.toThrow(/only runs queries that return rows/);
    expect((await db.reader.selectFrom('document').select('id').execute()).length).toBe(2);
  });

  it('one-shot commands (readers: 0) read on the main thread, light reads included', async () => {
    db = await openDatabase(file.path, { readers: 0 });
    expect(db.lightReader).toBe(db.reader);
    const rows = await db.lightReader.selectFrom('document').select('ref').execute();
    expect(rows.map((r) => r.ref)).toEqual(['LIGHT-1']);
  });
});
