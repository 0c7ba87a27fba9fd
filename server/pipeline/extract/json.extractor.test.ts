import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sampleText } from '../../../fixtures/formats/encodings/make-encodings.ts';
import { ExtractError } from './extract-error.ts';
import { extractJson, extractJsonLines } from './json.extractor.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/formats', name));
const json = (text: string) => extractJson(new TextEncoder().encode(text));
const jsonl = (text: string) => extractJsonLines(new TextEncoder().encode(text));

function thrownBy(action: () => unknown): ExtractError {
  try {
    action();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error('Expected an ExtractError.');
}

describe('extractJson', () => {
  it('maps record fields, keeps other fields as metadata and reports records without text', () => {
    const { documents, problems } = extractJson(fixture('sample.json'));
    expect(documents).toEqual([
      {
        ref: '14TEHRAN101',
        kind: 'cable',
        title: 'Fuel subsidy reform',
        dateText: '2014-11-03',
        language: 'en',
        origin: 'Embassy Tehran',
        classification: 'UNCLASSIFIED',
        body: 'The government outlined a plan to phase out fuel subsidies over three years.',
        metadata: { tags: ['energy', 'budget'], pages: 2, encoding: 'utf-8' },
      },
      {
        ref: '14TEHRAN102',
        kind: 'report',
        title: 'Currency market update',
        dateText: '4 November 2014',
        author: 'Economic section',
        body: 'The rial weakened slightly against the dollar on the open market.',
        metadata: { date_iso: '2014-11-04', encoding: 'utf-8' },
      },
    ]);
    // The third record starts on line 23 of the file.
    expect(problems).toEqual([{ line: 23, reason: 'Record has no text or body field.' }]);
  });

  it('accepts a single object', () => {
    expect(json('{"text": "Only one.", "ref": 17}').documents).toEqual([{ ref: '17', body: 'Only one.', metadata: { encoding: 'utf-8' } }]);
  });

  it('reports the line and column of a syntax error', () => {
    const error = thrownBy(() => json('[\n  {"text": "a"},\n  {"text": "b" "x": 1}\n]'));
    expect(error.code).toBe('extract.malformed_json');
    expect(error.message).toBe("The JSON is malformed at line 3, column 16: Expected ',' or '}'.");
  });

  it('rejects JSON that is not an object or array', () => {
    expect(thrownBy(() => json('"just a string"')).code).toBe('extract.malformed_json');
    expect(thrownBy(() => json('[]')).code).toBe('extract.no_text');
  });

  it('reports per record: not an object, text not a string, unknown kind, nested title', () => {
    const { documents, problems } = json(
      '[1, {"text": 5}, {"text": "ok", "kind": "memo"}, {"text": "ok", "title": {"a": 1}}, {"text": "   "}, {"body": "Fine."}]',
    );
    expect(documents).toEqual([{ body: 'Fine.', metadata: { encoding: 'utf-8' } }]);
    expect(problems.map((problem) => problem.reason)).toEqual([
      'Record is not a JSON object.',
      'Field "text" must be a string.',
      'Field "kind" must be one of cable, report, document, not "memo".',
      'Field "title" must be text, not a value of type object.',
      'Record text is empty.',
    ]);
  });

  it('reduces language tags to ISO 639-1 and keeps names it cannot reduce in metadata', () => {
    const { documents } = json('[{"text": "a", "language": "EN-us"}, {"text": "b", "language": "Farsi"}]');
    expect(documents[0]).toMatchObject({ language: 'en', metadata: { encoding: 'utf-8' } });
    expect(documents[1]?.language).toBeUndefined();
    expect(documents[1]?.metadata).toEqual({ language: 'Farsi', encoding: 'utf-8' });
  });

  it('prefers text over body and keeps the unused one', () => {
    const [document] = json('{"text": "From text.", "body": "From body."}').documents;
    expect(document).toEqual({ body: 'From text.', metadata: { body: 'From body.', encoding: 'utf-8' } });
  });

  it('keeps a "__proto__" field as plain data', () => {
    const [document] = json('{"text": "x", "__proto__": {"polluted": true}}').documents;
    expect(Object.getPrototypeOf(document?.metadata)).toBe(Object.prototype);
    expect(Object.keys(document?.metadata ?? {})).toEqual(['__proto__', 'encoding']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('cleans record text', () => {
    const [document] = json('{"text": "line\\r\\nnext\\u0002 \\n\\n\\n\\nend"}').documents;
    expect(document?.body).toBe('line\nnext\n\nend');
  });

  it('reads records saved in Windows-1256 and records the encoding on each', () => {
    const arabic = sampleText('arabic-report');
    const bytes = iconv.encode(
      JSON.stringify([
        { ref: 'A-1', text: arabic },
        { ref: 'A-2', text: sampleText('persian-cable') },
      ]),
      'windows-1256',
    );
    const { documents } = extractJson(bytes);
    expect(documents.map((document) => [document.ref, document.metadata])).toEqual([
      ['A-1', { encoding: 'windows-1256' }],
      ['A-2', { encoding: 'windows-1256' }],
    ]);
    expect(documents[0]?.body).toContain('الموضوع: استئناف شحنات الوقود في الميناء الجنوبي');
  });
});

describe('extractJsonLines', () => {
  it('imports the good lines and reports the bad ones by line number', () => {
    const { documents, problems } = extractJsonLines(fixture('sample.jsonl'));
    expect(documents.map((document) => [document.line, document.ref])).toEqual([
      [1, 'DOC-1'],
      [6, 'DOC-5'],
    ]);
    expect(documents[1]).toMatchObject({ language: 'fa', dateText: '۱۳۹۳/۰۸/۱۲', metadata: { source_file: 'weekly.doc' } });
    expect(problems).toHaveLength(3);
    expect(problems[0]?.line).toBe(3);
    expect(problems[0]?.reason).toMatch(/^Invalid JSON at column 80: .+/);
    expect(problems[1]).toEqual({ line: 4, reason: 'Record has no text or body field.' });
    expect(problems[2]).toEqual({ line: 5, reason: 'Field "kind" must be one of cable, report, document, not "memo".' });
  });

  it('handles CRLF line endings and a missing final newline', () => {
    const { documents } = jsonl('{"text":"a"}\r\n\r\n{"text":"b"}');
    expect(documents.map((document) => [document.line, document.body])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
  });

  it('reports a line holding an array rather than an object', () => {
    expect(jsonl('[{"text":"a"}]\n').problems).toEqual([{ line: 1, reason: 'Record is not a JSON object.' }]);
  });

  it('treats a file of blank lines as extract.no_text', () => {
    expect(thrownBy(() => jsonl('\n  \n\n')).code).toBe('extract.no_text');
  });

  it('reads a UTF-16 file with a byte-order mark (as Windows PowerShell writes them), a broken line failing alone', () => {
    const text = '{"ref":"R-1","text":"گزارش اول"}\r\n{"ref":\r\n{"ref":"R-3","text":"third record"}\r\n';
    const { documents, problems } = extractJsonLines(iconv.encode(text, 'utf-16le', { addBOM: true }));
    expect(documents.map((document) => [document.line, document.ref, document.body, document.metadata])).toEqual([
      [1, 'R-1', 'گزارش اول', { encoding: 'utf-16le' }],
      [3, 'R-3', 'third record', { encoding: 'utf-16le' }],
    ]);
    expect(problems).toEqual([{ line: 2, reason: expect.stringMatching(/^Invalid JSON at column \d+: .+\.$/) as string }]);
  });
});
