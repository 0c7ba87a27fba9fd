// The hostile archives: every limit refused with a reason naming it, and the rest still yielded.
import { describe, expect, it } from 'vitest';
import {
  CABLE,
  MEMO,
  REPORT,
  gzip,
  lieAboutSize,
  makeDeepNest,
  makeManyEntries,
  makeTar,
  makeZip,
  makeZipBomb,
} from '../../../fixtures/formats/archives/make-archives.ts';
import { ArchiveBudget, DEFAULT_ARCHIVE_LIMITS } from './archive-limits.ts';
import { expandAll, limits, noise, outline, reasonOf } from './archive-test.helper.ts';
import { readGzip } from './tar.reader.ts';
import { readZip } from './zip.reader.ts';

const MiB = 1024 * 1024;

async function drain(items: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const item of items) if (item) count += 1;
  return count;
}

describe('archive limits', () => {
  it('defaults to 4 GiB unpacked, 100,000 entries, 5 levels deep and a ratio of 200', () => {
    expect(DEFAULT_ARCHIVE_LIMITS).toEqual({ maxTotalBytes: 4 * 1024 ** 3, maxEntries: 100_000, maxDepth: 5, maxRatio: 200 });
  });

  it('refuses a zip bomb entry by its compression ratio and yields the entry after it', async () => {
    const items = await expandAll('bomb.zip', makeZipBomb(4));
    expect(outline(items)).toEqual(['zeros.bin ✗', 'after.txt']);
    expect(reasonOf(items, 'zeros.bin')).toMatch(/more than 200 times its compressed size.*decompression bomb.*TROVE_MAX_ARCHIVE_RATIO/);
  });

  it('never trusts a header that understates the size: inflation stops just past what it claims', async () => {
    const zip = lieAboutSize(makeZipBomb(4), 1000);
    const items = await expandAll('liar.zip', zip);
    expect(outline(items)).toEqual(['zeros.bin ✗', 'after.txt']);
    expect(reasonOf(items, 'zeros.bin')).toMatch(/more than the 1000 bytes its header declares/);
    const budget = new ArchiveBudget(DEFAULT_ARCHIVE_LIMITS);
    await drain(readZip('liar.zip', zip, budget));
    // 4 MiB of zeros behind the lie; one inflate chunk past the claim, and no more, was unpacked.
    expect(budget.unpacked).toBeLessThan(1000 + 128 * 1024 + REPORT.length);
  });

  it('stops a large entry whose header understates its size while streaming it', async () => {
    // 1.5 MiB that does not compress and 8 MiB of zeros: a plausible ratio, and a claim of 2 MiB.
    const data = new Uint8Array(1.5 * MiB + 8 * MiB);
    data.set(noise(1.5 * MiB));
    const zip = lieAboutSize(makeZip({ 'big.bin': data, 'after.txt': REPORT }), 2 * MiB);
    const items = await expandAll('liar.zip', zip);
    expect(outline(items)).toEqual(['big.bin ✗', 'after.txt']);
    expect(reasonOf(items, 'big.bin')).toMatch(/more than the 2097152 bytes its header declares/);
    const budget = new ArchiveBudget(DEFAULT_ARCHIVE_LIMITS);
    await drain(readZip('liar.zip', zip, budget));
    expect(budget.unpacked).toBeLessThan(2 * MiB + 128 * 1024 + REPORT.length);
  });

  it('refuses an entry past the total unpacked size by its declared size, and still yields smaller ones', async () => {
    const zip = makeZip({ 'a.bin': noise(300_000, 1), 'big.bin': noise(800_000, 2), 'c.txt': CABLE });
    const items = await expandAll('total.zip', zip, limits({ maxTotalBytes: MiB }));
    expect(outline(items)).toEqual(['a.bin', 'big.bin ✗', 'c.txt']);
    expect(reasonOf(items, 'big.bin')).toMatch(/\(781 KB\) would take this archive past 1\.0 MB unpacked.*TROVE_MAX_ARCHIVE_MB/);
  });

  it('counts the total across nesting: an inner archive and its contents both count', async () => {
    const inner = makeZip({ 'b.bin': noise(300_000, 2) }, 0);
    const zip = makeZip({ 'a.bin': noise(300_000, 1), 'inner.zip': inner, 'c.bin': noise(300_000, 3) }, 0);
    const items = await expandAll('nest.zip', zip, limits({ maxTotalBytes: MiB }));
    expect(outline(items)).toEqual(['a.bin', 'inner.zip!/b.bin', 'c.bin ✗']);
  });

  it('stops a gzip stream at the total without a declared size to go on', async () => {
    const text = Buffer.from(CABLE.repeat(20_000));
    const items = await expandAll('huge.txt.gz', gzip(text), limits({ maxTotalBytes: MiB, maxRatio: 10_000 }));
    expect(outline(items)).toEqual(['huge.txt ✗']);
    expect(reasonOf(items, 'huge.txt')).toMatch(/past 1\.0 MB unpacked.*TROVE_MAX_ARCHIVE_MB/);
  });

  it('stops a gzip bomb by its ratio while inflating, long before its real size', async () => {
    const bomb = gzip(new Uint8Array(16 * MiB));
    const items = await expandAll('zeros.gz', bomb);
    expect(outline(items)).toEqual(['zeros ✗']);
    expect(reasonOf(items, 'zeros')).toMatch(/more than 200 times its compressed size/);
    const budget = new ArchiveBudget(DEFAULT_ARCHIVE_LIMITS);
    await drain(readGzip('zeros.gz', bomb, budget));
    expect(budget.unpacked).toBeLessThan(200 * bomb.length + 128 * 1024);
  });

  it('refuses the rest of a .tar.gz bomb from the entry that breaks the ratio, after yielding what came before', async () => {
    const tar = await makeTar([
      { name: 'before.txt', data: REPORT },
      { name: 'zeros.bin', data: new Uint8Array(8 * MiB) },
      { name: 'after.txt', data: MEMO },
    ]);
    const items = await expandAll('bomb.tar.gz', gzip(tar));
    expect(outline(items)).toEqual(['before.txt', 'zeros.bin ✗']);
    expect(reasonOf(items, 'zeros.bin')).toMatch(/^Not unpacked, nor anything after it in this archive: .*200 times/);
  });

  it('reads the first entries up to the entry limit, then refuses the rest with the limit named', async () => {
    const items = await expandAll('many.zip', makeManyEntries(30), limits({ maxEntries: 10 }));
    expect(items.filter((item) => item.kind === 'file')).toHaveLength(10);
    expect(outline(items).at(-1)).toBe('(archive) ✗');
    expect(reasonOf(items, '')).toMatch(/more than 10 entries.*TROVE_MAX_ARCHIVE_ENTRIES/);
  });

  it('counts entries across nesting', async () => {
    const zip = makeZip({ 'a.txt': 'a', 'inner.zip': makeManyEntries(10), 'z.txt': 'z' });
    const items = await expandAll('nest.zip', zip, limits({ maxEntries: 6 }));
    // a.txt, inner.zip and four of its cables make six; the rest of inner.zip and z.txt are refused.
    expect(outline(items)).toEqual([
      'a.txt',
      'inner.zip!/cables/cable-00001.txt',
      'inner.zip!/cables/cable-00002.txt',
      'inner.zip!/cables/cable-00003.txt',
      'inner.zip!/cables/cable-00004.txt',
      'inner.zip ✗',
      '(archive) ✗',
    ]);
  });

  it('expands nested archives down to the depth limit and refuses the one past it by name', async () => {
    const items = await expandAll('archive-1.zip', makeDeepNest(8));
    const files = items.filter((item) => item.kind === 'file').map((item) => item.path.split('!/').at(-1));
    expect(files).toEqual(['level-1.txt', 'level-2.txt', 'level-3.txt', 'level-4.txt', 'level-5.txt']);
    const refused = items.filter((item) => item.kind === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.path).toBe('archive-2.zip!/archive-3.zip!/archive-4.zip!/archive-5.zip!/archive-6.zip');
    expect(refused[0]?.kind === 'refused' && refused[0].reason).toMatch(/nested more than 5 archives deep.*TROVE_MAX_ARCHIVE_DEPTH/);
  });

  it('takes a lower depth limit as given: depth 1 is the outer archive', async () => {
    const items = await expandAll('archive-1.zip', makeDeepNest(3), limits({ maxDepth: 1 }));
    expect(outline(items)).toEqual(['level-1.txt', 'archive-2.zip ✗']);
  });
});
