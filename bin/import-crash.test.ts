// `kill -9` of `trove import` at seeded random moments (storing originals, between batches, during entity
// extraction), then a re-run to completion: the archive must end up exactly as one clean import of the same
// folder leaves it (nothing lost, nothing twice), and sound. The exact moments are timing: the seed picks delays.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, openDatabase } from '../db/client.ts';
import { DocumentWriter } from '../db/document-writer.ts';
import { OriginalsRepository } from '../db/originals.repository.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { DEFAULT_MAX_FILE_BYTES, ImportService } from '../server/modules/import/import.service.ts';
import { OriginalsService } from '../server/modules/originals/originals.service.ts';
import { OriginalsStore, PARTIAL_PREFIX } from '../server/modules/originals/originals.store.ts';
import { documentOfRow } from '../server/pipeline/quotes/index-rows.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TROVE = join(ROOT, 'bin/trove.js');
// Another seed replays other kill moments: TROVE_CRASH_SEED=7 npx vitest run bin/import-crash.test.ts
const SEED = Number(process.env.TROVE_CRASH_SEED ?? 20261201);
// Small transactions, so that a kill lands between commits and a re-run meets a half-imported folder.
const BATCH = '5';
const WORDS = 'port cable embassy minister treaty oil harbour ledger convoy signal archive border customs tanker'.split(' ');

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About 200 documents: text files (two pairs sharing a name, one pair sharing content) and JSON Lines records. */
function writeArchive(dir: string, random: () => number): void {
  const paragraph = (n: number) =>
    `${Array.from({ length: 15 + Math.floor(random() * 40) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')} item${n}.`;
  for (const folder of ['notes/a', 'notes/b']) mkdirSync(join(dir, folder), { recursive: true });
  for (let i = 0; i < 90; i++) {
    const folder = i % 2 === 0 ? 'notes/a' : 'notes/b';
    // note-0 and note-1 end up in both folders: one ref, two contents.
    writeFileSync(join(dir, folder, `note-${i < 2 ? 0 : i}.txt`), [paragraph(i), paragraph(i + 1), paragraph(i + 2)].join('\n\n'));
  }
  writeFileSync(join(dir, 'notes/copy-of-note-2.txt'), 'Same words as another file.\n');
  writeFileSync(join(dir, 'notes/note-copy.txt'), 'Same words as another file.\n');
  for (let f = 0; f < 4; f++) {
    const records = Array.from({ length: 28 }, (_, k) => ({
      // Record 0 of every file claims the same ref with other text: the later ones must be kept beside it, not over it.
      ref: k === 0 ? 'REC-SHARED' : `REC-${f}-${k}`,
      title: `Record ${f}-${k}`,
      text: `${paragraph(k)}\n\n${paragraph(k + 7)}`,
    }));
    writeFileSync(join(dir, `records-${f}.jsonl`), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startImport(dbPath: string, folder: string): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [TROVE, '--db', dbPath, 'import', folder], {
    cwd: ROOT,
    env: { ...process.env, TROVE_IMPORT_BATCH: BATCH, FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Run>((finish) => child.on('close', (status, signal) => finish({ status, signal, stdout, stderr })));
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function count(dbPath: string, table: 'document' | 'entity_scan'): number {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`select count(*) from ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

const storedFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

type Phase = 'originals' | 'batches' | 'extraction';

/** What has to change before a kill aimed at each phase: the first original stored, a further batch, a further scan. */
function watchFor(phase: Phase, dbPath: string, originals: string): () => boolean {
  if (phase === 'originals') return () => storedFiles(originals).length > 0;
  const table = phase === 'batches' ? 'document' : 'entity_scan';
  const start = count(dbPath, table);
  return () => count(dbPath, table) > start;
}

/** Starts an import, waits until `phase` has begun, then `delay` ms more, and kills it (unless it ended first). */
async function importAndKill(dbPath: string, folder: string, originals: string, phase: Phase, delay: number) {
  const begun = watchFor(phase, dbPath, originals);
  const { child, done } = startImport(dbPath, folder);
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished && !begun()) await sleep(20);
  await sleep(delay);
  const killed = !finished && child.kill('SIGKILL');
  const run = await done;
  return {
    phase,
    delay,
    killed: killed && run.signal === 'SIGKILL',
    documents: count(dbPath, 'document'),
    scanned: count(dbPath, 'entity_scan'),
  };
}

interface Snapshot {
  documents: Array<{ ref: string; sha256: string; passages: string[] }>;
  passages: number;
  matches: number;
  originals: string[];
}

/** Everything a second import could get wrong, read back; passage text from the body by its offsets. */
function snapshot(dbPath: string, originalsDir: string): Snapshot {
  const db = openConnection(dbPath, true);
  try {
    const bodies = db.prepare('select id, ref, sha256, unpack_body(body_packed) as body from document order by ref').all() as Array<{
      id: number;
      ref: string;
      sha256: string;
      body: string;
    }>;
    const passages = db.prepare('select document_id, start, "end" from passage order by document_id, ordinal').all() as Array<{
      document_id: number;
      start: number;
      end: number;
    }>;
    const byDocument = new Map<number, string[]>(bodies.map((d) => [d.id, []]));
    const bodyOf = new Map(bodies.map((d) => [d.id, d.body]));
    for (const p of passages) {
      const body = bodyOf.get(p.document_id)!;
      expect(p.start >= 0 && p.start < p.end && p.end <= body.length, `passage ${p.start}-${p.end} in ${body.length}`).toBe(true);
      byDocument.get(p.document_id)!.push(body.slice(p.start, p.end));
    }
    const matches = db.prepare(`select count(*) as n from passage_fts where passage_fts match 'harbour OR tanker'`).get() as { n: number };
    return {
      documents: bodies.map((d) => ({ ref: d.ref, sha256: d.sha256, passages: byDocument.get(d.id)! })),
      passages: passages.length,
      matches: matches.n,
      originals: storedFiles(originalsDir),
    };
  } finally {
    db.close();
  }
}

/** SQLite's own checks, the search index's, and the originals store against the documents naming its files. */
function checkSound(dbPath: string, originalsDir: string): void {
  const db = new BetterSqlite3(dbPath, { fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // passage_fts is contentless, so this checks the index's own structure (there is no content to compare with)...
    db.prepare(`insert into passage_fts (passage_fts, rank) values ('integrity-check', 1)`).run();
    // ...and its row list (kept in passage_fts_docsize) is compared with the passages here.
    const unindexed = db.prepare('select id from passage except select id from passage_fts_docsize').all();
    const stray = db.prepare('select id from passage_fts_docsize except select id from passage').all();
    expect({ unindexed, stray }).toEqual({ unindexed: [], stray: [] });
    // The quote index (contentless FTS5 too; empty until an archive has reports) holds no row of a document that is gone.
    db.prepare(`insert into passage_shingle_fts (passage_shingle_fts, rank) values ('integrity-check', 1)`).run();
    const sources = new Set(db.prepare(`select id from document where kind != 'report'`).pluck().all());
    const rows = db.prepare('select id from passage_shingle_fts_docsize').pluck().all() as number[];
    expect(rows.filter((row) => !sources.has(documentOfRow(row)))).toEqual([]);
    const named = new Set(
      (
        db.prepare('select sha256 from document_original union select container_sha256 from document_original').pluck().all() as string[]
      ).filter(Boolean),
    );
    const files = storedFiles(originalsDir);
    expect(files.filter((f) => f.startsWith(PARTIAL_PREFIX))).toEqual([]);
    expect(files.filter((f) => !named.has(f))).toEqual([]);
    const unscanned = db.prepare(
      'select count(*) from document d left join entity_scan s on s.document_id = d.id where s.document_id is null',
    );
    expect(unscanned.pluck().get(), 'documents never scanned for entities').toBe(0);
  } finally {
    db.close();
  }
}

/** The same folder imported once, in this process, through the same import service and originals store. */
async function cleanImport(folder: string): Promise<Snapshot> {
  const database = await createTestDatabase();
  const originalsDir = join(database.path, '..', 'originals');
  const db = await openDatabase(database.path, { readers: 0 });
  try {
    const originals = new OriginalsService(new OriginalsStore(originalsDir), new OriginalsRepository(db.lightReader));
    const service = new ImportService(new DocumentWriter(db), {
      keepOriginal: originals.keep,
      syncOriginals: originals.sync,
      originalsDir,
    });
    const summary = await service.importPaths([folder], { collection: 'default', maxFileBytes: DEFAULT_MAX_FILE_BYTES });
    expect(summary.failed).toEqual([]);
  } finally {
    await db.close();
  }
  try {
    return snapshot(database.path, originalsDir);
  } finally {
    database.cleanup();
  }
}

let dir: string;
let folder: string;
let database: { path: string; cleanup(): void };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-crash-'));
  folder = join(dir, 'leak');
  writeArchive(folder, seeded(SEED));
  database = await createTestDatabase();
});

afterAll(() => {
  database?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 during trove import', () => {
  it('loses nothing and duplicates nothing once the import is run again', { timeout: 240_000 }, async () => {
    const random = seeded(SEED + 1);
    const originalsDir = join(database.path, '..', 'originals');
    const expected = await cleanImport(folder);
    const total = expected.documents.length;
    const kills = [];
    for (const phase of ['originals', 'batches', 'extraction'] as const) {
      // A kill that came late leaves nothing of the import phase to hit.
      if (phase === 'batches' && count(database.path, 'document') === total) continue;
      kills.push(await importAndKill(database.path, folder, originalsDir, phase, Math.floor(random() * 400)));
    }
    const before = count(database.path, 'document');
    const last = await startImport(database.path, folder).done;

    expect(kills.filter((k) => k.killed).length, `seed ${SEED}: ${JSON.stringify(kills)}`).toBeGreaterThan(0);
    expect(last.status, last.stderr).toBe(0);
    // Without a terminal the output is the summary alone: no progress line, no cursor movement.
    const output = `${last.stdout}${last.stderr}`;
    expect([output.includes('\r'), output.includes('\u001b')]).toEqual([false, false]);
    // The re-run says what it found done already and adds only the rest, replacing nothing.
    const line = /: (\d+) imported, (\d+) updated, (\d+) skipped \(already imported\), 0 failed/.exec(last.stdout);
    expect(line, last.stdout).not.toBeNull();
    const [imported, updated, skipped] = line!.slice(1).map(Number);
    expect({ imported, updated }).toEqual({ imported: expected.documents.length - before, updated: 0 });
    // The two files of identical content count one as skipped in any import.
    expect(skipped).toBe(before + 1);

    const crashed = snapshot(database.path, originalsDir);
    expect(crashed.documents.length).toBe(expected.documents.length);
    expect(crashed.passages).toBe(expected.passages);
    expect(crashed.matches).toBe(expected.matches);
    expect(crashed.documents).toEqual(expected.documents);
    expect(new Set(crashed.documents.map((d) => d.ref)).size).toBe(crashed.documents.length);
    expect(crashed.originals).toEqual(expected.originals);
    checkSound(database.path, originalsDir);
  });
});
