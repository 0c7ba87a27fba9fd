import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDocuments } from '../fixtures/factories.ts';
import { EntitySeeder } from '../fixtures/entity-fixture.ts';
import { FOLD_VERSION } from '../server/pipeline/normalise.ts';
import { openDatabase } from './client.ts';
import { refreshFoldedIndex } from './folded-index.ts';
import { migrateTo, migrationNames } from './migrate.ts';

// Synthetic Persian text: the same verb written with a space, as older folding indexed it.
const BODY = 'منبع گفت که ما پول می خواهیم و کتاب‌ها را فرستادیم.';
let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-fold-'));
  path = join(dir, 'trove.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const matches = (db: Awaited<ReturnType<typeof openDatabase>>, term: string) =>
  db.writerConnection.prepare('select count(*) from passage_fts where passage_fts match ?').pluck().get(`"${term}"`);

describe('refreshFoldedIndex', () => {
  it('marks a new database as folded by this release and does nothing more', async () => {
    const db = await openDatabase(path, { readers: 0 });
    expect(db.writerConnection.prepare(`select value from setting where key = 'fold_version'`).pluck().get()).toBe(String(FOLD_VERSION));
    expect(refreshFoldedIndex(db)).toBeNull();
    await db.close();
  });

  it('re-indexes passages and re-keys spellings of an archive indexed under an older folding, once', async () => {
    const old = await openDatabase(path, { readers: 0 });
    await addDocuments(old, [{ ref: 'FA-1', body: BODY, language: 'fa' }]);
    const seed = new EntitySeeder(old);
    seed.entity('codename', 'باغ‌ها', { status: 'confirmed' });
    // What an older release wrote: words split at half-spaces and affixes, keys to match.
    const c = old.writerConnection;
    c.prepare(`insert into passage_fts (passage_fts) values ('delete-all')`).run();
    const passage = c.prepare(`select id from passage`).get() as { id: number };
    c.prepare('insert into passage_fts (rowid, title, text) values (?, ?, ?)').run(
      passage.id,
      '',
      'منبع گفت که ما پول می خواهیم و کتاب ها را فرستادیم',
    );
    c.prepare(`update entity_alias set key = 'باغ ها'`).run();
    c.prepare(`update setting set value = '1' where key = 'fold_version'`).run();
    expect(matches(old, 'میخواهیم')).toBe(0);
    await old.close();

    const told: number[] = [];
    const db = await openDatabase(path, { readers: 0, onReindex: (n) => told.push(n) });
    expect(told).toEqual([1]);
    expect(matches(db, 'میخواهیم')).toBe(1);
    expect(matches(db, 'کتابها')).toBe(1);
    expect(matches(db, 'منبع')).toBe(1);
    expect(db.writerConnection.prepare('select key from entity_alias').pluck().all()).toEqual(['باغها']);
    expect(db.writerConnection.prepare(`select count(*) from setting where key = 'vocabulary_mark'`).pluck().get()).toBe(0);
    expect(refreshFoldedIndex(db)).toBeNull();
    await db.close();
  });

  it('fills the search index again, text first, after migration 0019 emptied it, and changes nothing folded', async () => {
    const old = await openDatabase(path, { readers: 0 });
    await addDocuments(old, [
      { ref: 'EN-1', title: 'Baghdad station', body: 'The courier met the source at the bridge.' },
      { ref: 'FA-1', body: BODY, language: 'fa' },
    ]);
    const c = old.writerConnection;
    // Back to the layout before 0019 (title first), then forward again: the migration itself runs.
    await migrateTo(old.writer, '0018-jobs');
    // Going down empties the index too and drops the folding version, so the release before 0019 re-indexes on
    // opening (this code, which reads bodies packed since 0022, cannot stand in for it on that layout).
    expect(matches(old, 'courier')).toBe(0);
    expect(c.prepare(`select count(*) from setting where key = 'fold_version'`).pluck().get()).toBe(0);
    // What that release writes once it has re-indexed.
    c.prepare(`insert into setting (key, value) values ('fold_version', ?)`).run(String(FOLD_VERSION));
    expect(old.writerConnection.prepare(`select sql from sqlite_schema where name = 'passage_fts'`).pluck().get()).toMatch(
      /fts5\(\s*title, text,/,
    );
    c.prepare(`insert or replace into setting (key, value) values ('vocabulary_mark', 'kept')`).run();
    await migrateTo(old.writer, migrationNames.at(-1)!);
    expect(matches(old, 'courier')).toBe(0);
    await old.close();

    const told: Array<[number, string]> = [];
    const db = await openDatabase(path, { readers: 0, onReindex: (n, reason) => told.push([n, reason]) });
    try {
      expect(told).toEqual([[2, 'layout']]);
      const schema = db.writerConnection.prepare(`select sql from sqlite_schema where name = 'passage_fts'`).pluck().get();
      expect(schema).toMatch(/fts5\(\s*text, title,/);
      expect(matches(db, 'courier')).toBe(1);
      expect(matches(db, 'منبع')).toBe(1);
      const inTitle = db.writerConnection.prepare(`select count(*) from passage_fts where passage_fts match 'title : baghdad'`).pluck();
      expect(inTitle.get()).toBe(1);
      expect(db.writerConnection.prepare(`select value from setting where key = 'vocabulary_mark'`).pluck().get()).toBe('kept');
      expect(refreshFoldedIndex(db)).toBeNull();
    } finally {
      await db.close();
    }
  });
});
