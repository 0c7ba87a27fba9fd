// Synthetic rows written for this test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateTo } from '../db/migrate.ts';

const HASH = '0123456789abcdef'.repeat(4);

describe('migration 0026-document-hash-bytes', () => {
  it('stores each content hash as its 32 bytes, still unique, and as hex again on the way down', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    const insert = (id: number, sha: unknown) =>
      c
        .prepare(`insert into document (id, collection_id, ref, kind, sha256, body_packed) values (?, 1, ?, 'cable', ?, 'Some text.')`)
        .run(id, `D-${id}`, sha);
    try {
      await migrateTo(db.writer, '0025-original-files-once');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      insert(1, HASH);
      insert(2, 'f'.repeat(64));

      await migrateTo(db.writer, '0026-document-hash-bytes');
      expect(
        c.prepare('select typeof(sha256) as type, length(sha256) as bytes, lower(hex(sha256)) as hex from document where id = 1').get(),
      ).toEqual({
        type: 'blob',
        bytes: 32,
        hex: HASH,
      });
      expect(() => insert(3, Buffer.from(HASH, 'hex'))).toThrow(/UNIQUE/);

      await migrateTo(db.writer, '0025-original-files-once');
      expect(c.prepare('select sha256 from document order by id').pluck().all()).toEqual([HASH, 'f'.repeat(64)]);
    } finally {
      await db.close();
    }
  });

  it('stops, keeping every hash, when one is not a SHA-256 in hex', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    try {
      await migrateTo(db.writer, '0025-original-files-once');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      c.prepare(`insert into document (id, collection_id, ref, kind, sha256, body_packed) values (1, 1, 'A', 'cable', ?, 'x')`).run(HASH);
      c.prepare(
        `insert into document (id, collection_id, ref, kind, sha256, body_packed) values (7, 1, 'B', 'cable', 'not-a-hash', 'x')`,
      ).run();
      await expect(migrateTo(db.writer, '0026-document-hash-bytes')).rejects.toThrow(/Document 7 has a content hash that is not a SHA-256/);
      expect(c.prepare('select sha256 from document order by id').pluck().all()).toEqual([HASH, 'not-a-hash']);
    } finally {
      await db.close();
    }
  });
});
