import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { OPERATOR } from '../../../db/access.ts';
import { createServices } from '../../services.ts';
import type { ImportOptions } from './import.service.ts';
import { passageTextSql } from '../../../db/passage-text.ts';

const FORMATS = resolve(import.meta.dirname, '../../../fixtures/formats');
const HOSTILE = resolve(import.meta.dirname, '../../../fixtures/hostile');

let dir: string;
let db: TroveDatabase;
const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
  collection: 'test',
  maxFileBytes: 50 * 1024 * 1024,
  baseDir: dir,
  ...extra,
});

async function counts() {
  const { rows } = await sql<{ documents: number; passages: number; indexed: number }>`
    select (select count(*) from document) as documents, (select count(*) from passage) as passages,
           (select count(*) from passage_fts) as indexed`.execute(db.writer);
  return rows[0]!;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-import-'));
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import', () => {
  it('imports every supported format from a folder, recursively, with passages that slice their bodies', async () => {
    const summary = await createServices(db).import.importPaths([FORMATS], options());
    // A format's sample may be skipped as the same bytes as an attachment read earlier (the PDF annex of a mail).
    const files = [...summary.documents, ...summary.skippedFiles].map((d) => d.file.split('/').pop());
    expect(files).toEqual(
      expect.arrayContaining(['sample.txt', 'sample.md', 'sample.html', 'sample.eml', 'sample.json', 'sample.jsonl', 'sample.pdf']),
    );
    expect(summary.failed.map((f) => f.file.split('/').pop())).toEqual(expect.arrayContaining(['sample.jsonl']));
    // A PDF without a text layer is imported with its pages, and queued for OCR.
    expect(files).toContain('no-text.pdf');
    const { rows } = await sql<{ body: string; start: number; end: number; text: string }>`
      select unpack_body(d.body_packed) as body, p.start, p."end", ${sql.raw(passageTextSql('p', 'd'))} as text from passage p join document d on d.id = p.document_id`.execute(
      db.writer,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.body.slice(row.start, row.end)).toBe(row.text);
    const c = await counts();
    expect(c.indexed).toBe(c.passages);
  });

  it('reports each bad file with its reason and imports the rest', async () => {
    for (const name of ['empty.txt', 'binary.txt', 'invalid-utf8.txt', 'bad-front-matter.md', 'malformed.json', 'truncated.pdf']) {
      copyFileSync(join(HOSTILE, name), join(dir, name));
    }
    writeFileSync(join(dir, 'good.txt'), 'A good document about the Basra meeting.');
    writeFileSync(join(dir, 'records.jsonl'), '{"ref":"R-1","text":"first record"}\n{"ref":\n{"ref":"R-3","text":"third record"}\n');
    const summary = await createServices(db).import.importPaths([dir], options());
    const failed = Object.fromEntries(summary.failed.map((f) => [`${f.file}${f.line ? `:${f.line}` : ''}`, f.reason]));
    expect(Object.keys(failed).sort()).toEqual(
      ['bad-front-matter.md', 'binary.txt', 'empty.txt', 'malformed.json', 'records.jsonl:2', 'truncated.pdf'].sort(),
    );
    for (const reason of Object.values(failed)) expect(reason).toMatch(/^[A-Z].*\.$/s);
    // Text that is not UTF-8 is decoded in the encoding it looks like, not refused (decode-text.helper.ts).
    expect(summary.documents.map((d) => d.ref).sort()).toEqual(['R-1', 'R-3', 'good', 'invalid-utf8']);
  });

  it('refuses files over the size limit without reading them', async () => {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2048));
    const summary = await createServices(db).import.importPaths([join(dir, 'big.txt')], options({ maxFileBytes: 1024 }));
    expect(summary.imported).toBe(0);
    expect(summary.failed).toEqual([{ file: 'big.txt', reason: 'The file is 2.0 KB, over the 1.0 KB limit (TROVE_MAX_FILE_MB).' }]);
  });

  it('lists an unsupported file named on the command line as ignored, as it would be in a folder, and a missing one as failed', async () => {
    writeFileSync(join(dir, 'notes.xyz'), 'not a format Trove reads');
    const summary = await createServices(db).import.importPaths([join(dir, 'notes.xyz'), join(dir, 'missing.txt')], options());
    expect(summary.ignored).toEqual([{ file: 'notes.xyz', reason: 'unsupported type: looks like text (.xyz)' }]);
    expect(summary.failed).toEqual([{ file: 'missing.txt', reason: 'No such file or folder.' }]);
  });

  it('is idempotent: the same content is never stored twice', async () => {
    const service = createServices(db).import;
    const first = await service.importPaths([FORMATS], options());
    const before = await counts();
    const second = await service.importPaths([FORMATS], options());
    expect(second.imported).toBe(0);
    expect(second.skipped).toBe(first.imported + first.skipped);
    expect(await counts()).toEqual(before);
  });

  it('replaces a document whose source changed, keeping its id, and keeps two same-named files apart', async () => {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'cable.md'), '---\nref: C-1\n---\nOld text about Najaf.');
    const service = createServices(db).import;
    const first = await service.importPaths([join(dir, 'a')], options());
    writeFileSync(join(dir, 'a', 'cable.md'), '---\nref: C-1\n---\nNew text about Karbala.\n\nAnd a second paragraph.');
    const second = await service.importPaths([join(dir, 'a')], options());
    expect(second.updated).toBe(1);
    expect(second.documents[0]!.id).toBe(first.documents[0]!.id);
    const detail = await createServices(db).documents.byRef('C-1', OPERATOR);
    expect(detail.passages.map((p) => p.text)).toEqual(['New text about Karbala.', 'And a second paragraph.']);
    expect((await createServices(db).search.run({ q: 'najaf' }, OPERATOR)).total).toBe(0);

    writeFileSync(join(dir, 'b', 'note.txt'), 'first note');
    mkdirSync(join(dir, 'b', 'sub'));
    writeFileSync(join(dir, 'b', 'sub', 'note.txt'), 'second note');
    const notes = await service.importPaths([join(dir, 'b')], options());
    expect(notes.imported).toBe(2);
    expect(new Set(notes.documents.map((d) => d.ref)).size).toBe(2);
  });

  it('reports progress through every file', async () => {
    const seen: number[] = [];
    let total = 0;
    await createServices(db).import.importPaths(
      [FORMATS],
      options({ onProgress: (p) => (seen.push(p.filesDone), (total = p.filesTotal)) }),
    );
    expect(total).toBeGreaterThanOrEqual(8);
    expect(seen.at(-1)).toBe(total);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('uses --kind for documents that do not say their kind', async () => {
    writeFileSync(join(dir, 'report.txt'), 'A report quoting “the cable”.');
    writeFileSync(join(dir, 'cable.md'), '---\nkind: cable\n---\nA cable.');
    await createServices(db).import.importPaths([dir], options({ kind: 'report' }));
    expect((await createServices(db).documents.byRef('report', OPERATOR)).document.kind).toBe('report');
    expect((await createServices(db).documents.byRef('cable', OPERATOR)).document.kind).toBe('cable');
  });
});
