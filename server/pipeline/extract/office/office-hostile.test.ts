// Damaged, truncated, password-protected and hostile office files end in an ExtractError with a
// sentence, never in another exception, a hang or a blown heap.
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildDocx,
  buildOdt,
  buildOle,
  buildPptx,
  buildRepeatedOds,
  buildSparseWorkbook,
  buildWorkbook,
  contactRows,
  editOle,
  withDeclaredSize,
} from '../../../../fixtures/formats/office/make-office.ts';
import { extractFailure, extractOne } from '../../../../fixtures/formats/office/office-test.helper.ts';
import { extractFile } from '../extract.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../../fixtures/formats/office', name)));
const text = (value: string) => new TextEncoder().encode(value);

const VALID: Record<string, () => Uint8Array> = {
  'cable.docx': () => buildDocx(),
  'cable.odt': () => buildOdt(),
  'briefing.pptx': () => buildPptx([{ paragraphs: ['Slide text'] }]),
  'log.xlsx': () => buildWorkbook([{ name: 'Log', rows: contactRows(200) }], 'xlsx'),
  'log.ods': () => buildWorkbook([{ name: 'Log', rows: contactRows(200) }], 'ods'),
  'log.xls': () => fixture('libreoffice.xls'),
  'cable.doc': () => fixture('sample.doc'),
};

describe('damaged office files', () => {
  it.each(Object.keys(VALID))('%s that is not an office file at all is extract.malformed_office', async (name) => {
    const error = await extractFailure(name, text('Just some text that was given the wrong name.'));
    expect(error.code).toBe('extract.malformed_office');
    expect(error.message).toMatch(/is damaged, truncated or not really a/);
  });

  it.each(Object.keys(VALID))('%s cut short gives an ExtractError', async (name) => {
    const bytes = VALID[name]!();
    for (const fraction of [0.1, 0.5, 0.9]) {
      const error = await extractFailure(name, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      expect(['extract.malformed_office', 'extract.no_text']).toContain(error.code);
    }
  });

  it.each(Object.keys(VALID))('%s with bytes overwritten gives text or an ExtractError, nothing else', async (name) => {
    const bytes = VALID[name]!();
    for (const seed of [1, 2, 3, 4, 5]) {
      const damaged = new Uint8Array(bytes);
      for (let at = 600 * seed; at < damaged.length; at += 997) damaged[at] = (damaged[at]! + 89 * seed) & 0xff;
      const outcome = await extractFile(name, damaged).then(
        (result) => result.documents.length,
        (error: unknown) => error,
      );
      if (typeof outcome !== 'number') expect((outcome as Error).name).toBe('ExtractError');
    }
  });

  it('names the part that is not well-formed XML', async () => {
    const error = await extractFailure('broken.docx', buildDocx({ body: '<w:p><w:r><w:t>unclosed' }));
    expect(error.code).toBe('extract.malformed_office');
    expect(error.message).toMatch(/word\/document\.xml is not well-formed XML/);
  });

  it('does not expand entities a DTD declares (billion laughs)', async () => {
    const laughs =
      '<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    const document = `${laughs}<w:document <W>><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>`;
    const error = await extractFailure('laughs.docx', buildDocx({ parts: { 'word/document.xml': document } }));
    expect(error.code).toBe('extract.malformed_office');
    expect(error.message).toMatch(/word\/document\.xml is not well-formed XML/);
  });
});

describe('zip bombs inside office files', () => {
  it.each([
    ['bomb.docx', () => buildDocx(), 'word/document.xml'],
    ['bomb.pptx', () => buildPptx([{ paragraphs: ['x'] }]), 'ppt/presentation.xml'],
    ['bomb.odt', () => buildOdt(), 'content.xml'],
    ['bomb.xlsx', () => buildWorkbook([{ name: 'Log', rows: [['x']] }], 'xlsx'), 'xl/worksheets/sheet1.xml'],
  ] as const)('%s declaring 3 GB of XML is refused as extract.too_large before unpacking', async (name, build, entry) => {
    const error = await extractFailure(name, withDeclaredSize(build(), entry, 3_000_000_000));
    expect(error.code).toBe('extract.too_large');
    expect(error.message).toBe(
      `The ${name.endsWith('.xlsx') ? 'spreadsheet' : name.endsWith('.pptx') ? 'presentation' : name.endsWith('.odt') ? 'OpenDocument text' : 'Word document'} would unpack to more than 200 MB of text and markup, which looks like a zip bomb; Trove did not unpack it.`,
    );
  });

  it('a part that unpacks to more than it declares is cut at its declared size, so it cannot grow past the cap', async () => {
    const error = await extractFailure('liar.docx', withDeclaredSize(buildDocx(), 'word/document.xml', 40));
    expect(error.code).toBe('extract.malformed_office');
    // SheetJS stores its parts uncompressed; deflate them so the lie is about unpacked size.
    const workbook = zipSync(unzipSync(buildWorkbook([{ name: 'Log', rows: contactRows(50) }], 'xlsx')));
    const sheet = await extractFailure('liar.xlsx', withDeclaredSize(workbook, 'xl/worksheets/sheet1.xml', 600));
    expect(['extract.malformed_office', 'extract.no_text']).toContain(sheet.code);
  });
});

describe('spreadsheets that claim more than they hold', () => {
  it('reads a sheet whose range is the whole grid from the cells it has, at once', async () => {
    const started = performance.now();
    const document = await extractOne('sparse.xlsx', buildSparseWorkbook());
    expect(document.body).toBe('Sheet: Sparse\ntop left\n | far corner');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses an .ods that repeats a filled cell into billions', async () => {
    const error = await extractFailure('repeated.ods', buildRepeatedOds(1_048_576, 16_384));
    expect(error.code).toBe('extract.too_large');
    expect(error.message).toBe(
      'The spreadsheet repeats its cells into more than 2,000,000 filled cells, which looks like a bomb; Trove did not read it.',
    );
  });

  it('still writes out modest repeats', async () => {
    const document = await extractOne('repeated.ods', buildRepeatedOds(3, 2));
    expect(document.body).toBe(`Sheet: Repeated\n${Array(3).fill('Meeting at the bazaar | Meeting at the bazaar').join('\n')}`);
  });
});

describe('RTF that nests without end', () => {
  it('refuses groups nested past 1000 deep instead of working for minutes', async () => {
    const deep = `{\\rtf1 ${'{'.repeat(200_000)}text${'}'.repeat(200_000)}}`;
    const error = await extractFailure('deep.rtf', text(deep));
    expect(error.code).toBe('extract.malformed_office');
    expect(error.message).toMatch(/its groups nest more than 1000 deep/);
  });
});

describe('password-protected office files', () => {
  const encryptedPackage = buildOle({ EncryptionInfo: new Uint8Array(64).fill(4), EncryptedPackage: new Uint8Array(4096).fill(7) });

  it.each([
    ['locked.docx', 'Word document'],
    ['locked.xlsx', 'spreadsheet'],
    ['locked.pptx', 'presentation'],
  ])('%s (an OLE file holding the encrypted package) is extract.encrypted_office', async (name, what) => {
    const error = await extractFailure(name, encryptedPackage);
    expect(error.code).toBe('extract.encrypted_office');
    expect(error.message).toBe(`The ${what} is password-protected; open it with the password, save a copy without one and import that.`);
  });

  it('a .doc with the encryption flag set is extract.encrypted_office', async () => {
    const locked = editOle(fixture('sample.doc'), (streams) => {
      const fib = streams.get('WordDocument')!;
      fib[11] = fib[11]! | 0x01;
    });
    const error = await extractFailure('locked.doc', locked);
    expect(error.code).toBe('extract.encrypted_office');
  });

  it('an .xls with a FilePass record is extract.encrypted_office', async () => {
    const locked = editOle(fixture('libreoffice.xls'), (streams) => {
      const book = streams.get('Workbook')!;
      const bofEnd = 4 + (book[2]! | (book[3]! << 8));
      const filePass = Uint8Array.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]);
      streams.set('Workbook', Uint8Array.from([...book.subarray(0, bofEnd), ...filePass, ...book.subarray(bofEnd)]));
    });
    const error = await extractFailure('locked.xls', locked);
    expect(error.code).toBe('extract.encrypted_office');
  });

  it('a legacy PowerPoint file under a .pptx name says what it is', async () => {
    const error = await extractFailure('old.pptx', buildOle({ 'PowerPoint Document': new Uint8Array(600).fill(1) }));
    expect(error.message).toMatch(/legacy PowerPoint \.ppt file, which Trove does not read: save it as \.pptx/);
  });
});

describe('files whose extension does not say what they are', () => {
  it('reads a .docx saved under a .doc name, and an .odt under a .docx name', async () => {
    expect((await extractOne('renamed.doc', buildDocx())).body).toContain('BAZAAR STRIKE');
    expect((await extractOne('renamed.docx', buildOdt())).body).toContain('BAZAAR STRIKE');
  });

  it('reads the macro-enabled variants (.docm, .xlsm, .pptm) as their plain forms; macros are never run or read', async () => {
    expect((await extractOne('macro.docm', buildDocx())).body).toContain('BAZAAR STRIKE');
    expect((await extractOne('macro.xlsm', buildWorkbook([{ name: 'Log', rows: [['a']] }], 'xlsx'))).body).toBe('Sheet: Log\na');
    expect((await extractOne('macro.pptm', buildPptx([{ paragraphs: ['Agenda'] }]))).body).toBe('Slide 1\nAgenda');
  });

  it('reads an .xlsx saved under an .xls name', async () => {
    const document = await extractOne('renamed.xls', buildWorkbook([{ name: 'Log', rows: [['a', 'b']] }], 'xlsx'));
    expect(document.body).toBe('Sheet: Log\na | b');
  });
});
