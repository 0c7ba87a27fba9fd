import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from './extract-error.ts';
import { extractText } from './text.extractor.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/formats', name));

describe('extractText', () => {
  it('returns the whole cleaned file as one document without metadata', () => {
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
        metadata: {},
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

  it('explains UTF-16 files instead of calling them binary', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    expect(() => extractText(utf16)).toThrow(
      expect.objectContaining({ code: 'extract.invalid_utf8', message: expect.stringContaining('UTF-16') }) as ExtractError,
    );
  });
});
