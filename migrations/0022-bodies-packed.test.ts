// Synthetic rows written for this test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateTo } from '../db/migrate.ts';

// Long enough to deflate; a character beyond U+FFFF before "Basra", where substr() and slice() disagree.
const LONG = `${'The envoy met the harbour director in Baghdad on Tuesday. '.repeat(20)}\u{1F600} Then Basra.`;
const SHORT = 'A short note.';

describe('migration 0022-bodies-packed', () => {
  it('packs every body that deflate shrinks, keeps the text exact, writes decided mentions out by JavaScript offsets, and unpacks on the way down', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    const all = (query: string) => c.prepare(query).all() as any[];
    try {
      await migrateTo(db.writer, '0021-quote-index-rows');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      const insert = c.prepare(`insert into document (id, collection_id, ref, kind, sha256, body) values (?, 1, ?, 'cable', ?, ?)`);
      insert.run(1, 'D-1', 'a', LONG);
      insert.run(2, 'D-2', 'b', SHORT);
      c.exec(`insert into entity (id, type, name) values (1, 'place', 'Basra')`);

      await migrateTo(db.writer, '0022-bodies-packed');
      expect(all('select id, typeof(body_packed) as stored from document order by id')).toEqual([
        { id: 1, stored: 'blob' },
        { id: 2, stored: 'text' },
      ]);
      const packed = c.prepare<[], Buffer>('select body_packed from document where id = 1').pluck().get()!;
      expect(packed.length).toBeLessThan(Buffer.byteLength(LONG) / 4);
      expect(all('select unpack_body(body_packed) as body from document order by id').map((r) => r.body)).toEqual([LONG, SHORT]);

      // A person's tag after the emoji: the trigger writes out exactly body.slice(start, end).
      const start = LONG.indexOf('Basra');
      c.prepare(
        `insert into mention (document_id, passage_id, start, "end", text, type, entity_id, source, status, decided_by)
         values (1, 16777216, ?, ?, null, 'place', 1, 'person', 'confirmed', 'ed')`,
      ).run(start, start + 5);
      expect(all('select text from mention')).toEqual([{ text: 'Basra' }]);

      await migrateTo(db.writer, '0021-quote-index-rows');
      expect(all('select typeof(body) as stored, body from document order by id')).toEqual([
        { stored: 'text', body: LONG },
        { stored: 'text', body: SHORT },
      ]);
      // The older trigger is back and names the column it has again.
      c.exec(`update mention set text = null, status = 'rejected' where id = 1`);
      expect(all('select text from mention')).toHaveLength(1);
      expect(all(`select sql from sqlite_schema where name = 'mention_text_kept_update'`)[0].sql).toMatch(/substr\(d\.body,/);
    } finally {
      await db.close();
    }
  });
});
