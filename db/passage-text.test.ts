import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { segment } from '../server/pipeline/segment.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { DocumentsRepository } from './documents.repository.ts';
import { migrateTo, migrationNames } from './migrate.ts';
import { astralShifts, passageTextSql } from './passage-text.ts';

// Text that makes UTF-16 offsets and SQLite's character counts part ways: emoji (some with
// joiners and variation selectors), letters beyond U+FFFF, Persian with half spaces, combining marks.
const PIECES = [
  'the ministry',
  'کتاب‌ها',
  'می‌خواهیم',
  '😀',
  '👩‍👩‍👧',
  '🇮🇷',
  '❤️',
  '𠀀𠀁',
  '𝔄𝔟',
  'é',
  'e\u0301',
  ' ',
  '\n',
  '\n\n',
  '. ',
  '؟ ',
];
const body = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 400 })
  .map((parts) => parts.join('').trim())
  .filter((b) => b.length > 0);

function storedTexts(db: TroveDatabase) {
  return db.writerConnection
    .prepare<[], { body: string; start: number; end: number; text: string }>(
      `select unpack_body(d.body_packed) as body, p.start, p."end", ${passageTextSql('p', 'd')} as text from passage p join document d on d.id = p.document_id order by p.id`,
    )
    .all();
}

describe('passage text cut from the body', () => {
  let db: TroveDatabase;
  beforeEach(async () => {
    db = await openDatabase(':memory:', { readers: 0 });
  });
  afterEach(async () => {
    await db.close();
  });

  it('counts the characters beyond U+FFFF before each offset', () => {
    expect(
      astralShifts('a😀b𠀀c', [
        { start: 0, end: 1 },
        { start: 1, end: 4 },
        { start: 4, end: 7 },
      ]),
    ).toEqual([
      { startAstral: 0, endAstral: 0 },
      { startAstral: 0, endAstral: 1 },
      { startAstral: 1, endAstral: 2 },
    ]);
    expect(astralShifts('plain', [{ start: 0, end: 5 }])).toEqual([{ startAstral: 0, endAstral: 0 }]);
  });

  it('gives back exactly body.slice(start, end) for every passage, in SQL and through the repository', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 4 }), async (bodies) => {
        await addDocuments(
          db,
          bodies.map((b, i) => ({ ref: `P-${n}-${i}`, body: b })),
          `c${n++}`,
        );
        for (const row of storedTexts(db)) expect(row.text).toBe(row.body.slice(row.start, row.end));
        const [last] = db.writerConnection
          .prepare<[], { id: number; body: string }>('select id, unpack_body(body_packed) as body from document order by id desc')
          .all();
        const passages = await new DocumentsRepository(db.writer).passagesOf(last!.id);
        expect(passages.map((p) => p.text)).toEqual(segment(last!.body).map((p) => p.text));
      }),
      { numRuns: 60 },
    );
  });
});

describe('migration 0016-text-once', () => {
  const mine = migrationNames.indexOf('0016-text-once');
  const before = migrationNames[mine - 1]!;

  it('drops the stored text only where the body gives it back, and restores it on the way down', async () => {
    const db = await openDatabase(':memory:', { migrate: false, readers: 0 });
    try {
      await migrateTo(db.writer, before);
      const bodies = ['Plain cable text.\n\nSecond paragraph.', 'Emoji 😀 first.\n\nThen 𠀀 and کتاب‌ها here.\n\n👩‍👩‍👧 last.'];
      const c = db.writerConnection;
      c.prepare(`insert into collection (id, name) values (1, 'c')`).run();
      for (const [i, b] of bodies.entries()) {
        c.prepare(`insert into document (id, collection_id, ref, kind, sha256, body) values (?, 1, ?, 'cable', ?, ?)`).run(
          i + 1,
          `R${i}`,
          `h${i}`,
          b,
        );
        for (const p of segment(b)) {
          c.prepare('insert into passage (id, document_id, ordinal, start, "end", text) values (?, ?, ?, ?, ?, ?)').run(
            (i + 1) * 1_000_000 + p.ordinal,
            i + 1,
            p.ordinal,
            p.start,
            p.end,
            p.text,
          );
        }
      }
      const texts = bodies.flatMap((b) => segment(b).map((p) => p.text));
      await migrateTo(db.writer, '0016-text-once');
      // Cut as the code of that layout did, with substr() and the astral shifts (the body unpacked since 0022).
      const cut = c.prepare<[], string>(
        `select substr(d.body, p.start - p.start_astral + 1, (p."end" - p.end_astral) - (p.start - p.start_astral))
         from passage p join document d on d.id = p.document_id order by p.id`,
      );
      expect(cut.pluck().all()).toEqual(texts);
      const columns = await sql<{ name: string }>`select name from pragma_table_info('passage')`.execute(db.writer);
      expect(columns.rows.map((r) => r.name)).not.toContain('text');

      await migrateTo(db.writer, before);
      const restored = c.prepare<[], string>('select text from passage order by id').pluck().all();
      expect(restored).toEqual(texts);
    } finally {
      await db.close();
    }
  });

  it('refuses to drop a passage text its offsets do not give back', async () => {
    const db = await openDatabase(':memory:', { migrate: false, readers: 0 });
    try {
      await migrateTo(db.writer, before);
      const c = db.writerConnection;
      c.prepare(`insert into collection (id, name) values (1, 'c')`).run();
      c.prepare(`insert into document (id, collection_id, ref, kind, sha256, body) values (1, 1, 'R', 'cable', 'h', 'Body text.')`).run();
      c.prepare(`insert into passage (id, document_id, ordinal, start, "end", text) values (1000000, 1, 0, 0, 10, 'Other text')`).run();
      await expect(migrateTo(db.writer, '0016-text-once')).rejects.toThrow(/does not match its document's text/);
      expect(c.prepare<[], string>('select text from passage').pluck().get()).toBe('Other text');
    } finally {
      await db.close();
    }
  });
});
