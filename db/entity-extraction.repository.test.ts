// Synthetic documents written for these tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import type { FoundMention } from '../server/pipeline/entities/entity.types.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { DocumentWriter } from './document-writer.ts';
import { EntityExtractionRepository } from './entity-extraction.repository.ts';
import { mentionTextSql } from './entity-mention-text.ts';
import { passageId } from './passage-id.ts';

const BODY =
  'Hadi al-Amiri met the envoy in Baghdad on 14 November 2014.\n\n' +
  'HADI AL-AMIRI later paid 62.5 euros. On 2014/11/14 the envoy left Baghdad.';
const EXTRACTOR = 'test/1';

let db: TroveDatabase;
let repo: EntityExtractionRepository;
let docId: number;

beforeEach(async () => {
  db = await openDatabase(':memory:');
  repo = new EntityExtractionRepository(db);
  docId = (await addDocuments(db, [{ ref: 'C-1', body: BODY }])).get('C-1')!;
});
afterEach(() => db.close());

const sql = (query: string, ...params: unknown[]) => db.writerConnection.prepare(query).all(...params) as any[];
const one = (query: string, ...params: unknown[]) =>
  db.writerConnection
    .prepare(query)
    .pluck()
    .get(...params) as any;

function at(body: string, spelling: string, type: string, extra: Partial<FoundMention> = {}, from = 0): FoundMention {
  const start = body.indexOf(spelling, from);
  if (start < 0) throw new Error(`"${spelling}" is not in the body`);
  return { type, start, end: start + spelling.length, text: spelling, source: 'model', ...extra };
}

function found(body = BODY): FoundMention[] {
  return [
    at(body, 'Hadi al-Amiri', 'person'),
    at(body, 'Baghdad', 'place'),
    at(body, '14 November 2014', 'date', { source: 'rule', value: '2014-11-14' }),
    at(body, 'HADI AL-AMIRI', 'person'),
    at(body, '62.5 euros', 'money', { source: 'rule', value: '62.5 EUR' }),
    at(body, '2014/11/14', 'date', { source: 'rule', value: '2014-11-14' }),
    at(body, 'Baghdad', 'place', {}, 80),
  ];
}

const sha = () => one('select lower(hex(sha256)) from document where id = ?', docId) as string;
const save = (mentions = found()) => repo.saveDocument(docId, sha(), mentions, EXTRACTOR);
// A suggestion stores no text where the body gives it back (migration 0020): read it as the repositories do.
const WITH_TEXT = `${mentionTextSql('m', 'd')} as text from mention m join document d on d.id = m.document_id`;
const ROW_TEXT = `(select ${mentionTextSql('mention', 'd')} from document d where d.id = mention.document_id)`;
const mentions = () =>
  sql(`select m.start, m."end", m.type, m.entity_id, m.status, m.source, m.passage_id, ${WITH_TEXT} order by m.start, m.type`);
const entities = () => sql('select id, type, name, status from entity order by id');

describe('EntityExtractionRepository.saveDocument', () => {
  it('stores suggestions grouped into entities: one per type and spelling key, dates and sums by value', () => {
    expect(save()).toEqual({ saved: true, suggested: 7, moved: 0, dropped: 0 });
    expect(entities().map((e) => [e.type, e.name, e.status])).toEqual([
      ['person', 'Hadi al-Amiri', 'suggested'],
      ['place', 'Baghdad', 'suggested'],
      ['date', '2014-11-14', 'suggested'],
      ['money', '62.5 EUR', 'suggested'],
    ]);
    const dateId = entities()[2].id;
    expect(sql('select name from entity_alias where entity_id = ? order by id', dateId).map((a) => a.name)).toEqual([
      '14 November 2014',
      '2014/11/14',
    ]);
    expect(one('select count(*) from entity_alias where entity_id = ?', entities()[0].id)).toBe(1);
    for (const m of mentions()) expect(BODY.slice(m.start, m.end)).toBe(m.text);
    expect(one('select count(*) from mention where text is not null or created_at is not null')).toBe(0);
    const second = mentions().find((m) => m.text === 'HADI AL-AMIRI');
    expect(second.passage_id).toBe(passageId(docId, 2));
    expect(sql('select sha256, extractor from entity_scan where document_id = ?', docId)).toEqual([
      { sha256: sha(), extractor: EXTRACTOR },
    ]);
  });

  it('names a date without its year by how it is written, not by a partial value every year shares', () => {
    const body = 'Paid on 1 November and again on 1 Nov.';
    const id = db.writerConnection.prepare('update document set body_packed = pack_body(?) where id = ?').run(body, docId) && docId;
    repo.saveDocument(id, sha(), [at(body, '1 November', 'date', { source: 'rule', value: '--11-01' })], EXTRACTOR);
    expect(entities().map((e) => [e.type, e.name])).toEqual([['date', '1 November']]);
  });

  it('gives the same result when run again: no new entities, aliases or mentions', () => {
    save();
    const before = { e: entities(), m: mentions(), a: one('select count(*) from entity_alias') };
    expect(save().suggested).toBe(7);
    expect({ e: entities(), m: mentions(), a: one('select count(*) from entity_alias') }).toEqual(before);
  });

  it('keeps the rows of suggestions found again, so a reader can still decide on what the page shows', () => {
    save();
    const ids = () => sql(`select m.id, ${WITH_TEXT} order by m.id`);
    const before = ids();
    save(found().filter((m) => m.text !== '62.5 euros'));
    expect(ids()).toEqual(before.filter((m) => m.text !== '62.5 euros'));
  });

  it('never brings back what a person rejected, and leaves what a person decided as it was', () => {
    save();
    db.writerConnection.exec(
      `update mention set status = 'rejected', decided_by = 'ed', decided_at = 'then' where ${ROW_TEXT} = 'Baghdad'`,
    );
    db.writerConnection.exec(
      `update mention set status = 'confirmed', decided_by = 'ed', decided_at = 'then' where ${ROW_TEXT} = '62.5 euros'`,
    );
    const decided = () => sql(`select * from mention where decided_by is not null order by id`);
    const before = decided();
    // The decision wrote the text out: it no longer follows the body.
    expect(before.map((m) => m.text)).toEqual(['Baghdad', '62.5 euros', 'Baghdad']);
    save();
    save();
    expect(decided()).toEqual(before);
    expect(
      mentions()
        .filter((m) => m.text === 'Baghdad')
        .map((m) => m.status),
    ).toEqual(['rejected', 'rejected']);
    // Another type for the same span is another suggestion; a person rejected only "place".
    save([...found(), at(BODY, 'Baghdad', 'organization')]);
    expect(
      mentions()
        .filter((m) => m.text === 'Baghdad')
        .map((m) => m.type),
    ).toEqual(['organization', 'place', 'place']);
  });

  it('adds no suggestion overlapping a confirmed mention', () => {
    save();
    db.writerConnection.exec(
      `update mention set status = 'confirmed', decided_by = 'ed', source = 'person', "end" = start + 4, text = 'Hadi' where ${ROW_TEXT} = 'Hadi al-Amiri'`,
    );
    save();
    expect(
      mentions()
        .filter((m) => m.start === 0)
        .map((m) => [m.text, m.status]),
    ).toEqual([['Hadi', 'confirmed']]);
  });

  it('reuses an existing entity with that spelling key, preferring a confirmed one, and follows merges', () => {
    const confirmed = Number(
      db.writerConnection
        .prepare(`insert into entity (type, name, status, created_by) values ('person', 'Hadi al-Amiri', 'confirmed', 'ed')`)
        .run().lastInsertRowid,
    );
    db.writerConnection
      .prepare(`insert into entity_alias (entity_id, name, key, created_by) values (?, 'Hadi al-Amiri', 'hadi al amiri', 'ed')`)
      .run(confirmed);
    save();
    expect(
      mentions()
        .filter((m) => m.type === 'person')
        .map((m) => m.entity_id),
    ).toEqual([confirmed, confirmed]);
    const into = Number(
      db.writerConnection.prepare(`insert into entity (type, name, status) values ('place', 'Baghdad City', 'confirmed')`).run()
        .lastInsertRowid,
    );
    const placeId = mentions().find((m) => m.type === 'place').entity_id;
    db.writerConnection.prepare('update entity set merged_into = ? where id = ?').run(into, placeId);
    save([{ ...at(BODY, 'Baghdad', 'place'), source: 'gazetteer', entityId: placeId }]);
    expect(mentions().find((m) => m.type === 'place').entity_id).toBe(into);
    // A machine match adds no spelling to a confirmed entity: its aliases are people's to choose.
    expect(one('select count(*) from entity_alias where entity_id in (?, ?)', confirmed, into)).toBe(1);
  });

  it('removes machine entities left with no mention, but never one a person made or merged', () => {
    save();
    const person = entities().find((e) => e.type === 'person');
    db.writerConnection.prepare(`update entity set created_by = 'ed' where id = ?`).run(person.id);
    save([at(BODY, 'Baghdad', 'place')]);
    expect(entities().map((e) => e.name)).toEqual(['Hadi al-Amiri', 'Baghdad']);
    expect(one('select count(*) from entity_alias where entity_id not in (select id from entity)')).toBe(0);
  });

  it('follows a person’s mentions into a changed body and drops those whose text is gone', async () => {
    save();
    db.writerConnection.exec(
      `update mention set status = 'confirmed', decided_by = 'ed' where ${ROW_TEXT} in ('HADI AL-AMIRI', '62.5 euros')`,
    );
    db.writerConnection.exec(`update mention set status = 'rejected', decided_by = 'ed' where ${ROW_TEXT} = '14 November 2014'`);
    const changed = 'A new first line.\n\n' + BODY.replace('14 November 2014', 'mid-November').replace('62.5 euros', 'a sum');
    const writer = new DocumentWriter(db);
    const collectionId = one(`select collection_id from document where id = ?`, docId);
    const { prepareDocument, sha256 } = await import('../server/pipeline/prepare-document.ts');
    const prepared = prepareDocument(
      { ref: 'C-1', body: changed, metadata: {} },
      { file: 'C-1.txt', fileSha256: sha256(changed), siblings: 1, index: 0 },
    );
    writer.saveAll([{ ...prepared, collectionId }], new Map([['C-1', docId]]));
    expect(repo.documentsToScan(false, EXTRACTOR)).toEqual([docId]);
    const result = save([
      at(changed, 'Hadi al-Amiri', 'person'),
      at(changed, 'HADI AL-AMIRI', 'person'),
      at(changed, 'mid-November', 'date'),
    ]);
    expect(result).toMatchObject({ saved: true, moved: 1, dropped: 2 });
    const kept = sql(`select start, "end", text, passage_id from mention where decided_by is not null`);
    expect(kept).toHaveLength(1);
    expect(changed.slice(kept[0].start, kept[0].end)).toBe('HADI AL-AMIRI');
    expect(kept[0].passage_id).toBe(passageId(docId, 3));
    for (const m of mentions()) expect(changed.slice(m.start, m.end)).toBe(m.text);
    expect(repo.documentsToScan(false, EXTRACTOR)).toEqual([]);
  });

  it('refuses to save for a body that changed since it was read, and skips unknown types', () => {
    expect(repo.saveDocument(docId, 'not-the-hash', found(), EXTRACTOR).saved).toBe(false);
    expect(mentions()).toEqual([]);
    expect(save([at(BODY, 'Baghdad', 'weather')]).suggested).toBe(0);
  });
});

describe('EntityExtractionRepository reads', () => {
  it('lists the confirmed entities’ names and aliases for the gazetteer', () => {
    save();
    const id = entities()[0].id;
    db.writerConnection.prepare(`update entity set status = 'confirmed' where id = ?`).run(id);
    db.writerConnection.prepare(`insert into entity_alias (entity_id, name, key) values (?, 'Hadi al-Ameri', 'hadi al ameri')`).run(id);
    expect(repo.gazetteerEntries().sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { entityId: id, type: 'person', name: 'Hadi al-Ameri' },
      { entityId: id, type: 'person', name: 'Hadi al-Amiri' },
    ]);
  });

  it('lists documents to scan: never scanned, or scanned by another extractor; all of them on request', async () => {
    const other = (await addDocuments(db, [{ ref: 'C-2', body: 'Nothing here.' }])).get('C-2')!;
    expect(repo.documentsToScan(false, EXTRACTOR)).toEqual([docId, other]);
    save();
    expect(repo.documentsToScan(false, EXTRACTOR)).toEqual([other]);
    expect(repo.documentsToScan(false, 'test/2')).toEqual([docId, other]);
    expect(repo.documentsToScan(true, EXTRACTOR)).toEqual([docId, other]);
  });
});
