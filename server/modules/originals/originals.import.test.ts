// Importing a folder, a zip and mail with attachments keeps every file's original, and a file whose
// original cannot be kept is not imported (so no document points at a missing file).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { DocumentWriter } from '../../../db/document-writer.ts';
import { writeOriginalsFixture, type OriginalsFixture } from '../../../fixtures/originals/make-originals.ts';
import { createServices } from '../../services.ts';
import { ImportService, type ImportOptions } from '../import/import.service.ts';

let dir: string;
let db: TroveDatabase;
let fixture: OriginalsFixture;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const options = (): ImportOptions => ({ collection: 'test', maxFileBytes: 1e6, baseDir: join(dir, 'in') });

interface LinkRow {
  source_file: string;
  sha256: string | null;
  file_name: string | null;
  media_type: string | null;
  size: number | null;
  container_sha256: string | null;
}
const links = () =>
  db.writerConnection
    .prepare(
      `select d.source_file, o.sha256, o.file_name, o.media_type, o.size, o.container_sha256
       from document d left join document_original o on o.document_id = d.id order by d.source_file`,
    )
    .all() as LinkRow[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-originals-import-'));
  mkdirSync(join(dir, 'in'));
  fixture = writeOriginalsFixture(join(dir, 'in'));
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('originals kept on import', () => {
  it('keeps every file of a folder, a zip and mail with attachments, each linked to its documents', async () => {
    const summary = await createServices(db).import.importPaths([join(dir, 'in')], options());
    expect(summary.failed).toEqual([]);
    const all = { ...fixture.files, ...fixture.inner };
    delete all['leak.zip'];
    const rows = links();
    expect(rows.map((r) => r.source_file).sort()).toEqual(Object.keys(all).sort());
    const zip = sha(fixture.files['leak.zip']!);
    for (const row of rows) {
      const bytes = all[row.source_file]!;
      expect(row, row.source_file).toMatchObject({ sha256: sha(bytes), size: bytes.length });
      expect(readFileSync(join(dir, 'originals', row.sha256!))).toEqual(Buffer.from(bytes));
      // Files unpacked from the zip name it as their container; the others have none.
      expect(row.container_sha256).toBe(row.source_file.startsWith('leak.zip!/') ? zip : null);
    }
    // The zip itself is kept too, though no document is the zip.
    expect(readFileSync(join(dir, 'originals', zip))).toEqual(Buffer.from(fixture.files['leak.zip']!));
    const byFile = Object.fromEntries(rows.map((r) => [r.source_file, r]));
    expect(byFile['mail.eml!/memo.txt']).toMatchObject({ file_name: 'memo.txt', media_type: 'text/plain' });
    expect(byFile['cables/گزارش.md']).toMatchObject({ file_name: 'گزارش.md', media_type: 'text/markdown' });
    expect(byFile['notice.html']).toMatchObject({ file_name: 'notice.html', media_type: 'text/html' });
    expect(byFile['leak.zip!/mail.eml']).toMatchObject({ file_name: 'mail.eml', media_type: 'message/rfc822' });
    expect(readdirSync(join(dir, 'originals')).sort()).toEqual([...new Set([...rows.map((r) => r.sha256!), zip])].sort());
  });

  it('stores each content once, and an import of the same files again writes nothing new', async () => {
    await createServices(db).import.importPaths([join(dir, 'in')], options());
    const before = readdirSync(join(dir, 'originals')).sort();
    const again = await createServices(db).import.importPaths([join(dir, 'in')], options());
    expect(again.imported + again.updated).toBe(0);
    expect(readdirSync(join(dir, 'originals')).sort()).toEqual(before);
    expect(before.some((name) => name.startsWith('.'))).toBe(false);
  });

  it('never imports its own store, when the folder imported holds it', async () => {
    await createServices(db).import.importPaths([dir], { ...options(), baseDir: dir });
    const again = await createServices(db).import.importPaths([dir], { ...options(), baseDir: dir });
    const listed = [...again.documents, ...again.skippedFiles, ...again.failed, ...again.ignored].map((f) => f.file);
    expect(listed.filter((file) => file.startsWith('originals'))).toEqual([]);
    expect(listed).toContain('in/mail.eml');
  });

  it('gives a document imported before originals were kept its original when its file is imported again', async () => {
    const folder = join(dir, 'in', 'cables');
    await new ImportService(new DocumentWriter(db)).importPaths([folder], options());
    expect(links().every((r) => r.sha256 === null)).toBe(true);
    const again = await createServices(db).import.importPaths([folder], options());
    expect(again.skipped).toBe(2);
    expect(links().map((r) => [r.source_file, r.sha256])).toEqual([
      ['cables/cable-1.txt', sha(fixture.files['cables/cable-1.txt']!)],
      ['cables/گزارش.md', sha(fixture.files['cables/گزارش.md']!)],
    ]);
  });

  it('records a file that holds many documents once, and the next file apart', async () => {
    const lines = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => JSON.stringify({ ref: `${tag}-${i}`, body: `Synthetic record ${i} of ${tag}.` })).join('\n');
    writeFileSync(join(dir, 'in', 'export-a.jsonl'), lines(3, 'A'));
    writeFileSync(join(dir, 'in', 'export-b.jsonl'), lines(2, 'B'));
    await createServices(db).import.importPaths([join(dir, 'in', 'export-a.jsonl'), join(dir, 'in', 'export-b.jsonl')], options());
    const count = (table: string) => db.writerConnection.prepare(`select count(*) from ${table}`).pluck().get();
    expect(links().map((r) => r.file_name)).toEqual([...Array(3).fill('export-a.jsonl'), ...Array(2).fill('export-b.jsonl')]);
    expect(count('original_file')).toBe(2);
    expect(count('document_file')).toBe(5);
  });

  it('keeps them in another folder when told to (TROVE_ORIGINALS, --originals)', async () => {
    await createServices(db, { originalsDir: join(dir, 'elsewhere') }).import.importPaths([join(dir, 'in', 'mail.eml')], options());
    expect(readdirSync(join(dir, 'elsewhere'))).toHaveLength(2);
    expect(readdirSync(dir)).not.toContain('originals');
  });

  it('does not import a file whose original cannot be kept, and says why', async () => {
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const importer = new ImportService(new DocumentWriter(db), {
      keepOriginal: async (name) => {
        if (name.endsWith('cable-1.txt') || name === 'memo.txt') throw full;
        return { sha256: 'f'.repeat(64), fileName: name, mediaType: 'text/plain', size: 1 };
      },
    });
    const summary = await importer.importPaths([join(dir, 'in', 'cables'), join(dir, 'in', 'mail.eml')], options());
    const reason =
      'Not imported: its original could not be kept in the originals store (the disk is full). Free space or fix the folder (TROVE_ORIGINALS), then import again.';
    expect(summary.failed).toEqual([
      { file: 'cables/cable-1.txt', reason },
      { file: 'mail.eml!/memo.txt', reason },
    ]);
    expect(links().map((r) => r.source_file)).toEqual(['cables/گزارش.md', 'mail.eml']);
  });
});
