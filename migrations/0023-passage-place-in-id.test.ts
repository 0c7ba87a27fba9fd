// Synthetic rows written for this test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateTo } from '../db/migrate.ts';

const FACTOR = 2 ** 24;

describe('migration 0023-passage-place-in-id', () => {
  it('computes document and ordinal from the id, drops their index, deletes passages with their document, and stores them again on the way down', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    const all = (query: string) => c.prepare(query).all() as any[];
    const indexes = () => all(`select name from sqlite_schema where type = 'index' and tbl_name = 'passage'`).map((r) => r.name);
    try {
      await migrateTo(db.writer, '0022-bodies-packed');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      for (const id of [1, 2]) {
        c.prepare(
          `insert into document (id, collection_id, ref, kind, sha256, body_packed) values (?, 1, ?, 'cable', ?, 'Two short lines of text.')`,
        ).run(id, `D-${id}`, `h${id}`);
        for (const ordinal of [0, 1]) {
          c.prepare(`insert into passage (id, document_id, ordinal, start, "end", start_astral) values (?, ?, ?, ?, ?, ?)`).run(
            id * FACTOR + ordinal,
            id,
            ordinal,
            ordinal * 10,
            ordinal * 10 + 9,
            ordinal,
          );
        }
      }
      const before = all('select id, document_id, ordinal, start, "end", start_astral, end_astral from passage order by id');
      expect(indexes()).toContain('sqlite_autoindex_passage_1');

      await migrateTo(db.writer, '0023-passage-place-in-id');
      expect(all('select id, document_id, ordinal, start, "end", start_astral, end_astral from passage order by id')).toEqual(before);
      expect(indexes()).toEqual([]);
      expect(() => c.prepare(`insert into passage (id, document_id, start, "end") values (?, 3, 0, 5)`).run(3 * FACTOR)).toThrow(
        /generated column/,
      );
      // A document's passages are found by their id range, not by reading every passage.
      const plan = all(`explain query plan select id from passage where id between ${FACTOR} and ${2 * FACTOR - 1}`);
      expect(plan.map((r) => r.detail).join()).toMatch(/USING INTEGER PRIMARY KEY/);

      c.exec('delete from document where id = 1');
      expect(all('select id from passage order by id').map((r) => r.id)).toEqual([2 * FACTOR, 2 * FACTOR + 1]);
      expect(all('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);

      await migrateTo(db.writer, '0022-bodies-packed');
      expect(all('select id, document_id, ordinal, start, "end", start_astral, end_astral from passage order by id')).toEqual(
        before.slice(2),
      );
      expect(indexes()).toContain('sqlite_autoindex_passage_1');
      expect(all(`select name from sqlite_schema where type = 'trigger' and name = 'passage_deleted_with_document'`)).toEqual([]);
      c.exec('delete from document where id = 2');
      expect(all('select count(*) as n from passage')).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('stops, keeping the passage table, when a passage is not numbered by its document and ordinal', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    try {
      await migrateTo(db.writer, '0022-bodies-packed');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      c.exec(
        `insert into document (id, collection_id, ref, kind, sha256, body_packed) values (1, 1, 'D-1', 'cable', 'h', 'Some text here.')`,
      );
      c.exec(`insert into passage (id, document_id, ordinal, start, "end") values (5, 1, 0, 0, 4)`);
      await expect(migrateTo(db.writer, '0023-passage-place-in-id')).rejects.toThrow(/Passage 5 is not numbered/);
      expect(c.prepare('select document_id from passage where id = 5').pluck().get()).toBe(1);
    } finally {
      await db.close();
    }
  });
});
