// Archives and attachments, built by the tests from synthetic text: each inner file is a document of its own
// (or listed as ignored or failed), shown as `outer.zip!/inner/path`, and an attachment knows its message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../db/access.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '../../pipeline/archive/index.ts';
import { eml } from '../../../fixtures/originals/make-originals.ts';
import { createServices } from '../../services.ts';
import type { ImportOptions, ImportSummary } from './import.service.ts';

const MAIL = resolve(import.meta.dirname, '../../../fixtures/formats/mail');
const encode = (text: string) => new TextEncoder().encode(text);

let dir: string;
let db: TroveDatabase;
const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
  collection: 'test',
  maxFileBytes: 1e6,
  baseDir: dir,
  archiveLimits: DEFAULT_ARCHIVE_LIMITS,
  ...extra,
});
const importer = () => createServices(db).import;

function accounted(summary: ImportSummary): string[] {
  return [
    ...summary.documents.map((d) => d.file),
    ...summary.skippedFiles.map((s) => s.file),
    ...summary.failed.map((f) => f.file),
    ...summary.ignored.map((i) => i.file),
  ].sort();
}

const annexZip = () => zipSync({ annex: { 'budget.txt': encode('The annex lists the budget for the Basra office.') } });
const mailWithAttachments = () =>
  eml('Annex to the Basra cable', 'The memo and the annex are attached.', [
    { name: 'memo.txt', type: 'text/plain', bytes: encode('Memo: the governor asked for a second meeting.') },
    { name: 'annex.zip', type: 'application/zip', bytes: annexZip() },
  ]);

/** leak.zip holds two documents, a program, a mail with an attachment, and inner.zip with a cable, a photo and a resource fork. */
function leakZip(): Uint8Array {
  const inner = zipSync({
    'c.txt': encode('Cable C: the consulate in Herat reports calm.'),
    'pic.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    __MACOSX: { '._c.txt': new Uint8Array([0, 5, 22, 7]) },
  });
  return zipSync({
    'a.txt': encode('Cable A: the ambassador met the governor in Basra.'),
    folder: { 'b.md': encode('---\nref: LEAK-B\n---\nCable B: گزارش سفارت در تهران.') },
    'inner.zip': inner,
    'notes.bin': new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]),
    'mail.eml': encode(
      eml('Inside the zip', 'A message carried in the archive.', [
        { name: 'brief.txt', type: 'text/plain', bytes: encode('Brief: a note attached to a mail inside a zip.') },
      ]),
    ),
  });
}

async function parents(): Promise<Record<string, string>> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select c.source_file as child, p.source_file as parent
    from document_parent l join document c on c.id = l.document_id join document p on p.id = l.parent_id`.execute(db.writer);
  return Object.fromEntries(rows.map((r) => [r.child, r.parent]));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-containers-'));
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('archives', () => {
  it('reads every file of a zip nesting a zip as a document of its own, and lists the rest', async () => {
    writeFileSync(join(dir, 'leak.zip'), leakZip());
    const summary = await importer().importPaths([join(dir, 'leak.zip')], options());
    expect(summary.documents.map((d) => d.file).sort()).toEqual([
      'leak.zip!/a.txt',
      'leak.zip!/folder/b.md',
      'leak.zip!/inner.zip!/c.txt',
      'leak.zip!/inner.zip!/pic.jpg',
      'leak.zip!/mail.eml',
      'leak.zip!/mail.eml!/brief.txt',
    ]);
    expect(summary.ignored).toEqual(
      expect.arrayContaining([
        { file: 'leak.zip!/inner.zip!/__MACOSX/._c.txt', reason: 'hidden system file' },
        { file: 'leak.zip!/notes.bin', reason: 'unsupported type: looks like a Windows executable (.bin)' },
      ]),
    );
    expect(summary.failed).toEqual([]);
    expect(accounted(summary)).toHaveLength(8);
    expect(new Set(accounted(summary)).size).toBe(8);
    expect((await createServices(db).search.run({ q: 'Herat' }, OPERATOR)).total).toBe(1);
    expect(await parents()).toEqual({ 'leak.zip!/mail.eml!/brief.txt': 'leak.zip!/mail.eml' });
  });

  it('skips everything when the same archive is imported again', async () => {
    writeFileSync(join(dir, 'leak.zip'), leakZip());
    writeFileSync(join(dir, 'mail.eml'), mailWithAttachments());
    const first = await importer().importPaths([dir], options());
    const second = await importer().importPaths([dir], options());
    expect(second.imported + second.updated).toBe(0);
    expect(second.skipped).toBe(first.imported);
    expect(second.skippedFiles.map((s) => s.file).sort()).toEqual(first.documents.map((d) => d.file).sort());
    for (const { reason } of second.skippedFiles) expect(reason).toMatch(/^unchanged: already imported as /);
    expect(accounted(second)).toEqual(accounted(first));
  });

  it('refuses what passes the archive limits, with why, and still reads the rest', async () => {
    writeFileSync(join(dir, 'leak.zip'), leakZip());
    const summary = await importer().importPaths(
      [join(dir, 'leak.zip')],
      options({ archiveLimits: { ...DEFAULT_ARCHIVE_LIMITS, maxDepth: 1 } }),
    );
    // The depth limit holds for every file inside another: the mail's attachment sits two deep, in the zip and the mail.
    expect(summary.failed).toEqual([
      { file: 'leak.zip!/inner.zip', reason: expect.stringMatching(/nested more than 1 archives deep.*TROVE_MAX_ARCHIVE_DEPTH/) },
      { file: 'leak.zip!/mail.eml!/brief.txt', reason: expect.stringMatching(/^Not read: it sits inside 2 other files/) },
    ]);
    expect(summary.documents.map((d) => d.file)).toContain('leak.zip!/a.txt');
  });

  it('shares one allowance between an archive and a zip attached to a mail inside it', async () => {
    const annex = zipSync({ 'one.txt': encode('First annex page.'), 'two.txt': encode('Second annex page.') });
    const mail = eml('Annexes', 'Two pages attached.', [{ name: 'annex.zip', type: 'application/zip', bytes: annex }]);
    writeFileSync(join(dir, 'outer.zip'), zipSync({ 'a.txt': encode('Cable A.'), 'mail.eml': encode(mail) }));
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3 };
    const summary = await importer().importPaths([join(dir, 'outer.zip')], options({ archiveLimits: limits }));
    // Two of the three entries went to the outer zip: the attached one has one left.
    expect(summary.documents.map((d) => d.file)).toEqual([
      'outer.zip!/a.txt',
      'outer.zip!/mail.eml',
      'outer.zip!/mail.eml!/annex.zip!/one.txt',
    ]);
    expect(summary.failed).toEqual([
      {
        file: 'outer.zip!/mail.eml!/annex.zip',
        reason: expect.stringMatching(/^The rest of this archive was not read: it has more than 1 entries/),
      },
    ]);
  });

  it('holds each file inside an archive to the per-file size limit, not the archive itself', async () => {
    writeFileSync(
      join(dir, 'big.zip'),
      zipSync({ 'small.txt': encode('A short cable.'), 'large.txt': encode('Long cable text. '.repeat(100)) }),
    );
    const summary = await importer().importPaths([join(dir, 'big.zip')], options({ maxFileBytes: 200 }));
    expect(summary.documents.map((d) => d.file)).toEqual(['big.zip!/small.txt']);
    expect(summary.failed).toEqual([
      { file: 'big.zip!/large.txt', reason: 'The file is 1.7 KB, over the 200 bytes limit (TROVE_MAX_FILE_MB).' },
    ]);
  });

  it('fails a damaged archive with a reason and goes on with the next file', async () => {
    writeFileSync(join(dir, 'broken.zip'), encode('PK\u0003\u0004 this is not really a zip'));
    writeFileSync(join(dir, 'cable.txt'), 'A cable beside a damaged archive.');
    const summary = await importer().importPaths([dir], options());
    expect(summary.documents.map((d) => d.file)).toEqual(['cable.txt']);
    expect(summary.failed).toEqual([{ file: 'broken.zip', reason: expect.stringMatching(/^[A-Z].*\.$/) }]);
  });
});

describe('attachments', () => {
  it('reads each attachment of a mail as a document linked to it, an attached zip unpacked', async () => {
    writeFileSync(join(dir, 'mail.eml'), mailWithAttachments());
    const summary = await importer().importPaths([join(dir, 'mail.eml')], options());
    expect(summary.documents.map((d) => d.file)).toEqual(['mail.eml', 'mail.eml!/memo.txt', 'mail.eml!/annex.zip!/annex/budget.txt']);
    expect(summary.failed).toEqual([]);
    expect(await parents()).toEqual({ 'mail.eml!/memo.txt': 'mail.eml', 'mail.eml!/annex.zip!/annex/budget.txt': 'mail.eml' });
  });

  it('reads the PDF annex and the forwarded message of the committed mail fixture, both linked to it', async () => {
    const summary = await importer().importPaths([join(MAIL, 'cable-with-annex.eml')], options());
    const mail = summary.documents[0]!.file;
    expect(mail).toMatch(/cable-with-annex\.eml$/);
    expect(summary.documents.map((d) => d.file)).toEqual([mail, `${mail}!/weekly-annex.pdf`, `${mail}!/attachment-2.eml`]);
    expect(await parents()).toEqual({ [`${mail}!/weekly-annex.pdf`]: mail, [`${mail}!/attachment-2.eml`]: mail });
    const annex = await createServices(db).documents.byRef('weekly-annex', OPERATOR);
    expect(annex.passages.length).toBeGreaterThan(0);
  });

  it('stops reading attachments nested deeper than the depth limit, with why', async () => {
    let message = eml('Innermost', 'The last message.', [
      { name: 'memo.txt', type: 'text/plain', bytes: encode('A memo five mails deep.') },
    ]);
    for (let level = 3; level >= 1; level--) {
      message = eml(`Forward ${level}`, `Forwarded, level ${level}.`, [
        { name: `fwd-${level}.eml`, type: 'application/octet-stream', bytes: encode(message) },
      ]);
    }
    writeFileSync(join(dir, 'chain.eml'), message);
    const summary = await importer().importPaths(
      [join(dir, 'chain.eml')],
      options({ archiveLimits: { ...DEFAULT_ARCHIVE_LIMITS, maxDepth: 2 } }),
    );
    expect(summary.documents.map((d) => d.file)).toEqual(['chain.eml', 'chain.eml!/fwd-1.eml', 'chain.eml!/fwd-1.eml!/fwd-2.eml']);
    expect(summary.failed).toEqual([
      {
        file: 'chain.eml!/fwd-1.eml!/fwd-2.eml!/fwd-3.eml',
        reason: expect.stringMatching(/^Not read: it sits inside 3 other files .*TROVE_MAX_ARCHIVE_DEPTH/),
      },
    ]);
  });
});
