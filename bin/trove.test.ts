import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../bench/corpus.ts';
import { buildApp } from '../server/app.ts';
import { openDatabase } from '../db/client.ts';
import { addAccount, createToken } from '../fixtures/accounts.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TROVE = join(ROOT, 'bin/trove.js');
let dir: string;
// Each process loads for seconds before its command starts: two of them can pass the default 30 s on a loaded machine.
const TWO_PROCESSES = { timeout: 120_000 };

function trove(...args: string[]) {
  const result = spawnSync(process.execPath, [TROVE, '--db', join(dir, 'cli.db'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trove-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trove command line', () => {
  it('explains itself with --help', TWO_PROCESSES, () => {
    const help = trove('--help');
    expect(help.status).toBe(0);
    for (const command of ['serve', 'import', 'search']) expect(help.stdout).toContain(command);
    expect(trove('import', '--help').stdout).toContain('--collection');
  });

  it('imports with a JSON summary and a non-zero exit when a file failed', TWO_PROCESSES, () => {
    // Text formats and a folder of mail; the scans, office files and archives have their own tests.
    const files = ['sample.txt', 'sample.md', 'sample.html', 'sample.json', 'sample.jsonl', 'sample.pdf', 'mail'].map(
      (f) => `fixtures/formats/${f}`,
    );
    const result = trove('import', ...files, 'fixtures/hostile/empty.txt', '--json', '--collection', 'formats');
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ imported: expect.any(Number), skipped: expect.any(Number) });
    expect(summary.failed).toContainEqual({ file: 'fixtures/hostile/empty.txt', reason: 'The file is empty.' });
    expect(summary.documents[0]).toEqual({
      id: expect.any(Number),
      ref: expect.any(String),
      file: expect.stringMatching(/^fixtures\/formats\//),
    });
    const db = new BetterSqlite3(join(dir, 'cli.db'), { readonly: true });
    const event = db.prepare(`select actor, action, subject_id, after from audit_event where action = 'import.run'`).get() as Record<
      string,
      string
    >;
    // The words of fuzzy~ search are added before the command ends (see bin/trove.ts), not only on the first such search.
    const fuzzyWords = db.prepare(`select count(*) from vocabulary_term where term = 'sample'`).pluck().get();
    db.close();
    expect(fuzzyWords).toBe(1);
    expect(event).toMatchObject({ actor: expect.stringMatching(/^cli:/), subject_id: 'formats' });
    expect(JSON.parse(event.after!)).toMatchObject({ imported: summary.imported, failed: summary.failed.length });
    // The import is a row of the job table too, so that the admin page shows it while it runs.
    const jobs = trove('jobs');
    expect(jobs.status).toBe(0);
    expect(jobs.stdout).toMatch(/^\s+1 {2}import\s+done\s+(\d+)\/\1 files \(100%\).* by cli:/);
  });

  it('searches with the same JSON the API returns', async () => {
    const cli = trove('search', 'meeting OR sample', '--json');
    expect(cli.status).toBe(0);
    // The import made an internal collection: the API shows it to any signed-in account, here a script's token.
    const db = await openDatabase(join(dir, 'cli.db'), { readers: 0 });
    await addAccount(db, 'script', 'viewer');
    const token = await createToken(db, 'script');
    await db.close();
    const app = await buildApp({ databasePath: join(dir, 'cli.db') });
    try {
      const url = `/api/search?q=${encodeURIComponent('meeting OR sample')}`;
      const api = (await app.inject({ url, headers: { authorization: `Bearer ${token}` } })).json();
      expect(JSON.parse(cli.stdout)).toEqual(api);
      expect(api.total).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('says what is wrong with a broken query, with exit code 2', () => {
    const result = trove('search', '"unclosed');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('The query has an unclosed quote at position 1.');
  });
});

// Four transactions of a quarter of the corpus each, as 4,000 documents in the default batches of 1,000 would be,
// at a quarter of the cost: the kill lands after the first, and the re-run has three left to do.
const CRASH_DOCUMENTS = 1000;
const crashEnv = { ...process.env, TROVE_IMPORT_BATCH: String(CRASH_DOCUMENTS / 4) };

describe('import after a crash', () => {
  it('leaves no half-written document when killed, and a re-run finishes the job without duplicates', async () => {
    const corpus = writeCorpus(join(dir, 'corpus'), CRASH_DOCUMENTS, 7);
    const dbPath = join(dir, 'crash.db');
    const child = spawn(process.execPath, [TROVE, '--db', dbPath, 'import', corpus, '--json'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: crashEnv,
    });
    let documents = 0;
    for (let tries = 0; tries < 600 && documents === 0; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const probe = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
        documents = (probe.prepare('select count(*) as n from document').get() as { n: number }).n;
        probe.close();
      } catch {
        // the database file does not exist yet
      }
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(documents).toBeGreaterThan(0);

    const db = new BetterSqlite3(dbPath);
    const state = db
      .prepare(
        `select (select count(*) from document) as documents,
                (select count(*) from document where id not in (select document_id from passage)) as without_passages,
                (select count(*) from passage) as passages, (select count(*) from passage_fts) as indexed`,
      )
      .get() as { documents: number; without_passages: number; passages: number; indexed: number };
    expect(state.documents).toBeLessThan(CRASH_DOCUMENTS);
    expect(state.without_passages).toBe(0);
    expect(state.indexed).toBe(state.passages);
    db.prepare(`insert into passage_fts(passage_fts, rank) values ('integrity-check', 0)`).run();
    db.close();

    const rerun = spawnSync(process.execPath, [TROVE, '--db', dbPath, 'import', corpus, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: crashEnv,
    });
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary.skipped).toBe(state.documents);
    expect(summary.imported).toBe(CRASH_DOCUMENTS - state.documents);
    const after = new BetterSqlite3(dbPath, { readonly: true });
    expect(after.prepare('select count(*) as n, count(distinct sha256) as shas from document').get()).toEqual({
      n: CRASH_DOCUMENTS,
      shas: CRASH_DOCUMENTS,
    });
    // The killed import's job row is over, and the re-run's finished every file.
    expect(after.prepare('select state, error is not null as said from job order by id').all()).toEqual([
      { state: 'failed', said: 1 },
      { state: 'done', said: 0 },
    ]);
    after.close();
  }, 180_000);
});
