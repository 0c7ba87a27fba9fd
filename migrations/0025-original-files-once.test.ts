// Synthetic rows written for this test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateTo } from '../db/migrate.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('migration 0025-original-files-once', () => {
  it('records a file once for the documents it holds, reads and writes document_original as the table did, and splits it again on the way down', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    const all = (query: string, ...params: unknown[]) => c.prepare(query).all(...params) as any[];
    const originals = () => all('select * from document_original order by document_id');
    const files = () => all('select count(*) as n from original_file')[0].n;
    const insert = (verb: string, id: number, sha: string, name: string, container: string | null = null) =>
      c
        .prepare(
          `${verb} into document_original (document_id, sha256, file_name, media_type, size, container_sha256) values (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, sha, name, 'application/jsonl', 100, container);
    try {
      await migrateTo(db.writer, '0024-original-hash-unindexed');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      for (let id = 1; id <= 8; id++) {
        c.prepare(
          `insert into document (id, collection_id, ref, kind, sha256, body_packed) values (?, 1, ?, 'cable', ?, 'Some text.')`,
        ).run(id, `D-${id}`, `h${id}`);
      }
      // Two records of one export, an attachment it carried, and the export again, after it.
      insert('insert', 1, A, 'part-1.jsonl');
      insert('insert', 2, A, 'part-1.jsonl');
      insert('insert', 3, B, 'scan.tif', A);
      insert('insert', 4, A, 'part-1.jsonl');
      const before = originals();

      await migrateTo(db.writer, '0025-original-files-once');
      expect(originals()).toEqual(before);
      expect(files()).toBe(2);
      const plan = all('explain query plan select sha256 from document_original where document_id = 2').map((r) => r.detail);
      expect(plan.join()).not.toMatch(/SCAN/);

      // The next records of the last file share its row; another file, or the same one after another, gets its own.
      insert('insert', 5, B, 'scan.tif', A);
      expect(files()).toBe(2);
      insert('insert', 6, A, 'part-1.jsonl');
      insert('insert', 7, A, 'part-1.jsonl');
      expect(files()).toBe(3);
      // A document keeps the original it has: an error, or nothing done when asked to ignore, and no file row left behind.
      expect(() => insert('insert', 7, C, 'other.txt')).toThrow(/UNIQUE/);
      insert('insert or ignore', 7, C, 'other.txt');
      expect(files()).toBe(3);
      expect(all('select sha256 from document_original where document_id = 7')).toEqual([{ sha256: A }]);

      c.prepare('update document_original set sha256 = ? where document_id = ?').run(C, 1);
      expect(all('select document_id, sha256 from document_original where document_id in (1, 2)')).toEqual([
        { document_id: 1, sha256: C },
        { document_id: 2, sha256: A },
      ]);
      c.prepare('delete from document_original where document_id = ?').run(2);
      c.exec('delete from document where id = 3');
      expect(originals().map((r) => r.document_id)).toEqual([1, 4, 5, 6, 7]);
      const after = originals();

      await migrateTo(db.writer, '0024-original-hash-unindexed');
      expect(all(`select type from sqlite_schema where name = 'document_original'`)).toEqual([{ type: 'table' }]);
      expect(originals()).toEqual(after);
      expect(all(`select name from sqlite_schema where name in ('original_file', 'document_file')`)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
