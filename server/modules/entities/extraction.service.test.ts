// Synthetic documents written for these tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { EntityExtractionRepository } from '../../../db/entity-extraction.repository.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import type { FoundMention } from '../../pipeline/entities/entity.types.ts';
import type { Extractor } from './extraction.extractor.ts';
import { ExtractionService } from './extraction.service.ts';

let db: TroveDatabase;
let ids: number[];

beforeEach(async () => {
  db = await openDatabase(':memory:');
  const docs = Array.from({ length: 150 }, (_, i) => ({ ref: `C-${i}`, body: `Cable ${i}: the envoy reached Baghdad.` }));
  ids = [...(await addDocuments(db, docs)).values()];
});
afterEach(() => db.close());

const count = (query: string) => db.writerConnection.prepare(query).pluck().get() as number;

/** Finds "Baghdad" as a place; `gate` holds each batch until the test lets it go. */
function fakeExtractor(options: { fail?: string; gate?: Promise<void> } = {}) {
  const calls: Array<{ documents: number; gazetteer: boolean }> = [];
  const extractor: Extractor = {
    parallelism: 1,
    async extract(documents, gazetteer) {
      calls.push({ documents: documents.length, gazetteer: gazetteer !== null });
      await options.gate;
      if (options.fail) throw new Error(options.fail);
      return documents.map((d) => {
        const start = d.body.indexOf('Baghdad');
        const mention: FoundMention = { type: 'place', start, end: start + 7, text: 'Baghdad', source: 'model' };
        return { documentId: d.id, sha256: d.sha256, mentions: [mention] };
      });
    },
    close: async () => undefined,
  };
  return { extractor, calls };
}

function service(extractor: Extractor, audit?: (entry: unknown) => Promise<void>) {
  const clock = () => new Date('2026-01-02T03:04:05.000Z');
  return new ExtractionService(new EntityExtractionRepository(db), {
    isOpen: () => db.writerConnection.open,
    createExtractor: () => extractor,
    clock,
    audit,
  });
}

describe('ExtractionService', () => {
  it('runs queued documents in batches, sends the gazetteer once, and reports progress to the end', async () => {
    const { extractor, calls } = fakeExtractor();
    const extraction = service(extractor);
    expect(extraction.status()).toEqual({ state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null, error: null });
    const queued = extraction.queue(ids);
    expect(queued).toMatchObject({ state: 'running', done: 0, total: 150 });
    const final = await extraction.whenIdle();
    expect(final).toEqual({
      state: 'idle',
      done: 150,
      total: 150,
      startedAt: '2026-01-02T03:04:05.000Z',
      finishedAt: '2026-01-02T03:04:05.000Z',
      error: null,
    });
    expect(calls).toEqual([
      { documents: 64, gazetteer: true },
      { documents: 64, gazetteer: false },
      { documents: 22, gazetteer: false },
    ]);
    expect(count('select count(*) from mention')).toBe(150);
    expect(count('select count(*) from entity')).toBe(1);
    expect(count('select count(*) from entity_scan')).toBe(150);
  });

  it('adds documents queued while it runs to the same run', async () => {
    let open!: () => void;
    const { extractor } = fakeExtractor({ gate: new Promise((resolve) => (open = resolve)) });
    const extraction = service(extractor);
    extraction.queue(ids.slice(0, 10));
    expect(extraction.queue(ids.slice(5, 20)).total).toBe(20);
    open();
    expect((await extraction.whenIdle()).done).toBe(20);
  });

  it('answers other work while a run waits on its thread', async () => {
    let open!: () => void;
    const { extractor } = fakeExtractor({ gate: new Promise((resolve) => (open = resolve)) });
    const extraction = service(extractor);
    extraction.queue(ids);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(extraction.status().state).toBe('running');
    expect(count('select count(*) from document')).toBe(150);
    open();
    await extraction.whenIdle();
  });

  it('reports a failure in the state instead of throwing', async () => {
    const extraction = service(fakeExtractor({ fail: 'the model file is damaged' }).extractor);
    extraction.queue(ids);
    const final = await extraction.whenIdle();
    expect(final).toMatchObject({ state: 'idle', done: 0, error: 'Extraction stopped: the model file is damaged' });
    expect(count('select count(*) from mention')).toBe(0);
    // The next run starts clean.
    const again = service(fakeExtractor().extractor);
    again.queue(ids.slice(0, 3));
    expect(await again.whenIdle()).toMatchObject({ done: 3, error: null });
  });

  it('starts with the stale documents, or all of them, and audits who asked', async () => {
    const entries: unknown[] = [];
    const extraction = service(fakeExtractor().extractor, async (entry) => void entries.push(entry));
    expect((await extraction.start({}, { id: 1, name: 'ada' })).total).toBe(150);
    await extraction.whenIdle();
    await addDocuments(db, [{ ref: 'NEW', body: 'A new cable from Baghdad.' }]);
    expect((await extraction.start({})).total).toBe(1);
    await extraction.whenIdle();
    expect((await extraction.start({ all: true }, { id: 1, name: 'ada' })).total).toBe(151);
    await extraction.whenIdle();
    expect(entries[0]).toEqual({
      actorId: 1,
      actor: 'ada',
      action: 'extraction.start',
      subjectType: 'extraction',
      subjectId: 'pending',
      after: { all: false, documents: 150 },
    });
    expect(entries[2]).toMatchObject({ subjectId: 'all', after: { all: true, documents: 151 } });
  });

  it('spreads a confirmed entity: the documents holding one of its spellings run again with a fresh gazetteer', async () => {
    const { extractor, calls } = fakeExtractor();
    const extraction = service(extractor);
    const c = db.writerConnection;
    const other = (await addDocuments(db, [{ ref: 'ELSEWHERE', body: 'Nothing about the capital here.' }])).get('ELSEWHERE')!;
    const id = Number(
      c.prepare(`insert into entity (type, name, status, created_by) values ('place', 'Baghdad', 'confirmed', 'ed')`).run().lastInsertRowid,
    );
    c.prepare(`insert into entity_alias (entity_id, name, key, created_by) values (?, 'Baghdad', 'baghdad', 'ed')`).run(id);
    expect(extraction.spread(id)).toMatchObject({ state: 'running', total: 150 });
    await extraction.whenIdle();
    expect(calls[0]).toEqual({ documents: 64, gazetteer: true });
    expect(c.prepare('select count(*) from entity_scan where document_id = ?').pluck().get(other)).toBe(0);
    expect(extraction.spread(999)).toMatchObject({ state: 'idle', total: 150 });
  });

  it('stops quietly when the database is closed under it', async () => {
    let open!: () => void;
    const { extractor } = fakeExtractor({ gate: new Promise((resolve) => (open = resolve)) });
    const extraction = service(extractor);
    extraction.queue(ids);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await db.close();
    open();
    expect((await extraction.whenIdle()).state).toBe('idle');
    db = await openDatabase(':memory:');
  });
});
