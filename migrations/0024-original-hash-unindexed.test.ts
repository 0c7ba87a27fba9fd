// Synthetic rows written for this test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateTo } from '../db/migrate.ts';

describe('migration 0024-original-hash-unindexed', () => {
  it('drops the index no read uses, keeps every original, and builds the index again on the way down', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    const indexes = () =>
      (
        c
          .prepare(`select name from sqlite_schema where type = 'index' and tbl_name = 'document_original' and sql is not null`)
          .all() as any[]
      ).map((r) => r.name);
    try {
      await migrateTo(db.writer, '0023-passage-place-in-id');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      c.exec(
        `insert into document (id, collection_id, ref, kind, sha256, body_packed) values (1, 1, 'D-1', 'cable', 'h', 'Some text here.')`,
      );
      c.exec(
        `insert into document_original (document_id, sha256, file_name, media_type, size) values (1, '${'ab'.repeat(32)}', 'd1.txt', 'text/plain', 15)`,
      );
      expect(indexes()).toContain('document_original_sha256_idx');

      await migrateTo(db.writer, '0024-original-hash-unindexed');
      expect(indexes()).not.toContain('document_original_sha256_idx');
      expect(c.prepare('select sha256 from document_original where document_id = 1').pluck().get()).toBe('ab'.repeat(32));

      await migrateTo(db.writer, '0023-passage-place-in-id');
      expect(indexes()).toContain('document_original_sha256_idx');
    } finally {
      await db.close();
    }
  });
});
