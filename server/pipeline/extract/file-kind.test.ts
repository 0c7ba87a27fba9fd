import { describe, expect, it } from 'vitest';
import { classifyFile, describeBytes } from './file-kind.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('classifyFile', () => {
  it('reads every supported extension as a document, whatever its case, and dotfiles too', () => {
    for (const name of ['cable.txt', 'NOTES.MD', 'page.htm', 'mail.eml', 'records.jsonl', 'scan.pdf', '.notes.txt', 'a/b/.hidden.md']) {
      expect(classifyFile(name), name).toEqual({ kind: 'document' });
    }
  });

  it('unpacks archives by name', () => {
    for (const name of ['leak.zip', 'LEAK.ZIP', 'dump.tar', 'dump.tar.gz', 'dump.tgz', 'cable.txt.gz', 'set.7z', 'outer.zip!/inner.zip']) {
      expect(classifyFile(name), name).toEqual({ kind: 'archive' });
    }
  });

  it('ignores the files operating systems leave behind, by name, wherever they are', () => {
    for (const name of [
      '.DS_Store',
      'folder/.ds_store',
      'Thumbs.db',
      'desktop.ini',
      '__MACOSX/cable.txt',
      'leak/__MACOSX/sub/._cable.txt',
      'leak.zip!/__MACOSX/cable.txt',
      '._report.pdf',
    ]) {
      expect(classifyFile(name), name).toEqual({ kind: 'ignored', reason: 'hidden system file' });
    }
    // A folder merely named like one is not hidden.
    expect(classifyFile('__MACOSX.txt')).toEqual({ kind: 'document' });
  });

  it('reads the images Tesseract reads as documents (they are OCR’d) and lists the others as needing OCR', () => {
    for (const name of ['scan.png', 'photo.JPG', 'page.jpeg', 'fax.tif', 'fax.tiff', 'a.webp']) {
      expect(classifyFile(name), name).toEqual({ kind: 'document' });
    }
    for (const name of ['b.gif', 'c.bmp', 'd.heic']) {
      expect(classifyFile(name), name).toEqual({ kind: 'ignored', reason: 'image (needs OCR)' });
    }
  });

  it('says what an unsupported file looks like from its first bytes', () => {
    const reason = (name: string, head?: Uint8Array) => {
      const kind = classifyFile(name, head);
      return kind.kind === 'ignored' ? kind.reason : kind.kind;
    };
    expect(reason('setup.exe', bytes(0x4d, 0x5a, 0x90, 0))).toBe('unsupported type: looks like a Windows executable (.exe)');
    expect(reason('tool', bytes(0x7f, 0x45, 0x4c, 0x46, 2))).toBe('unsupported type: looks like a Linux executable (ELF) (no extension)');
    expect(reason('data.bin', text('%PDF-1.7\n'))).toBe('unsupported type: looks like a PDF document (.bin)');
    expect(reason('CABLE_0042', text('SUBJECT: MEETING IN BASRA\n'))).toBe('unsupported type: looks like text (no extension)');
    expect(reason('.bashrc', text('export PATH=/bin\n'))).toBe('unsupported type: looks like text (no extension)');
    expect(reason('blob.dat', bytes(0, 1, 2, 3, 250))).toBe('unsupported type: looks like binary data (.dat)');
    expect(reason('mail.msg.bak', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe(
      'unsupported type: looks like a legacy Microsoft Office file (Word, Excel or Outlook) (.bak)',
    );
    expect(reason('nothing.xyz', new Uint8Array())).toBe('unsupported type: looks like an empty file (.xyz)');
    expect(reason('unknown.xyz')).toBe('unsupported type: .xyz');
  });

  it('never mistakes a name for a prototype member', () => {
    expect(classifyFile('x.constructor')).toEqual({ kind: 'ignored', reason: 'unsupported type: .constructor' });
    expect(classifyFile('x.__proto__')).toEqual({ kind: 'ignored', reason: 'unsupported type: .__proto__' });
  });
});

describe('describeBytes', () => {
  it('knows a tar archive by the mark at offset 257, and text in Persian as text', () => {
    const tar = new Uint8Array(512);
    tar.set(text('ustar'), 257);
    expect(describeBytes(tar)).toBe('a tar archive');
    expect(describeBytes(text('گزارش سفارت در تهران'))).toBe('text');
    expect(describeBytes(undefined)).toBeUndefined();
  });
});
