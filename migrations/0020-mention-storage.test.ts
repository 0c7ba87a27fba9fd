// Synthetic rows written for this test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrateTo } from '../db/migrate.ts';
import * as mentionStorage from './0020-mention-storage.ts';

// A character beyond U+FFFF before "Basra": SQLite's substr() and JavaScript's slice() count it differently.
const BODY = 'Hadi al-Amiri met the envoy in Baghdad. \u{1F600} Then Basra.';
const span = (word: string) => [BODY.indexOf(word), BODY.indexOf(word) + word.length] as const;

describe('migration 0020-mention-storage', () => {
  it('stores no text the body gives back, no suggestion timestamps, narrower indexes; down restores the old layout', async () => {
    const db = await openDatabase(':memory:', { migrate: false });
    const c = db.writerConnection;
    const all = (query: string) => c.prepare(query).all() as any[];
    const one = (query: string) => c.prepare(query).pluck().get() as any;
    const indexes = () =>
      all(`select name from sqlite_schema where type = 'index' and tbl_name = 'mention' order by name`).map((r) => r.name);
    const mentions = () => all('select id, text, created_at is not null as dated, status from mention order by id');
    try {
      await migrateTo(db.writer, '0019-search-index-text-first');
      c.exec(`insert into collection (id, name) values (1, 'c')`);
      c.prepare(
        `insert into document (id, collection_id, ref, kind, sha256, body, date) values (1, 1, 'D-1', 'cable', 'x', ?, '2014-11-14')`,
      ).run(BODY);
      c.exec(`insert into passage (id, document_id, ordinal, start, "end") values (16777216, 1, 0, 0, ${BODY.length})`);
      c.exec(`insert into entity (id, type, name) values (1, 'person', 'Hadi al-Amiri'), (2, 'place', 'Baghdad')`);
      const add = c.prepare(
        `insert into mention (document_id, passage_id, start, "end", text, type, entity_id, source, status, decided_by) values (1, 16777216, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      add.run(...span('Hadi al-Amiri'), 'Hadi al-Amiri', 'person', 1, 'model', 'suggested', null);
      add.run(...span('Baghdad'), 'Baghdad', 'place', 2, 'gazetteer', 'suggested', null);
      add.run(...span('Basra'), 'Basra', 'place', 2, 'gazetteer', 'suggested', null);
      add.run(...span('envoy'), 'envoy', 'person', 1, 'person', 'confirmed', 'ed');
      const before = all('select * from mention order by id');
      const oldIndexes = indexes();

      await migrateTo(db.writer, '0020-mention-storage');
      // Only the suggestions the body gives back lose their text; only the person's tag keeps its time.
      expect(mentions()).toEqual([
        { id: 1, text: null, dated: 0, status: 'suggested' },
        { id: 2, text: null, dated: 0, status: 'suggested' },
        { id: 3, text: 'Basra', dated: 0, status: 'suggested' },
        { id: 4, text: 'envoy', dated: 1, status: 'confirmed' },
      ]);
      expect(indexes()).toEqual([
        'mention_decided_idx',
        'mention_entity_date_idx',
        'mention_entity_idx',
        'mention_passage_idx',
        'mention_span_idx',
      ]);
      expect(one(`select sql from sqlite_schema where name = 'mention_passage_idx'`)).toMatch(/where status in/i);
      // The counting triggers came back: a new mention of Baghdad counts, and its removal counts off.
      expect(all('select entity_id, mentions, documents from entity_count order by entity_id')).toEqual([
        { entity_id: 1, mentions: 2, documents: 1 },
        { entity_id: 2, mentions: 2, documents: 1 },
      ]);
      const added = add.run(BODY.indexOf('Baghdad'), BODY.indexOf('Baghdad') + 4, null, 'place', 2, 'model', 'suggested', null);
      expect(one('select mention_count from entity where id = 2')).toBe(3);
      expect(one(`select document_date from mention where id = ${added.lastInsertRowid}`)).toBe('2014-11-14');
      c.exec(`delete from mention where id = ${added.lastInsertRowid}`);
      expect(one('select mentions from entity_count where entity_id = 2')).toBe(2);
      // A decision writes the text out, so that it follows the text and not the body from now on.
      c.exec(`update mention set status = 'rejected', decided_by = 'ed' where id = 2`);
      expect(one('select text from mention where id = 2')).toBe('Baghdad');
      expect(one('select mentions from entity_count where entity_id = 2')).toBe(1);
      c.exec(`update mention set status = 'suggested', decided_by = null, text = null where id = 2`);

      await migrateTo(db.writer, '0019-search-index-text-first');
      const after = all('select * from mention order by id');
      expect(after.map(({ created_at: _, ...m }) => m)).toEqual(before.map(({ created_at: _, ...m }) => m));
      expect(after.every((m) => typeof m.created_at === 'string')).toBe(true);
      expect(after[3].created_at).toBe(before[3].created_at);
      expect(indexes()).toEqual(oldIndexes);
      expect(one(`select "notnull" from pragma_table_info('mention') where name = 'text'`)).toBe(1);

      await migrateTo(db.writer, '0020-mention-storage');
      expect(mentions().map((m) => m.text)).toEqual([null, null, 'Basra', 'envoy']);
      // Killed after its commit but before the migrator recorded it, the step runs again to the same layout.
      const layout = [mentions(), indexes(), all(`select name from sqlite_schema where type = 'trigger' order by name`)];
      await mentionStorage.up(db.writer);
      expect([mentions(), indexes(), all(`select name from sqlite_schema where type = 'trigger' order by name`)]).toEqual(layout);
    } finally {
      await db.close();
    }
  });
});
