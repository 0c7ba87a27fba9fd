import { describe, expect, it } from 'vitest';
import {
  CABLE,
  MEMO,
  REPORT,
  gzip,
  makeNestedArchive,
  makeSevenZip,
  makeTar,
  makeZip,
} from '../../../fixtures/formats/archives/make-archives.ts';
import type { ArchiveItem } from './index.ts';
import { expandAll, noise, outline, reasonOf, textOf } from './archive-test.helper.ts';

describe('expandArchive', () => {
  it('expands zip in tar.gz in zip in place, joining paths with !/, in archive order', async () => {
    const items = await expandAll('leak.zip', await makeNestedArchive());
    expect(outline(items)).toEqual([
      'readme.txt',
      'bundle.tar.gz!/bundle/report.txt',
      'bundle.tar.gz!/bundle/inner.zip!/folder/cable.txt',
      'bundle.tar.gz!/bundle/inner.zip!/folder/memo.txt',
      'last.txt',
    ]);
    expect(textOf(items, 'bundle.tar.gz!/bundle/inner.zip!/folder/cable.txt')).toBe(CABLE);
    expect(textOf(items, 'bundle.tar.gz!/bundle/report.txt')).toBe(REPORT);
  });

  it('refuses a damaged inner archive by its path and goes on with the outer one', async () => {
    const zip = makeZip({ 'a.txt': CABLE, 'broken.zip': noise(2000), 'old.tar.gz': 'not gzip', 'z.txt': MEMO });
    const items = await expandAll('outer.zip', zip);
    expect(outline(items)).toEqual(['a.txt', 'broken.zip ✗', 'old.tar.gz ✗', 'z.txt']);
    expect(reasonOf(items, 'broken.zip')).toMatch(/^Not unpacked: the data is damaged/);
  });

  it('refuses a name that is not an archive instead of guessing', async () => {
    const items = await expandAll('cable.txt', new TextEncoder().encode(CABLE));
    expect(outline(items)).toEqual(['(archive) ✗']);
    expect(reasonOf(items, '')).toMatch(/does not have an archive's name/);
  });

  it('yields nothing for an empty zip or tar', async () => {
    expect(await expandAll('empty.zip', makeZip({}))).toEqual([]);
    expect(await expandAll('empty.tar', await makeTar([]))).toEqual([]);
  });
});

describe('expandArchive on damaged bytes', () => {
  const wellFormed = (items: ArchiveItem[]): boolean =>
    items.every((item) =>
      item.kind === 'file'
        ? typeof item.path === 'string' && item.bytes instanceof Uint8Array
        : item.kind === 'refused' && typeof item.path === 'string' && item.reason.length > 20,
    );

  it('never throws on truncations or flipped bytes of a nested zip', async () => {
    const zip = await makeNestedArchive();
    let random = 7;
    const next = (): number => {
      random = (Math.imul(random, 1103515245) + 12345) >>> 1;
      return random;
    };
    const variants: Uint8Array[] = [];
    for (let length = 0; length < zip.length; length += 37) variants.push(zip.subarray(0, length));
    for (let i = 0; i < 40; i += 1) {
      const flipped = zip.slice();
      for (let j = 0; j < 3; j += 1) {
        const at = next() % flipped.length;
        flipped[at] = (flipped[at] ?? 0) ^ (1 << (next() % 8));
      }
      variants.push(flipped);
    }
    for (const bytes of variants) {
      const items = await expandAll('leak.zip', bytes);
      expect(wellFormed(items)).toBe(true);
    }
  });

  it('never throws on truncations of a .tar.gz, a .gz or a .7z', async () => {
    const tgz = gzip(
      await makeTar([
        { name: 'a.txt', data: CABLE },
        { name: 'b.zip', data: makeZip({ 'c.txt': MEMO }) },
      ]),
    );
    const seven = await makeSevenZip({ 'a.txt': CABLE, 'b.txt': REPORT });
    const cases: Array<[string, Uint8Array]> = [
      ['x.tar.gz', tgz],
      ['x.txt.gz', gzip(CABLE)],
      ['x.7z', seven],
    ];
    for (const [name, bytes] of cases) {
      for (let length = 0; length < bytes.length; length += Math.ceil(bytes.length / 12)) {
        const items = await expandAll(name, bytes.subarray(0, length));
        expect(wellFormed(items)).toBe(true);
        expect(items.some((item) => item.kind === 'refused') || length === 0).toBe(true);
      }
    }
  });
});
