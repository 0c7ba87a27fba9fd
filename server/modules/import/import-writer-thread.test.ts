// An import of more than one batch writes on a thread of its own while the next batch is prepared: the
// archive it stores is the one an import written in turn would store, and a failed batch leaves nothing of itself.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { DocumentWriter, type NewDocument } from '../../../db/document-writer.ts';
import { DocumentWriterThread, DocumentWriterThreadError } from '../../../db/document-writer-thread.ts';
import { DEFAULT_MAX_FILE_BYTES, ImportService, type ImportHooks } from './import.service.ts';

let dir: string;
let records: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-writer-thread-'));
  records = join(dir, 'records');
  mkdirSync(records);
  // Synthetic records, several passages each, in files of three.
  for (let f = 0; f < 4; f++) {
    const lines = [0, 1, 2].map((r) => {
      const n = f * 3 + r;
      return JSON.stringify({
        ref: `SYN-${n}`,
        title: `Synthetic cable ${n}`,
        text: `Field report ${n}.\n\nThe station met source ${n * 7}.`,
      });
    });
    writeFileSync(join(records, `part-${f}.jsonl`), `${lines.join('\n')}\n`);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = { collection: 'default', maxFileBytes: DEFAULT_MAX_FILE_BYTES, batchDocuments: 2 };

async function withDatabase<T>(name: string, use: (db: TroveDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabase(join(dir, `${name}.db`), { readers: 0 });
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

function stored(db: TroveDatabase) {
  const c = db.writerConnection;
  return {
    documents: c.prepare('select id, ref, title, unpack_body(body_packed) as body from document order by id').all(),
    passages: c.prepare('select id, document_id, ordinal, start, "end" from passage order by id').all(),
    matches: c.prepare(`select rowid from passage_fts where passage_fts match 'station' order by rowid`).pluck().all(),
    counted: c.prepare('select document_count from collection').pluck().all(),
  };
}

describe('the import writer thread', () => {
  it('stores what an import written in turn stores, batch by batch, in order', async () => {
    let opened = 0;
    const threaded: ImportHooks = {
      writerThread: () => {
        opened++;
        return new DocumentWriterThread(join(dir, 'threaded.db'));
      },
    };
    const inTurn = await withDatabase('in-turn', async (db) => {
      const summary = await new ImportService(new DocumentWriter(db)).importPaths([records], options);
      return { summary, ...stored(db) };
    });
    const inThread = await withDatabase('threaded', async (db) => {
      const summary = await new ImportService(new DocumentWriter(db), threaded).importPaths([records], options);
      return { summary, ...stored(db) };
    });
    expect(opened).toBe(1);
    expect(inThread.summary.imported).toBe(12);
    expect(inThread.summary.documents.map((d) => d.ref)).toEqual(inTurn.summary.documents.map((d) => d.ref));
    expect(inThread.documents).toEqual(inTurn.documents);
    expect(inThread.passages).toEqual(inTurn.passages);
    expect(inThread.matches).toHaveLength(12);
    expect(inThread.matches).toEqual(inTurn.matches);
    expect(inThread.counted).toEqual([12]);
  });

  it('rolls a failed batch back whole and says why', async () => {
    await withDatabase('failing', async (db) => {
      const template = (await new ImportService(new DocumentWriter(db)).importPaths([join(records, 'part-0.jsonl')], options)).documents;
      expect(template).toHaveLength(3);
      const before = stored(db);
      const thread = new DocumentWriterThread(join(dir, 'failing.db'));
      try {
        const good: NewDocument = {
          ref: 'NEW-1',
          refDerived: false,
          kind: 'cable',
          title: null,
          date: null,
          dateText: null,
          language: null,
          origin: null,
          author: null,
          classification: null,
          sourceFile: 'new.jsonl',
          sha256: 'a'.repeat(64),
          body: 'A new synthetic passage.',
          metadata: {},
          indexTitle: '',
          passages: [{ ordinal: 0, start: 0, end: 24, text: 'A new synthetic passage.', indexText: 'a new synthetic passage' }],
          translationClaims: [],
          collectionId: 1,
        };
        // The second document names a collection that does not exist.
        const bad = { ...good, ref: 'NEW-2', sha256: 'b'.repeat(64), collectionId: 999 };
        const failure = await thread.saveAll([good, bad], new Map()).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(DocumentWriterThreadError);
        expect((failure as DocumentWriterThreadError).code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
        expect(stored(db)).toEqual(before);
        // Batches sent after it are refused, not stored out of order: re-running the import stores them.
        await expect(thread.saveAll([good], new Map())).rejects.toThrow(/an earlier batch of this import failed/);
        expect(stored(db)).toEqual(before);
      } finally {
        await thread.close();
      }
    });
  });
});
