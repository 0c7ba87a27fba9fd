import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { buildApp } from '../server/app.ts';
import { backupDatabase, type BackupError } from './backup.ts';
import { openDatabase, type TroveDatabase } from './client.ts';

let source: { path: string; cleanup(): void };
let db: TroveDatabase;
let dir: string;

const count = (connection: BetterSqlite3.Database, table: string) =>
  (connection.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  source = await createTestDatabase({ sampleArchive: true });
  dir = mkdtempSync(join(tmpdir(), 'trove-backup-'));
  // The server's connection, kept open throughout. About 20 MB of filler makes the copy take several steps.
  db = await openDatabase(source.path, { readers: 0 });
  db.writerConnection.exec('create table filler (id integer primary key, data blob)');
  const insert = db.writerConnection.prepare('insert into filler (data) values (randomblob(1000000))');
  db.writerConnection.transaction(() => {
    for (let i = 0; i < 20; i++) insert.run();
  })();
});

afterAll(async () => {
  await db.close();
  source.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<BackupError> {
  return promise.then(
    () => expect.fail('the backup should have been refused'),
    (error: BackupError) => error,
  );
}

describe('backupDatabase', () => {
  it('copies a consistent snapshot while another connection keeps writing', async () => {
    const documents = count(db.writerConnection, 'document');
    const write = db.writerConnection.prepare('insert into filler (data) values (randomblob(1000))');
    let steps = 0;
    const file = join(dir, 'live.db');

    // Progress runs between copy steps, so each of these writes lands in the middle of the backup.
    const result = await backupDatabase(source.path, file, {
      onProgress: () => {
        steps++;
        write.run();
      },
    });

    expect(steps).toBeGreaterThan(3);
    expect(result).toMatchObject({ file, bytes: expect.any(Number), milliseconds: expect.any(Number) });
    expect(result.bytes).toBeGreaterThan(20_000_000);
    const copy = new BetterSqlite3(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(count(copy, 'document')).toBe(documents);
      expect(count(copy, 'document')).toBeGreaterThan(0);
      // The snapshot from the start: none of the writes made during the copy.
      expect(count(copy, 'filler')).toBe(20);
      expect(count(db.writerConnection, 'filler')).toBe(20 + steps);
    } finally {
      copy.close();
    }
  });

  it('refuses to overwrite a file unless asked to, and leaves no partial file behind', async () => {
    const file = join(dir, 'existing.db');
    writeFileSync(file, 'keep me');
    const refused = await rejection(backupDatabase(source.path, file));
    expect(refused.code).toBe('backup.exists');
    expect(readFileSync(file, 'utf8')).toBe('keep me');

    await backupDatabase(source.path, file, { overwrite: true });
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('says what is wrong with the source or the destination', async () => {
    expect((await rejection(backupDatabase(join(dir, 'missing.db'), join(dir, 'a.db')))).code).toBe('backup.no_database');
    expect((await rejection(backupDatabase(source.path, join(dir, 'no/such/folder.db')))).code).toBe('backup.no_folder');
    expect((await rejection(backupDatabase(source.path, source.path))).code).toBe('backup.same_file');
    const text = join(dir, 'text.txt');
    writeFileSync(text, 'not a database, but long enough to look like one might be here '.repeat(20));
    const notDb = await rejection(backupDatabase(text, join(dir, 'b.db')));
    expect(notDb.code).toBe('backup.not_a_database');
    expect(notDb.message).toBe(`${text} is not a SQLite database.`);
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
  });
});

describe('backupDatabase with the originals store', () => {
  const store = () => join(dirname(source.path), 'originals');
  const referenced = () =>
    db.writerConnection.prepare('select distinct sha256 from document_original order by 1').pluck().all() as string[];

  it('copies the originals the snapshot refers to beside the backup, and a database restored from it serves them', async () => {
    const shas = referenced();
    expect(shas.length).toBeGreaterThan(10);
    mkdirSync(join(dir, 'nightly'));
    const file = join(dir, 'nightly', 'trove.db');
    const result = await backupDatabase(source.path, file, { originals: { from: store() } });
    expect(result.originals).toMatchObject({
      dir: join(dir, 'nightly', 'originals'),
      files: shas.length,
      copied: shas.length,
      missing: [],
    });
    expect(readdirSync(join(dir, 'nightly', 'originals')).sort()).toEqual(shas);
    for (const sha of shas) expect(readFileSync(join(dir, 'nightly', 'originals', sha))).toEqual(readFileSync(join(store(), sha)));

    // A second backup into the same folder copies only what is new (nothing here).
    const again = await backupDatabase(source.path, join(dir, 'nightly', 'trove-2.db'), { originals: { from: store() } });
    expect(again.originals).toMatchObject({ files: shas.length, copied: 0 });

    // Restoring is opening the backup where it is (or copying the file and its originals/ folder back).
    const [id, sha] = db.writerConnection.prepare('select document_id, sha256 from document_original limit 1').raw().get() as [
      number,
      string,
    ];
    const app = await buildApp({ databasePath: file });
    try {
      const response = await app.inject({ url: `/api/documents/${id}/original` });
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload).toEqual(readFileSync(join(store(), sha)));
    } finally {
      await app.close();
    }
  });

  it('reports an original missing from the store instead of failing the backup', async () => {
    const [id, sha] = db.writerConnection.prepare('select document_id, sha256 from document_original limit 1').raw().get() as [
      number,
      string,
    ];
    const lost = 'e'.repeat(64);
    db.writerConnection.prepare('update document_original set sha256 = ? where document_id = ?').run(lost, id);
    try {
      const result = await backupDatabase(source.path, join(dir, 'lost.db'), {
        originals: { from: store(), to: join(dir, 'lost-originals') },
      });
      expect(result.originals?.missing).toEqual([lost]);
      expect(existsSync(join(dir, 'lost-originals', lost))).toBe(false);
    } finally {
      db.writerConnection.prepare('update document_original set sha256 = ? where document_id = ?').run(sha, id);
    }
  });

  it('leaves no backup file when its originals cannot be copied', async () => {
    writeFileSync(join(dir, 'blocked-originals'), 'a file where the folder should go');
    const file = join(dir, 'blocked.db');
    await expect(
      backupDatabase(source.path, file, { originals: { from: store(), to: join(dir, 'blocked-originals') } }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/EEXIST|ENOTDIR/),
    });
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
