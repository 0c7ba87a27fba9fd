import { describe, expect, it } from 'vitest';
import { CABLE, MEMO, REPORT, gzip, makeTar, makeZip } from '../../../fixtures/formats/archives/make-archives.ts';
import { isArchiveName } from './index.ts';
import { expandAll, limits, noise, outline, reasonOf, textOf } from './archive-test.helper.ts';

describe('tar, tar.gz and gz archives', () => {
  const entries = [
    { name: 'cables/', type: 'directory' as const },
    { name: 'cables/one.txt', data: CABLE },
    { name: './reports/two.txt', data: REPORT },
    { name: 'memo.txt', data: MEMO },
  ];

  it('yields the files of a .tar in order, with paths cleaned and directories left out', async () => {
    const items = await expandAll('bundle.tar', await makeTar(entries));
    expect(outline(items)).toEqual(['cables/one.txt', 'reports/two.txt', 'memo.txt']);
    expect(textOf(items, 'cables/one.txt')).toBe(CABLE);
  });

  it('reads .tar.gz and .tgz the same way', async () => {
    const tgz = gzip(await makeTar(entries));
    for (const name of ['bundle.tar.gz', 'BUNDLE.TGZ']) {
      const items = await expandAll(name, tgz);
      expect(outline(items)).toEqual(['cables/one.txt', 'reports/two.txt', 'memo.txt']);
      expect(textOf(items, 'reports/two.txt')).toBe(REPORT);
    }
  });

  it('names the file inside a .gz after the .gz, without the suffix', async () => {
    const items = await expandAll('cables/cable-0042.txt.gz', gzip(CABLE));
    expect(outline(items)).toEqual(['cable-0042.txt']);
    expect(textOf(items, 'cable-0042.txt')).toBe(CABLE);
  });

  it('expands a .gz found inside another archive in place', async () => {
    const zip = makeZip({ 'logs/day-1.log.gz': gzip(REPORT), 'notes.txt': MEMO });
    const items = await expandAll('logs.zip', zip);
    expect(outline(items)).toEqual(['logs/day-1.log.gz!/day-1.log', 'notes.txt']);
    expect(textOf(items, 'logs/day-1.log.gz!/day-1.log')).toBe(REPORT);
  });

  it('refuses symbolic and hard links with a note of their target, and yields the files around them', async () => {
    const tar = await makeTar([
      { name: 'a.txt', data: CABLE },
      { name: 'shadow', type: 'symlink', linkname: '/etc/shadow' },
      { name: 'again.txt', type: 'link', linkname: 'a.txt' },
      { name: 'b.txt', data: MEMO },
    ]);
    const items = await expandAll('links.tar', tar);
    expect(outline(items)).toEqual(['a.txt', 'shadow ✗', 'again.txt ✗', 'b.txt']);
    expect(reasonOf(items, 'shadow')).toMatch(/link to "\/etc\/shadow".*not followed/);
    expect(reasonOf(items, 'again.txt')).toMatch(/link to "a\.txt"/);
  });

  it("neutralises '..' and absolute names", async () => {
    const tar = await makeTar([
      { name: '../../etc/cron.d/job', data: 'x' },
      { name: '/root/.ssh/key', data: 'y' },
    ]);
    expect(outline(await expandAll('escape.tar', tar))).toEqual(['etc/cron.d/job', 'root/.ssh/key']);
  });

  it('refuses a tar entry past the total by its size, then yields the ones that fit', async () => {
    const tar = await makeTar([
      { name: 'big.bin', data: noise(900_000) },
      { name: 'small.txt', data: CABLE },
    ]);
    const items = await expandAll('big.tar', tar, limits({ maxTotalBytes: 512 * 1024 }));
    expect(outline(items)).toEqual(['big.bin ✗', 'small.txt']);
    expect(reasonOf(items, 'big.bin')).toMatch(/TROVE_MAX_ARCHIVE_MB/);
  });

  it('yields what it could read from a truncated tar, then says the rest is damaged', async () => {
    const tar = await makeTar([
      { name: 'a.txt', data: CABLE },
      { name: 'b.txt', data: noise(4096) },
    ]);
    const items = await expandAll('cut.tar', tar.subarray(0, 512 + 512 + 512 + 100));
    expect(outline(items)).toEqual(['a.txt', 'b.txt ✗', '(archive) ✗']);
    expect(reasonOf(items, 'b.txt')).toMatch(/damaged/);
    expect(reasonOf(items, '')).toMatch(/^The rest of this archive was not read: it is damaged from here on/);
  });

  it('refuses garbage and a .gz that is not gzip, without throwing', async () => {
    const junk = new TextEncoder().encode('not an archive, just a line of text that is long enough '.repeat(20));
    for (const name of ['junk.tar', 'junk.tar.gz', 'junk.gz']) {
      const items = await expandAll(name, junk);
      expect(items.every((item) => item.kind === 'refused')).toBe(true);
      expect(items.length).toBe(1);
      expect(items[0]?.kind === 'refused' && items[0].reason).toMatch(/damaged or not in the format/);
    }
  });

  it('knows archives by name, case-insensitively', () => {
    for (const name of ['a.zip', 'a.tar', 'a.tar.gz', 'A.TGZ', 'a.gz', 'a.7z', 'dir/x.ZIP']) expect(isArchiveName(name)).toBe(true);
    for (const name of ['a.docx', 'a.txt', 'zip', 'a.tar.bz2', 'a.rar', 'a.gzip']) expect(isArchiveName(name)).toBe(false);
  });
});
