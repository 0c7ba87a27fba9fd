import { describe, expect, it } from 'vitest';
import { CABLE, MEMO, REPORT, makeSevenZip, makeZip } from '../../../fixtures/formats/archives/make-archives.ts';
import { expandAll, limits, outline, reasonOf, textOf } from './archive-test.helper.ts';

describe('7z archives (7-Zip compiled to WebAssembly)', () => {
  it('yields every file with its path and bytes, directories left out', async () => {
    const archive = await makeSevenZip({ 'cables/one.txt': CABLE, 'reports/two.txt': REPORT, 'گزارش.txt': MEMO });
    const items = await expandAll('leak.7z', archive);
    expect(outline(items).sort()).toEqual(['cables/one.txt', 'reports/two.txt', 'گزارش.txt']);
    expect(textOf(items, 'cables/one.txt')).toBe(CABLE);
    expect(textOf(items, 'گزارش.txt')).toBe(MEMO);
  });

  it('expands an archive inside a 7z in place', async () => {
    const archive = await makeSevenZip({ 'a.txt': CABLE, 'bundle.zip': makeZip({ 'inner/memo.txt': MEMO }) });
    const items = await expandAll('nest.7z', archive);
    expect(outline(items).sort()).toEqual(['a.txt', 'bundle.zip!/inner/memo.txt']);
    expect(textOf(items, 'bundle.zip!/inner/memo.txt')).toBe(MEMO);
  });

  it('refuses a symbolic link entry and yields the files beside it', async () => {
    const archive = await makeSevenZip({ 'a.txt': CABLE }, { links: { passwords: '/etc/passwd' } });
    const items = await expandAll('links.7z', archive);
    expect(outline(items)).toEqual(['a.txt', 'passwords ✗']);
    expect(reasonOf(items, 'passwords')).toMatch(/a link, and links inside archives are not followed/);
  });

  it('refuses an archive whose list of files is encrypted, saying so', async () => {
    const items = await expandAll('locked.7z', await makeSevenZip({ 'a.txt': CABLE }, { password: 'secret' }));
    expect(outline(items)).toEqual(['(archive) ✗']);
    expect(reasonOf(items, '')).toMatch(/this archive is encrypted\. Decrypt the archive/);
  });

  it('refuses a 7z bomb by the ratio of its declared sizes, without unpacking it', async () => {
    const archive = await makeSevenZip({ 'a.txt': CABLE, 'zeros.bin': '\0'.repeat(4 * 1024 * 1024) });
    const items = await expandAll('bomb.7z', archive);
    expect(outline(items).sort()).toEqual(['a.txt', 'zeros.bin ✗']);
    expect(reasonOf(items, 'zeros.bin')).toMatch(/200 times its compressed size.*TROVE_MAX_ARCHIVE_RATIO/);
  });

  it('refuses encrypted entries one by one when only the data is encrypted', async () => {
    const items = await expandAll(
      'locked.7z',
      await makeSevenZip({ 'a.txt': CABLE, 'b.txt': MEMO }, { password: 'secret', encryptNames: false }),
    );
    expect(outline(items)).toEqual(['a.txt ✗', 'b.txt ✗']);
    expect(reasonOf(items, 'b.txt')).toMatch(/this entry is encrypted/);
  });

  it('refuses an entry past the total by its declared size and unpacks only the ones that fit', async () => {
    const archive = await makeSevenZip({ 'a.txt': CABLE, 'b.txt': REPORT, 'c.txt': MEMO });
    const items = await expandAll(
      'total.7z',
      archive,
      limits({ maxTotalBytes: Buffer.byteLength(CABLE) + Buffer.byteLength(REPORT) + 10 }),
    );
    expect(outline(items)).toEqual(['a.txt', 'b.txt', 'c.txt ✗']);
    expect(textOf(items, 'b.txt')).toBe(REPORT);
    expect(reasonOf(items, 'c.txt')).toMatch(/\(81 bytes\) would take this archive past 330 bytes.*TROVE_MAX_ARCHIVE_MB/);
  });

  it('reads the first entries up to the entry limit, then refuses the rest', async () => {
    const archive = await makeSevenZip({ 'a.txt': CABLE, 'b.txt': REPORT, 'c.txt': MEMO });
    const items = await expandAll('many.7z', archive, limits({ maxEntries: 2 }));
    expect(outline(items)).toEqual(['a.txt', 'b.txt', '(archive) ✗']);
    expect(reasonOf(items, '')).toMatch(/more than 2 entries.*TROVE_MAX_ARCHIVE_ENTRIES/);
  });

  it('refuses garbage and a truncated 7z without throwing', async () => {
    const archive = await makeSevenZip({ 'a.txt': CABLE.repeat(30), 'b.txt': MEMO.repeat(30) });
    for (const bytes of [new TextEncoder().encode('not a 7z archive'), archive.subarray(0, 60), archive.subarray(0, archive.length - 20)]) {
      const items = await expandAll('broken.7z', bytes);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((item) => item.kind === 'refused' && /damaged|encrypted/.test(item.reason))).toBe(true);
    }
  });

  it('refuses the files of a damaged solid block, each with 7-Zip’s own words', async () => {
    const archive = (await makeSevenZip({ 'a.txt': CABLE.repeat(30), 'b.txt': MEMO.repeat(30) })).slice();
    archive[100] = (archive[100] ?? 0) ^ 0xff;
    const items = await expandAll('damaged.7z', archive);
    expect(outline(items).sort()).toEqual(['a.txt ✗', 'b.txt ✗']);
    expect(reasonOf(items, 'a.txt')).toMatch(/7-Zip reports: Data Error/);
  });
});
