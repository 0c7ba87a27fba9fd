// Synthetic rows written for this test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateTo } from '../db/migrate.ts';
import { ValueVersion } from '../db/value-version.mjs';

describe('migration 0027-value-versions', () => {
  it('counts edits and deletions of what the facet and mention values hold, and nothing else', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    try {
      await migrateTo(db.writer, '0027-value-versions');
      const documents = new ValueVersion(c, 'documents');
      const mentions = new ValueVersion(c, 'mentions');
      const readings = () => [documents.read(), mentions.read()];
      expect(readings()).toEqual(['0/0', '0/0']);

      c.exec(`insert into collection (id, name) values (1, 'c')`);
      c.exec(`insert into document (id, collection_id, ref, kind, sha256, body_packed) values (1, 1, 'D-1', 'cable', x'01', 'Some text.')`);
      c.exec(`insert into entity (id, type, name) values (1, 'person', 'A'), (2, 'person', 'B')`);
      c.exec(
        `insert into mention (id, document_id, passage_id, start, "end", type, entity_id, source) values (1, 1, 16777216, 0, 4, 'person', 1, 'rule')`,
      );
      // New rows show as the last id; no trigger runs on an insert.
      expect(readings()).toEqual(['1/0', '1/0']);

      c.exec(`update document set title = 'A title', metadata = '{"x":1}'`);
      c.exec(`update mention set text = 'Some', decided_by = 'someone'`);
      c.exec(`update entity set name = 'A.'`);
      expect(readings()).toEqual(['1/0', '1/0']);

      c.exec(`update document set origin = 'Basra'`);
      c.exec(`update collection set name = 'renamed'`);
      expect(readings()).toEqual(['1/2', '1/0']);
      c.exec(`update mention set status = 'rejected'`);
      c.exec(`update entity set merged_into = 2 where id = 1`);
      expect(readings()).toEqual(['1/2', '1/2']);
      c.exec(`delete from document`);
      // The mention goes with its document, and counts as deleted too.
      expect(readings()).toEqual(['0/3', '0/3']);

      await migrateTo(db.writer, '0026-document-hash-bytes');
      expect(c.prepare(`select count(*) from sqlite_master where name like 'value_version%'`).pluck().get()).toBe(0);
      expect(readings()).toEqual([null, null]);
    } finally {
      await db.close();
    }
  });
});
