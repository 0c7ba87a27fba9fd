import { describe, expect, it } from 'vitest';
import { ExtractError, extractFile, LAZY_EXTENSIONS, SUPPORTED_EXTENSIONS } from './extract.ts';
import { MAIL_EXTRACTORS } from './mail/index.ts';
import { OFFICE_EXTRACTORS } from './office/index.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

async function failure(fileName: string, data: Uint8Array): Promise<ExtractError> {
  const error: unknown = await extractFile(fileName, data).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ExtractError);
  return error as ExtractError;
}

describe('extractFile', () => {
  it('lists the supported extensions in the agreed order', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual([
      ...['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl', '.pdf'],
      ...['.docx', '.docm', '.doc', '.odt', '.rtf', '.xlsx', '.xlsm', '.xls', '.ods', '.pptx', '.pptm'],
      ...['.eml', '.mbox', '.msg'],
    ]);
    expect(Object.isFrozen(SUPPORTED_EXTENSIONS)).toBe(true);
    // The office and mail tables load on their first file: the extensions they are reached by are listed apart.
    expect([...OFFICE_EXTRACTORS.keys()]).toEqual(LAZY_EXTENSIONS.office);
    expect([...MAIL_EXTRACTORS.keys()]).toEqual(LAZY_EXTENSIONS.mail);
  });

  it('chooses the extractor from the extension, ignoring case and directories', async () => {
    const text = await extractFile('dump/NOTES.TXT', bytes('# not a heading here'));
    expect(text.documents[0]).toEqual({ body: '# not a heading here', metadata: { encoding: 'utf-8' } });
    const markdown = await extractFile('C:\\leak\\Notes.Md', bytes('# A heading\n\nText.'));
    expect(markdown.documents[0]?.title).toBe('A heading');
    const json = await extractFile('records.JSONL', bytes('{"text":"one"}\n'));
    expect(json.documents[0]?.line).toBe(1);
  });

  it('rejects unknown extensions with extract.unsupported', async () => {
    // Archives are unpacked before extraction (server/pipeline/archive), so an extractor never sees one.
    const error = await failure('archive.zip', bytes('PK'));
    expect(error.code).toBe('extract.unsupported');
    expect(error.message).toBe(`Files ending in ".zip" are not supported; Trove can import ${SUPPORTED_EXTENSIONS.join(', ')}.`);
  });

  it('rejects a file without an extension', async () => {
    const error = await failure('README', bytes('text'));
    expect(error.code).toBe('extract.unsupported');
    expect(error.message).toMatch(/^The file "README" has no extension;/);
  });

  it('does not treat prototype member names as extensions', async () => {
    expect((await failure('x.constructor', bytes('text'))).code).toBe('extract.unsupported');
    expect((await failure('x.__proto__', bytes('text'))).code).toBe('extract.unsupported');
  });

  it.each(SUPPORTED_EXTENSIONS)('reports an empty %s file as extract.empty', async (extension) => {
    const error = await failure(`empty${extension}`, new Uint8Array(0));
    expect(error.code).toBe('extract.empty');
    expect(error.message).toBe('The file is empty.');
  });

  it('cleans text fields: no control characters, line breaks become spaces, empty ones go', async () => {
    const record = { text: 'Body.', title: 'Two\nlines\u0002 here ', author: '\u0003', origin: 'Cafe\u0301', ref: ' R-1 ' };
    const [document] = (await extractFile('r.json', bytes(JSON.stringify(record)))).documents;
    expect(document).toEqual({ ref: 'R-1', title: 'Two lines here', origin: 'Caf\u00e9', body: 'Body.', metadata: { encoding: 'utf-8' } });
  });

  it('gives ExtractError a name, a code and a message', () => {
    const error = new ExtractError('extract.no_text', 'Nothing here.');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExtractError');
    expect(error.code).toBe('extract.no_text');
    expect(error.message).toBe('Nothing here.');
  });
});
