import { afterEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { prepareDocument, sha256 } from '../server/pipeline/prepare-document.ts';
import { ANONYMOUS, OPERATOR } from './access.ts';
import { openDatabase, type TroveDatabase } from './client.ts';
import { migrateTo, migrationNames } from './migrate.ts';
import { passageId } from './passage-id.ts';
import { VocabularyRepository } from './vocabulary.repository.ts';

// Synthetic OCR-like text, written for this test.
const CABLES = [
  { ref: 'V-1', title: 'Oswaid at the consulate', body: 'OSWAID ASKED FOR A VISA.\n\nOSWAID LEFT.' },
  { ref: 'V-2', body: 'A CALL FROM 0SWALD, TRANSCRIBED BY ۲ OFFICERS.' },
];

let db: TroveDatabase;
afterEach(async () => db?.close());

const terms = (d: TroveDatabase) =>
  Object.fromEntries(
    d.writerConnection
      .prepare<[], { term: string; passages: number }>('select term, passages from vocabulary_term order by term')
      .all()
      .map((r) => [r.term, r.passages]),
  );

/** What the writer of a release before 0015-text-once stored: passages with their own text. */
function addBeforeTextOnce(d: TroveDatabase, docs: typeof CABLES): void {
  const c = d.writerConnection;
  c.prepare(`insert into collection (id, name) values (1, 'old')`).run();
  for (const [i, doc] of docs.entries()) {
    const p = prepareDocument({ metadata: {}, ...doc }, { file: `${doc.ref}.txt`, fileSha256: sha256(doc.ref), siblings: 1, index: 0 });
    const id = Number(
      c
        .prepare(`insert into document (collection_id, ref, kind, title, sha256, body) values (1, ?, ?, ?, ?, ?)`)
        .run(p.ref, p.kind, p.title, sha256(`${p.sha256}-${i}`), p.body).lastInsertRowid,
    );
    for (const passage of p.passages) {
      const rowid = passageId(id, passage.ordinal);
      c.prepare('insert into passage (id, document_id, ordinal, start, "end", text) values (?, ?, ?, ?, ?, ?)').run(
        rowid,
        id,
        passage.ordinal,
        passage.start,
        passage.end,
        passage.text,
      );
      c.prepare('insert into passage_fts (rowid, title, text) values (?, ?, ?)').run(rowid, p.indexTitle, passage.indexText);
    }
  }
}

describe('VocabularyRepository', () => {
  it('migration 0011 fills the vocabulary of an archive indexed before it, from the index itself', async () => {
    db = await openDatabase(':memory:', { migrate: false });
    await migrateTo(db.writer, migrationNames[migrationNames.indexOf('0011-vocabulary') - 1]!);
    addBeforeTextOnce(db, CABLES);
    await migrateTo(db.writer, migrationNames.at(-1)!);
    // The title is indexed with each passage, so its words count once per passage.
    expect(terms(db)).toMatchObject({ oswaid: 2, '0swald': 1, consulate: 2, 2: 1 });
    const vocabulary = new VocabularyRepository(db);
    expect(vocabulary.refresh()).toEqual({ documents: 0, passages: 0 });
    // Its words spelt backwards are filled by that first refresh, so both halves of a walk find them.
    expect(
      vocabulary
        .closeTo('oswald', 1)
        .matches.map((m) => m.term)
        .sort(),
    ).toEqual(['0swald', 'oswaid']);
  });

  it('adds the words of documents written since the last refresh, folded as the index folds them, and only those', async () => {
    db = await openDatabase(':memory:');
    const vocabulary = new VocabularyRepository(db);
    const fillers = Array.from({ length: 4 }, (_, i) => ({ ref: `F-${i}`, body: 'Filler text.' }));
    // Most of the archive is new: read from the index in one pass.
    await addDocuments(db, [...CABLES, ...fillers]);
    expect(vocabulary.refresh()).toEqual({ documents: 6, passages: 7 });
    expect(terms(db)).toMatchObject({ oswaid: 2, '0swald': 1, 2: 1, asked: 1, filler: 4 });
    expect(vocabulary.refresh()).toEqual({ documents: 0, passages: 0 });
    // A few new documents among many: their text is folded and counted; a timestamp later than the first ones'.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await addDocuments(db, [{ ref: 'V-3', body: 'كنسولگري OSWAID' }]);
    expect(vocabulary.refresh()).toEqual({ documents: 1, passages: 1 });
    expect(terms(db)).toMatchObject({ oswaid: 3, کنسولگری: 1, filler: 4 });
    // Both ways count alike: the same as FTS5's own list of its words.
    db.writerConnection.exec('create virtual table temp.v using fts5vocab(main, passage_fts, row)');
    const index = db.writerConnection.prepare<[], { term: string; doc: number }>('select term, doc from temp.v').all();
    expect(terms(db)).toEqual(Object.fromEntries(index.map((r) => [r.term, r.doc])));
    expect(vocabulary.closeTo('کنسولکری', 1).matches.map((m) => m.term)).toEqual(['کنسولگری']);
  });

  it('finds close words with their distances, and keeps only those the scope may read', async () => {
    db = await openDatabase(':memory:');
    const vocabulary = new VocabularyRepository(db);
    await addDocuments(db, CABLES);
    await addDocuments(db, [{ ref: 'S-1', body: 'OSWALT IN THE VAULT.' }], 'vault', 'restricted');
    vocabulary.refresh();
    const walk = vocabulary.closeTo('oswald', 1);
    expect(walk.matches.map((m) => [m.term, m.distance]).sort()).toEqual([
      ['0swald', 1],
      ['oswaid', 1],
      ['oswalt', 1],
    ]);
    expect(await vocabulary.readable(['oswaid', 'oswalt', '0swald'], false, OPERATOR)).toEqual(['oswaid', 'oswalt', '0swald']);
    expect(await vocabulary.readable(['oswaid', 'oswalt', '0swald'], false, ANONYMOUS)).toEqual(['oswaid', '0swald']);
    // In the title of V-1 only; 0swald is in no title.
    expect(await vocabulary.readable(['oswaid', '0swald'], true, OPERATOR)).toEqual(['oswaid']);
  });
});
