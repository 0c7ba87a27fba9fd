// An import that dies part way (kill -9 between its transactions, or after them) and is run again ends as one
// clean import would: the in-process halves of bin/import-crash.test.ts, each at one exact moment.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { DocumentWriter } from '../../../db/document-writer.ts';
import { createServices } from '../../services.ts';
import { DEFAULT_MAX_FILE_BYTES, ImportService } from './import.service.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-resume-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an interrupted import, run again', () => {
  it('keeps two records claiming one ref when the import stopped between them', async () => {
    const records = join(dir, 'shared-ref');
    mkdirSync(records);
    writeFileSync(join(records, '1.jsonl'), '{"ref":"X","text":"first version"}\n');
    writeFileSync(join(records, '2.jsonl'), '{"ref":"X","text":"second version"}\n');
    const db = await openDatabase(':memory:', { readers: 0 });
    try {
      let writes = 0;
      // The process dies before its second transaction: only the first record is stored.
      const dying = new ImportService(new DocumentWriter(db), {
        syncOriginals: async () => {
          if (++writes === 2) throw new Error('killed');
        },
      });
      const options = { collection: 'default', maxFileBytes: DEFAULT_MAX_FILE_BYTES, batchDocuments: 1 };
      await expect(dying.importPaths([records], options)).rejects.toThrow('killed');
      const again = await new ImportService(new DocumentWriter(db)).importPaths([records], options);
      expect({ imported: again.imported, updated: again.updated, skipped: again.skipped }).toEqual({ imported: 1, updated: 0, skipped: 1 });
      const stored = db.writerConnection.prepare('select unpack_body(body_packed) from document order by id').pluck().all();
      expect(stored).toEqual(['first version', 'second version']);
    } finally {
      await db.close();
    }
  });

  it('joins a translation to its original when the import stopped after storing them', async () => {
    const records = join(dir, 'translated');
    mkdirSync(records);
    const cable = { ref: 'CABLE-9', language: 'en', text: 'The convoy left the harbour at dawn.' };
    writeFileSync(
      join(records, 'cable.jsonl'),
      `${JSON.stringify({ ...cable, translation: 'کاروان سحرگاه بندر را ترک کرد.', translation_language: 'fa' })}\n`,
    );
    const options = { collection: 'default', maxFileBytes: DEFAULT_MAX_FILE_BYTES };
    const joins = async (importInto: (db: TroveDatabase) => Promise<void>) => {
      const db = await openDatabase(':memory:', { readers: 0 });
      try {
        await importInto(db);
        return db.writerConnection.prepare('select translation_id, original_id, declared_by from document_translation order by 1, 2').all();
      } finally {
        await db.close();
      }
    };
    const importWith = async (db: TroveDatabase) => {
      const services = createServices(db);
      await services.import.importPaths([records], options);
      await services.extraction.close();
    };
    const clean = await joins(importWith);
    const resumed = await joins(async (db) => {
      // The process dies once the documents are committed, before anything that follows them.
      const dying = new ImportService(new DocumentWriter(db), {
        afterImport: async () => {
          throw new Error('killed');
        },
      });
      await expect(dying.importPaths([records], options)).rejects.toThrow('killed');
      expect(db.writerConnection.prepare('select count(*) from document_translation').pluck().get()).toBe(0);
      await importWith(db);
    });
    expect(clean.length).toBeGreaterThan(0);
    expect(resumed).toEqual(clean);
  });
});
