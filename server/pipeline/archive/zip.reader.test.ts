import { describe, expect, it } from 'vitest';
import {
  CABLE,
  MEMO,
  REPORT,
  duplicateFirstEntry,
  makeZip,
  makeZipWithLink,
  setFlags,
  setRawName,
  zipRecords,
} from '../../../fixtures/formats/archives/make-archives.ts';
import { expandAll, noise, outline, reasonOf, textOf } from './archive-test.helper.ts';

describe('zip archives', () => {
  it('yields every file with its path and bytes, in archive order, without directory entries', async () => {
    const zip = makeZip({ 'cables/': '', 'cables/one.txt': CABLE, 'reports/two.txt': REPORT, 'memo.txt': MEMO });
    const items = await expandAll('leak.zip', zip);
    expect(outline(items)).toEqual(['cables/one.txt', 'reports/two.txt', 'memo.txt']);
    expect(textOf(items, 'cables/one.txt')).toBe(CABLE);
    expect(textOf(items, 'memo.txt')).toBe(MEMO);
  });

  it('reads stored (uncompressed) entries as well as deflated ones', async () => {
    const items = await expandAll('stored.ZIP', makeZip({ 'a.txt': CABLE }, 0));
    expect(textOf(items, 'a.txt')).toBe(CABLE);
  });

  it('streams a large entry and yields it whole', async () => {
    const big = noise(3 * 1024 * 1024, 9);
    const items = await expandAll('big.zip', makeZip({ 'scan-log.bin': big, 'after.txt': MEMO }));
    expect(outline(items)).toEqual(['scan-log.bin', 'after.txt']);
    const first = items[0];
    expect(first?.kind === 'file' && Buffer.from(first.bytes).equals(Buffer.from(big))).toBe(true);
  });

  it("makes names safe to show: leading '/' and './' dropped, '..' neutralised, backslashes as folders", async () => {
    const zip = makeZip({ '/abs/one.txt': 'one', './dot/two.txt': 'two', '../../etc/passwd': 'three', 'win\\dir\\four.txt': 'four' });
    expect(outline(await expandAll('paths.zip', zip))).toEqual(['abs/one.txt', 'dot/two.txt', 'etc/passwd', 'win/dir/four.txt']);
  });

  it('decodes names as UTF-8 when the zip says so, and as CP437 (the zip default) when it does not', async () => {
    const persian = await expandAll('fa.zip', makeZip({ 'گزارش/تلگراف.txt': CABLE }));
    expect(textOf(persian, 'گزارش/تلگراف.txt')).toBe(CABLE);
    // 0x82 is é and 0xA4 is ñ in code page 437, as old Windows and DOS zip tools wrote them.
    const cp437 = Buffer.concat([Buffer.from('caf'), Buffer.from([0x82]), Buffer.from('-a'), Buffer.from([0xa4]), Buffer.from('o.txt')]);
    const dos = setRawName(makeZip({ 'caf?-a?o.txt': CABLE }), 0, cp437);
    expect(outline(await expandAll('dos.zip', dos))).toEqual(['café-año.txt']);
  });

  it('refuses an encrypted entry and still yields the rest', async () => {
    const zip = setFlags(makeZip({ 'secret.txt': CABLE, 'open.txt': MEMO }), 0, 0x1);
    const items = await expandAll('locked.zip', zip);
    expect(outline(items)).toEqual(['secret.txt ✗', 'open.txt']);
    expect(reasonOf(items, 'secret.txt')).toMatch(/encrypted\. Decrypt the archive/);
  });

  it('refuses a symbolic link entry with a note of where it points', async () => {
    const items = await expandAll('links.zip', makeZipWithLink());
    expect(outline(items)).toEqual(['notes.txt', 'passwords ✗']);
    expect(reasonOf(items, 'passwords')).toMatch(/a link to "\/etc\/passwd".*not followed/);
  });

  it('refuses an entry compressed with a method it cannot read, naming the method', async () => {
    const zip = makeZip({ 'a.txt': CABLE, 'b.txt': MEMO });
    const { view, locals, centrals } = zipRecords(zip);
    view.setUint16((locals[0] ?? 0) + 8, 12, true);
    view.setUint16((centrals[0] ?? 0) + 10, 12, true);
    const items = await expandAll('bzip2.zip', zip);
    expect(outline(items)).toEqual(['a.txt ✗', 'b.txt']);
    expect(reasonOf(items, 'a.txt')).toMatch(/compressed with bzip2, which Trove cannot read/);
  });

  it('refuses an entry whose data is damaged (checksum) and yields the next one', async () => {
    const zip = makeZip({ 'a.txt': CABLE, 'b.txt': MEMO }, 0);
    const { locals } = zipRecords(zip);
    const dataStart = (locals[0] ?? 0) + 30 + 'a.txt'.length;
    zip[dataStart + 3] = (zip[dataStart + 3] ?? 0) ^ 0xff;
    const items = await expandAll('damaged.zip', zip);
    expect(outline(items)).toEqual(['a.txt ✗', 'b.txt']);
    expect(reasonOf(items, 'a.txt')).toMatch(/damaged.*checksum does not match/);
  });

  it('refuses entries that share another entry’s data (overlapping zip bomb)', async () => {
    const zip = duplicateFirstEntry(makeZip({ 'a.txt': CABLE, 'b.txt': MEMO }), 'z.txt');
    const items = await expandAll('overlap.zip', zip);
    expect(outline(items)).toEqual(['a.txt', 'b.txt', 'z.txt ✗']);
    expect(reasonOf(items, 'z.txt')).toMatch(/overlaps another entry/);
  });

  it('refuses garbage as a whole, with a reason, instead of throwing', async () => {
    const items = await expandAll('garbage.zip', new TextEncoder().encode('this is not a zip file at all'));
    expect(outline(items)).toEqual(['(archive) ✗']);
    expect(reasonOf(items, '')).toMatch(/^Not unpacked: the data is damaged or not in the format its name says/);
  });
});
