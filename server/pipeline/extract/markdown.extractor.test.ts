import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ExtractError } from './extract-error.ts';
import { extractMarkdown } from './markdown.extractor.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/formats', name));
const md = (text: string) => extractMarkdown(new TextEncoder().encode(text));

function thrownBy(action: () => unknown): ExtractError {
  try {
    action();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error('Expected an ExtractError.');
}

describe('extractMarkdown', () => {
  it('maps known front matter keys to fields and keeps the rest as metadata', () => {
    const [document] = extractMarkdown(fixture('sample.md')).documents;
    expect(document).toEqual({
      ref: '0042-TEHRAN',
      kind: 'cable',
      title: 'Harbour authority changes inspection rules',
      dateText: '12 Aban 1393',
      language: 'fa',
      origin: 'Embassy Tehran',
      author: 'Political section',
      classification: 'CONFIDENTIAL',
      body: [
        '# Harbour authority changes inspection rules',
        '',
        'The port authority announced **new inspection rules** for incoming tankers.',
        '',
        '> Every vessel will now be inspected twice.',
        '',
        'Agents said the change would slow traffic for several weeks.',
      ].join('\n'),
      metadata: { tags: ['shipping', 'customs'], reviewed: true, date_iso: '2014-11-03', encoding: 'utf-8' },
    });
  });

  it('uses `date` as dateText, exactly as written, when there is no date_text', () => {
    const [document] = md('---\ndate: 2014-11-03\n---\nBody.').documents;
    expect(document?.dateText).toBe('2014-11-03');
    expect(document?.metadata).toEqual({ encoding: 'utf-8' });
  });

  it('keeps the original spelling of scalars YAML would turn into numbers', () => {
    const [document] = md('---\nref: 0042\ndate: 2014\n---\nBody.').documents;
    expect(document?.ref).toBe('0042');
    expect(document?.dateText).toBe('2014');
  });

  it('treats a file without front matter as all body, with the first heading as title', () => {
    const [document] = md('Intro line.\n\n# Real title\n\nText.').documents;
    expect(document).toEqual({ title: 'Real title', body: 'Intro line.\n\n# Real title\n\nText.', metadata: { encoding: 'utf-8' } });
  });

  it('only recognises front matter on the very first line', () => {
    const [document] = md('Preface.\n---\ntitle: not front matter\n---\n').documents;
    expect(document?.title).toBeUndefined();
    expect(document?.body).toBe('Preface.\n---\ntitle: not front matter\n---');
  });

  it('accepts CRLF files and an empty front matter block', () => {
    const [document] = md('---\r\n---\r\nLine one\r\nLine two\r\n').documents;
    expect(document).toEqual({ body: 'Line one\nLine two', metadata: { encoding: 'utf-8' } });
  });

  it('reports invalid YAML with its line in the file', () => {
    const error = thrownBy(() => md('---\ntitle: ok\nlist: [a, b\n---\nBody'));
    expect(error.code).toBe('extract.malformed_front_matter');
    expect(error.message).toMatch(/^The front matter is not valid YAML at line \d+, column \d+: .+\.$/);
  });

  it('reports duplicate keys instead of silently keeping one', () => {
    const error = thrownBy(() => md('---\ntitle: one\ntitle: two\n---\nBody'));
    expect(error.code).toBe('extract.malformed_front_matter');
    expect(error.message).toContain('line 3');
  });

  it('reports front matter that is never closed', () => {
    const error = thrownBy(() => md('---\ntitle: open\nBody without a fence'));
    expect(error.code).toBe('extract.malformed_front_matter');
    expect(error.message).toContain('line 1');
  });

  it('reports front matter that is a list instead of key/value pairs', () => {
    expect(thrownBy(() => md('---\n- a\n- b\n---\nBody')).code).toBe('extract.malformed_front_matter');
  });

  it('reports an unknown kind', () => {
    const error = thrownBy(() => md('---\nkind: memo\n---\nBody'));
    expect(error.code).toBe('extract.malformed_front_matter');
    expect(error.message).toContain('"kind"');
  });

  it('survives self-referencing YAML anchors and keeps metadata JSON-safe', () => {
    const [document] = md('---\nloop: &a [1, *a]\nbig: .inf\n---\nBody').documents;
    expect(document?.metadata).toEqual({ loop: [1, '[circular]'], big: 'Infinity', encoding: 'utf-8' });
    expect(() => JSON.stringify(document?.metadata)).not.toThrow();
  });

  it('refuses alias bombs', () => {
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [index, letter] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const previous = String.fromCharCode(97 + index);
      bomb.push(`${letter}: &${letter} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    bomb.push('---', 'Body');
    const error = thrownBy(() => md(bomb.join('\n')));
    expect(error.code).toBe('extract.malformed_front_matter');
    expect(error.message).toMatch(/alias/i);
  });

  it('reports a document with no body as extract.no_text', () => {
    expect(thrownBy(() => md('---\ntitle: Only metadata\n---\n\n')).code).toBe('extract.no_text');
  });

  it('reads front matter and body saved in KOI8-R', () => {
    const bytes = iconv.encode(
      '---\ntitle: Отчёт о порте\n---\n\nЗаместитель директора заявил, что ремонт причала займёт месяц.',
      'koi8-r',
    );
    const [document] = extractMarkdown(bytes).documents;
    expect(document).toMatchObject({ title: 'Отчёт о порте', metadata: { encoding: 'koi8-r' } });
    expect(document?.body).toBe('Заместитель директора заявил, что ремонт причала займёт месяц.');
  });
});
