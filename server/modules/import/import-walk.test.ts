// Synthetic files, written by the tests: every file found ends in exactly one of the summary's lists.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { TEST_ACTOR, TEST_PASSWORD } from '../../../fixtures/accounts.ts';
import { createServices } from '../../services.ts';
import type { ImportOptions, ImportSummary } from './import.service.ts';

let dir: string;
let db: TroveDatabase;
const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({ collection: 'test', maxFileBytes: 1e6, baseDir: dir, ...extra });
const importer = () => createServices(db).import;

/** Every file the summary names, once per list it is in: a file counted twice shows up twice. */
function accounted(summary: ImportSummary): string[] {
  return [
    ...summary.documents.map((d) => d.file),
    ...summary.skippedFiles.map((s) => s.file),
    ...summary.failed.map((f) => f.file),
    ...summary.ignored.map((i) => i.file),
  ].sort();
}

const reasons = (summary: ImportSummary) => Object.fromEntries(summary.ignored.map((i) => [i.file, i.reason]));

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

/**
 * archive/ with a cable, a dotfile, system files, an image, a program, a text without extension, a symlink
 * loop, a link to a file already read, a broken link and two links out to elsewhere/.
 */
function buildTree(): void {
  const a = join(dir, 'archive');
  write(join(a, 'cable-1.txt'), 'SUBJECT: MEETING IN BASRA\n\nThe ambassador met the governor on Tuesday.');
  write(join(a, '.notes.txt'), 'A note kept in a dotfile: imported like any text.');
  write(join(a, '.DS_Store'), new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
  write(join(a, 'Thumbs.db'), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
  write(join(a, '__MACOSX', '._cable-1.txt'), new Uint8Array([0, 5, 22, 7]));
  write(join(a, 'scan.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  write(join(a, 'tools', 'setup.exe'), new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
  write(join(a, 'CABLE_0042'), 'گزارش سفارت: a cable saved without an extension.');
  write(join(a, 'README.md'), 'Notes about this synthetic archive.');
  write(join(a, 'sub', 'report.md'), '---\nkind: report\n---\nThe report quotes nothing.');
  symlinkSync('..', join(a, 'sub', 'loop'));
  symlinkSync('../cable-1.txt', join(a, 'sub', 'again.txt'));
  symlinkSync('nowhere.txt', join(a, 'sub', 'broken.txt'));
  symlinkSync('../elsewhere', join(a, 'outside'));
  symlinkSync('../elsewhere/far.txt', join(a, 'far-link.txt'));
  write(join(dir, 'elsewhere', 'far.txt'), 'A file outside the folder being imported.');
  symlinkSync('../archive', join(dir, 'elsewhere', 'back'));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-walk-'));
  db = await openDatabase(join(dir, 'trove.db'), { readers: 0 });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import accounts for every file', () => {
  it('walks a symlink loop once, stays inside the folder, lists what it ignores with why, and reads dotfiles', async () => {
    buildTree();
    const summary = await importer().importPaths([join(dir, 'archive')], options());
    expect(summary.documents.map((d) => d.file).sort()).toEqual([
      'archive/.notes.txt',
      'archive/cable-1.txt',
      'archive/scan.png',
      'archive/sub/report.md',
    ]);
    expect(reasons(summary)).toEqual({
      'archive/.DS_Store': 'hidden system file',
      'archive/Thumbs.db': 'hidden system file',
      'archive/__MACOSX/._cable-1.txt': 'hidden system file',
      'archive/tools/setup.exe': 'unsupported type: looks like a Windows executable (.exe)',
      'archive/CABLE_0042': 'unsupported type: looks like text (no extension)',
      'archive/README.md': 'a note about the archive (README, LICENSE or QUOTES.md in a folder), not a document',
      'archive/sub/loop': 'symbolic link to a folder already read in this import (archive)',
      'archive/sub/again.txt': 'symbolic link to a file already read in this import (archive/cable-1.txt)',
      'archive/sub/broken.txt': 'broken symbolic link (what it points to does not exist)',
      'archive/outside': expect.stringMatching(
        /^symbolic link out of the import folder \(to \/.*\/elsewhere\), not followed: import with --follow-links/,
      ),
      'archive/far-link.txt': expect.stringMatching(
        /^symbolic link out of the import folder \(to \/.*\/elsewhere\/far\.txt\), not followed/,
      ),
    });
    expect(summary.failed).toEqual([]);
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        '2 symbolic links out of the import folder were not followed (listed under ignored). Import with --follow-links to read what they point to.',
        '2 symbolic links led to a folder or file already read (a loop, or a second way to the same place); each was read once.',
      ]),
    );
    expect(accounted(summary)).toEqual(
      [
        'archive/.DS_Store',
        'archive/.notes.txt',
        'archive/CABLE_0042',
        'archive/README.md',
        'archive/Thumbs.db',
        'archive/__MACOSX/._cable-1.txt',
        'archive/cable-1.txt',
        'archive/far-link.txt',
        'archive/outside',
        'archive/scan.png',
        'archive/sub/again.txt',
        'archive/sub/broken.txt',
        'archive/sub/loop',
        'archive/sub/report.md',
        'archive/tools/setup.exe',
      ].sort(),
    );
  });

  it('follows links out of the folder with --follow-links, still never reading a place twice', async () => {
    buildTree();
    const summary = await importer().importPaths([join(dir, 'archive')], options({ followLinks: true }));
    expect(summary.documents.map((d) => d.file).sort()).toEqual([
      'archive/.notes.txt',
      'archive/cable-1.txt',
      'archive/far-link.txt',
      'archive/scan.png',
      'archive/sub/report.md',
    ]);
    const ignored = reasons(summary);
    expect(ignored['archive/outside/far.txt']).toBe('file already read in this import (archive/far-link.txt)');
    expect(ignored['archive/outside/back']).toBe('symbolic link to a folder already read in this import (archive)');
    expect(ignored['archive/outside']).toBeUndefined();
    expect(summary.warnings).toContain('Followed 2 symbolic links out of the import folder (--follow-links).');
    const files = accounted(summary);
    expect(new Set(files).size).toBe(files.length);
    expect(files).toEqual(expect.arrayContaining(['archive/outside/far.txt', 'archive/outside/back', 'archive/far-link.txt']));
  });

  it('lists a named pipe as ignored instead of waiting on it forever', async () => {
    write(join(dir, 'in', 'cable.txt'), 'A cable.');
    execFileSync('mkfifo', [join(dir, 'in', 'pipe.txt')]);
    const summary = await importer().importPaths([join(dir, 'in')], options());
    expect(summary.imported).toBe(1);
    expect(summary.ignored).toEqual([{ file: 'in/pipe.txt', reason: 'not a regular file (a named pipe, socket or device)' }]);
  });

  it('reads a folder named twice, or inside another named folder, once', async () => {
    write(join(dir, 'in', 'sub', 'cable.txt'), 'A cable.');
    const summary = await importer().importPaths([join(dir, 'in'), join(dir, 'in', 'sub'), join(dir, 'in', 'sub', 'cable.txt')], options());
    expect(summary.imported).toBe(1);
    expect(summary.ignored).toEqual([
      { file: 'in/sub', reason: 'folder already read in this import (in/sub)' },
      { file: 'in/sub/cable.txt', reason: 'file already read in this import (in/sub/cable.txt)' },
    ]);
  });

  it('says why each skipped document was skipped', async () => {
    write(join(dir, 'in', 'a.txt'), 'The same words twice.');
    write(join(dir, 'in', 'b.txt'), 'The same words twice.');
    const first = await importer().importPaths([join(dir, 'in')], options());
    expect(first.skippedFiles).toEqual([{ file: 'in/b.txt', reason: 'same content as in/a.txt, earlier in this import' }]);
    const second = await importer().importPaths([join(dir, 'in')], options());
    expect(second.skipped).toBe(2);
    expect(second.skippedFiles).toEqual([
      { file: 'in/a.txt', reason: 'unchanged: already imported as a' },
      { file: 'in/b.txt', reason: 'unchanged: already imported as a' },
    ]);
  });
});

describe('import says who can read what it imported', () => {
  it('warns on a first import into an internal collection that nobody can read it yet, and how to change that', async () => {
    write(join(dir, 'cables', 'c1.txt'), 'A synthetic cable about the Basra meeting.');
    const summary = await importer().importPaths([join(dir, 'cables')], options({ collection: 'leaks', visibility: 'internal' }));
    expect(summary.collection).toEqual({ name: 'leaks', visibility: 'internal', created: true });
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(
      /^The collection "leaks" is internal: every signed-in account can read it, and no account exists yet/,
    );
    expect(summary.warnings[0]).toContain('the web app will show none of these documents until someone signs in');
    expect(summary.warnings[0]).toContain('`npx trove users add NAME --role admin`');
    expect(summary.warnings[0]).toContain('`npx trove collections set-visibility leaks public`');
    expect(summary.warnings[0]).toContain('`--visibility public`');

    const again = await importer().importPaths([join(dir, 'cables')], options({ collection: 'leaks', visibility: 'public' }));
    // An existing collection keeps its visibility, and the summary says so.
    expect(again.collection).toEqual({ name: 'leaks', visibility: 'internal', created: false });
  });

  it('tells a restricted collection to grant membership too, and does not warn once an account exists or the collection is public', async () => {
    write(join(dir, 'cables', 'c1.txt'), 'A synthetic cable about the Basra meeting.');
    const restricted = await importer().importPaths([join(dir, 'cables')], options({ collection: 'secret', visibility: 'restricted' }));
    expect(restricted.warnings[0]).toContain('`npx trove collections grant secret NAME --role viewer`');

    write(join(dir, 'open', 'c2.txt'), 'A synthetic cable anyone may read.');
    const open = await importer().importPaths([join(dir, 'open')], options({ collection: 'open', visibility: 'public' }));
    expect(open.collection).toEqual({ name: 'open', visibility: 'public', created: true });
    expect(open.warnings).toEqual([]);

    await createServices(db).accounts.add('ana', 'admin', TEST_PASSWORD, TEST_ACTOR);
    write(join(dir, 'more', 'c3.txt'), 'A third synthetic cable.');
    const later = await importer().importPaths([join(dir, 'more')], options({ collection: 'leaks' }));
    expect(later.warnings).toEqual([]);
  });
});
