import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodedPath } from '../../../fixtures/formats/encodings/make-encodings.ts';
import { ExtractError } from './extract-error.ts';
import { extractText } from './text.extractor.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/formats', name));

describe('extractText', () => {
  it('returns the whole cleaned file as one document, with its encoding as the only metadata', () => {
    const { documents, problems } = extractText(fixture('sample.txt'));
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      {
        body: [
          'SUBJECT: Quarterly note on harbour traffic',
          '',
          'The harbour authority logged fewer tanker arrivals this quarter.',
          'Officials attributed the drop to maintenance on the northern berth.',
          '',
          'Shipping agents expect normal traffic to resume by the end of November.',
        ].join('\n'),
        metadata: { encoding: 'utf-8' },
      },
    ]);
  });

  it('drops a UTF-8 byte-order mark and normalises line endings', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('one\r\ntwo\r\n')]);
    expect(extractText(bytes).documents[0]?.body).toBe('one\ntwo');
  });

  it('keeps non-Latin text intact', () => {
    const body = extractText(new TextEncoder().encode('گزارش محرمانه\nДоклад')).documents[0]?.body;
    expect(body).toBe('گزارش محرمانه\nДоклад');
  });

  it('reports whitespace-only files as extract.no_text', () => {
    expect(() => extractText(new TextEncoder().encode(' \n\t\n'))).toThrow(
      expect.objectContaining({ code: 'extract.no_text' }) as ExtractError,
    );
  });

  it('reads UTF-16 files by their byte-order mark', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    expect(extractText(utf16).documents).toEqual([{ body: 'hi', metadata: { encoding: 'utf-16le' } }]);
  });

  it('reads a Persian cable saved in Windows-1256 and says so', () => {
    const [document] = extractText(readFileSync(encodedPath('persian-cable', 'windows-1256'))).documents;
    expect(document?.metadata).toEqual({ encoding: 'windows-1256' });
    expect(document?.body).toContain('موضوع: ازسرگيري ارسال سوخت در بندر جنوبي');
  });

  it('imports UTF-8 with a damaged byte, noting the replacement', () => {
    const bytes = Buffer.concat([Buffer.from('Caf\u00e9 ok. '), Buffer.from([0xc3, 0x28]), Buffer.from(' rest')]);
    expect(extractText(bytes).documents).toEqual([
      { body: 'Caf\u00e9 ok. \ufffd( rest', metadata: { encoding: 'utf-8', replacement_characters: 1 } },
    ]);
  });

  it('still refuses binary data', () => {
    expect(() => extractText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x0a, 0x00, 0x00, 0x00, 0x08, 0x00]))).toThrow(
      expect.objectContaining({ code: 'extract.binary' }) as ExtractError,
    );
  });
});
