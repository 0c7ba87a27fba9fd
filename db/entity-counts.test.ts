import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntitySeeder } from '../fixtures/entity-fixture.ts';
import { addDocuments } from '../fixtures/factories.ts';
import { openDatabase, type TroveDatabase } from './client.ts';

// Synthetic documents written for these tests.
const OPEN = [
  { ref: 'KC-1', dateText: '2014-11-14', body: 'Hadi al-Amiri met Karim Saadi in Baghdad.\n\nHadi al-Amiri left.' },
  { ref: 'KC-2', dateText: '2015-01-02', body: 'Karim Saadi returned to Baghdad.' },
];
const VAULT = [{ ref: 'KC-V', dateText: '2015-02-01', body: 'Hadi al-Amiri and Blue Lantern met in Baghdad.' }];

let db: TroveDatabase;
let seed: EntitySeeder;
const e: Record<string, number> = {};

/** What the triggers keep, and the same counted from the mentions themselves: they must agree after every write. */
function keptAndCounted() {
  const c = db.writerConnection;
  const kept = c.prepare('select entity_id, collection_id, mentions, documents from entity_count order by 1, 2').all();
  const counted = c
    .prepare(
      `select m.entity_id, d.collection_id, count(*) as mentions, count(distinct m.document_id) as documents
       from mention m join document d on d.id = m.document_id
       where m.entity_id is not null and m.status != 'rejected' group by 1, 2 order by 1, 2`,
    )
    .all();
  const totals = c.prepare('select id, mention_count from entity order by id').all();
  const summed = c
    .prepare(
      `select e.id, (select count(*) from mention m where m.entity_id = e.id and m.status != 'rejected') as mention_count
       from entity e order by e.id`,
    )
    .all();
  const dates = c.prepare('select count(*) from mention m join document d on d.id = m.document_id where m.document_date is not d.date');
  return { kept, counted, totals, summed, wrongDates: dates.pluck().get() };
}

function expectConsistent() {
  const now = keptAndCounted();
  expect(now.kept).toEqual(now.counted);
  expect(now.totals).toEqual(now.summed);
  expect(now.wrongDates).toBe(0);
}

const run = (statement: string, ...params: unknown[]) => db.writerConnection.prepare(statement).run(...params);

beforeEach(async () => {
  db = await openDatabase(':memory:', { readers: 0 });
  await addDocuments(db, OPEN, 'open', 'public');
  await addDocuments(db, VAULT, 'vault', 'restricted');
  seed = new EntitySeeder(db);
  e.amiri = seed.entity('person', 'Hadi al-Amiri');
  e.saadi = seed.entity('person', 'Karim Saadi');
  e.baghdad = seed.entity('place', 'Baghdad');
  e.lantern = seed.entity('codename', 'Blue Lantern');
  e.m1 = seed.mention('KC-1', 'Hadi al-Amiri', e.amiri);
  e.m2 = seed.mention('KC-1', 'Hadi al-Amiri', e.amiri, { occurrence: 1 });
  e.m3 = seed.mention('KC-V', 'Hadi al-Amiri', e.amiri);
  seed.mention('KC-1', 'Karim Saadi', e.saadi);
  seed.mention('KC-2', 'Karim Saadi', e.saadi);
  for (const ref of ['KC-1', 'KC-2', 'KC-V']) seed.mention(ref, 'Baghdad', e.baghdad);
  seed.mention('KC-V', 'Blue Lantern', e.lantern);
});
afterEach(() => db.close());

describe('kept entity counts and mention dates (migration 0013)', () => {
  it('are counted per collection as mentions are written', () => {
    expectConsistent();
    const amiri = db.writerConnection.prepare('select collection_id, mentions, documents from entity_count where entity_id = ? order by 1');
    expect(amiri.all(e.amiri)).toEqual([
      { collection_id: 1, mentions: 2, documents: 1 },
      { collection_id: 2, mentions: 1, documents: 1 },
    ]);
    expect(db.writerConnection.prepare('select document_date from mention where id = ?').pluck().get(e.m3)).toBe('2015-02-01');
  });

  it('follow rejections, confirmations, untagging and moves to another entity (merges and splits)', () => {
    run(`update mention set status = 'rejected' where id = ?`, e.m1);
    expectConsistent();
    run(`update mention set status = 'confirmed' where id = ?`, e.m1);
    expectConsistent();
    run('update mention set entity_id = ? where entity_id = ?', e.saadi, e.amiri);
    expectConsistent();
    run('update mention set entity_id = null where id = ?', e.m2);
    expectConsistent();
    run('delete from mention where id = ?', e.m1);
    expectConsistent();
    run('delete from entity where id = ?', e.baghdad);
    expectConsistent();
  });

  it('follow a document moved to another collection, re-dated, or deleted with its mentions', () => {
    const id = seed.documentId('KC-V');
    run('update document set collection_id = 1 where id = ?', id);
    expectConsistent();
    run(`update document set date = '2016-03-04' where id = ?`, id);
    expectConsistent();
    run('update document set date = null where id = ?', id);
    expectConsistent();
    run('delete from document_original where document_id = ?', seed.documentId('KC-1'));
    run('delete from document where id = ?', seed.documentId('KC-1'));
    expectConsistent();
    expect(db.writerConnection.prepare('select count(*) from entity_count where entity_id = ?').pluck().get(e.amiri)).toBe(1);
  });
});
