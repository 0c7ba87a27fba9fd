// One leak as a newsroom receives it (synthetic, built from the format fixtures): a zip holding a
// document of every format, mail with attachments, text in several code pages, a broken JSON line,
// nested archives, two archive bombs and operating-system clutter. Every file must end in exactly one
// place in the summary, and importing the same zip again must change nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../db/access.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { makeDeepNest, makeNestedArchive, makeZip, makeZipBomb } from '../../../fixtures/formats/archives/make-archives.ts';
import { buildDocx, buildPptx, CABLE_EN } from '../../../fixtures/formats/office/make-office.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../pipeline/archive/index.ts';
import { createServices } from '../../services.ts';
import type { ImportOptions, ImportSummary } from './import.service.ts';

const FORMATS = resolve(import.meta.dirname, '../../../fixtures/formats');
const read = (path: string) => new Uint8Array(readFileSync(join(FORMATS, path)));

let dir: string;
let db: TroveDatabase;
let first: ImportSummary;
const options: () => ImportOptions = () => ({
  collection: 'leak',
  visibility: 'public',
  maxFileBytes: 20 * 1024 * 1024,
  baseDir: dir,
  archiveLimits: { ...DEFAULT_ARCHIVE_LIMITS, maxDepth: 4 },
});

async function buildLeak(): Promise<Uint8Array> {
  const encoded = Object.fromEntries(
    readdirSync(join(FORMATS, 'encodings/encoded')).map((name) => [`text/${name}`, read(`encodings/encoded/${name}`)]),
  );
  return makeZip({
    'office/cable.docx': buildDocx(),
    'office/briefing.pptx': buildPptx([{ paragraphs: ['Briefing', 'The convoy reached the depot.'] }]),
    'office/sample.doc': read('office/sample.doc'),
    'office/libreoffice.odt': read('office/libreoffice.odt'),
    'office/libreoffice.ods': read('office/libreoffice.ods'),
    'office/libreoffice.xls': read('office/libreoffice.xls'),
    'office/sample.rtf': read('office/sample.rtf'),
    'mail/cable-with-annex.eml': read('mail/cable-with-annex.eml'),
    'mail/desk.mbox': read('mail/desk.mbox'),
    'mail/briefing.msg': read('mail/briefing.msg'),
    ...encoded,
    'records.jsonl':
      '{"ref":"LEAK-R-1","text":"First record about the port."}\n{"ref": broken\n{"ref":"LEAK-R-3","text":"Third record about the port."}\n',
    'nested.zip': await makeNestedArchive(),
    'bombs/zeros.zip': makeZipBomb(8),
    'bombs/deep.zip': makeDeepNest(7),
    '__MACOSX/office/._cable.docx': 'resource fork',
    '.DS_Store': 'finder',
    // A phone picture in a format no OCR engine here reads.
    'scans/page-1.heic': new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63]),
  });
}

function accounted(summary: ImportSummary): string[] {
  return [
    // A mailbox or a JSON Lines file is one file of many documents: each document once.
    ...summary.documents.map((d) => `${d.file}#${d.ref}`),
    ...summary.skippedFiles.map((s) => s.file),
    ...summary.failed.map((f) => `${f.file}${f.line === undefined ? '' : `:${f.line}`}`),
    ...summary.ignored.map((i) => i.file),
  ];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-leak-'));
  writeFileSync(join(dir, 'leak.zip'), await buildLeak());
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
  first = await createServices(db).import.importPaths([join(dir, 'leak.zip')], options());
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing a whole leak in one zip', () => {
  it('imports a document of every format, and the text of each', async () => {
    const files = new Set(first.documents.map((d) => d.file.replace(/!\/.*$/, '')));
    expect(files).toEqual(new Set(['leak.zip']));
    const inner = first.documents.map((d) => d.file.slice('leak.zip!/'.length));
    for (const path of [
      'office/cable.docx',
      'office/briefing.pptx',
      'office/sample.doc',
      'office/libreoffice.odt',
      'office/libreoffice.ods',
      'office/libreoffice.xls',
      'office/sample.rtf',
      'mail/briefing.msg',
    ]) {
      expect(inner).toContain(path);
    }
    expect(inner.filter((p) => p.startsWith('mail/desk.mbox')).length).toBeGreaterThanOrEqual(2);
    expect(inner.filter((p) => p.startsWith('text/'))).toHaveLength(readdirSync(join(FORMATS, 'encodings/encoded')).length);
    expect(inner).toContain('nested.zip!/bundle.tar.gz!/bundle/inner.zip!/folder/cable.txt');
    const search = createServices(db).search;
    expect((await search.run({ q: `"${CABLE_EN[0]!.split(' ').slice(0, 4).join(' ')}"` }, OPERATOR)).total).toBeGreaterThan(0);
  });

  it('records the encoding of every legacy text file', async () => {
    const rows = db.writerConnection
      .prepare(
        `select source_file, json_extract(metadata, '$.encoding') as encoding from document where source_file like 'leak.zip!/text/%'`,
      )
      .all() as Array<{ source_file: string; encoding: string }>;
    // Browsers, and Trove, read ISO-8859-1 as its superset Windows-1252: the text is the same.
    const label = (name: string) => (name === 'iso-8859-1' ? 'windows-1252' : name);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.encoding).toBe(label(row.source_file.split('.').at(-2)!));
  });

  it('links attachments to their messages', () => {
    const links = db.writerConnection
      .prepare(
        `select c.source_file as child, p.source_file as parent from document_parent l join document c on c.id = l.document_id join document p on p.id = l.parent_id`,
      )
      .all() as Array<{ child: string; parent: string }>;
    expect(links.some((l) => l.parent === 'leak.zip!/mail/cable-with-annex.eml' && l.child.endsWith('.pdf'))).toBe(true);
    expect(links.some((l) => l.parent === 'leak.zip!/mail/briefing.msg')).toBe(true);
    for (const link of links) expect(link.child.startsWith(`${link.parent}!/`)).toBe(true);
  });

  it('refuses the bombs with reasons and still imports the rest of their archives', () => {
    const reasons = first.failed.filter((f) => f.file.includes('bombs/'));
    expect(reasons.some((f) => f.file.startsWith('leak.zip!/bombs/zeros.zip') && /ratio|TROVE_MAX_ARCHIVE/.test(f.reason))).toBe(true);
    expect(reasons.some((f) => f.file.includes('bombs/deep.zip') && /deep|depth|TROVE_MAX_ARCHIVE_DEPTH/i.test(f.reason))).toBe(true);
    // after.txt holds the same text as a report elsewhere in the leak, so it is skipped as a duplicate, not lost.
    expect(first.skippedFiles.map((f) => f.file)).toContain('leak.zip!/bombs/zeros.zip!/after.txt');
    expect(first.documents.some((d) => d.file === 'leak.zip!/bombs/deep.zip!/level-1.txt')).toBe(true);
  });

  it('fails the broken JSON line alone, and lists clutter and images as ignored with why', () => {
    expect(first.failed).toContainEqual(expect.objectContaining({ file: 'leak.zip!/records.jsonl', line: 2 }));
    expect(first.documents.map((d) => d.ref)).toEqual(expect.arrayContaining(['LEAK-R-1', 'LEAK-R-3']));
    const ignored = Object.fromEntries(first.ignored.map((i) => [i.file, i.reason]));
    expect(ignored['leak.zip!/.DS_Store']).toMatch(/hidden|system/i);
    expect(ignored['leak.zip!/__MACOSX/office/._cable.docx']).toMatch(/hidden|system/i);
    expect(ignored['leak.zip!/scans/page-1.heic']).toMatch(/image/i);
  });

  it('accounts for every file exactly once', () => {
    const all = accounted(first);
    expect(new Set(all).size).toBe(all.length);
    expect(first.imported).toBe(first.documents.length);
  });

  it('skips everything when the same zip is imported again', async () => {
    const before = db.writerConnection.prepare('select count(*) from document').pluck().get();
    const again = await createServices(db).import.importPaths([join(dir, 'leak.zip')], options());
    expect(again.imported + again.updated).toBe(0);
    expect(again.skipped).toBe(first.imported + first.skipped);
    expect(db.writerConnection.prepare('select count(*) from document').pluck().get()).toBe(before);
  });
});
