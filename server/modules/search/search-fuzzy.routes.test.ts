import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../../../fixtures/factories.ts';
import { manySpellingsCable, OCR_CABLES } from '../../../fixtures/ocr-noise/ocr-noise.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../pipeline/highlight.ts';
import type { SearchResponse } from './search.schemas.ts';

type Body = SearchResponse & { error?: { code: string; message: string } };

let t: TestApp;

async function search(q: string): Promise<{ status: number; body: Body }> {
  const response = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
  return { status: response.statusCode, body: response.json() };
}

const refs = (body: SearchResponse) => body.results.map((r) => r.document.ref).sort();
const marked = (body: SearchResponse) =>
  body.results.flatMap((r) =>
    r.passages.flatMap((p) => [...p.snippet.matchAll(new RegExp(`${HIGHLIGHT_START}(.*?)${HIGHLIGHT_END}`, 'g'))].map((m) => m[1])),
  );

beforeAll(async () => {
  t = await createTestApp((db) => addDocuments(db, [...OCR_CABLES, manySpellingsCable()], 'scans'));
});
afterAll(async () => t.close());

describe('GET /api/search with fuzzy~ words, on OCR-like text', () => {
  it('expands oswald~1 to the spellings one edit away, commonest first, and finds their documents', async () => {
    const { status, body } = await search('oswald~1');
    expect(status).toBe(200);
    // oswaid is in three passages, 0swald in two; osvvald is two edits away.
    expect(body.expansions).toEqual([{ term: 'oswald', edits: 1, matched: ['oswaid', '0swald'] }]);
    expect(refs(body)).toEqual(['OCR-MEX-1963-0101', 'OCR-MEX-1963-0102', 'OCR-MEX-1963-0103', 'OCR-MEX-1963-0104']);
    expect(new Set(marked(body))).toEqual(new Set(['OSWAID', '0SWALD', 'OSWALD']));
  });

  it('reaches two edits with ~2', async () => {
    const { body } = await search('oswald~2');
    expect(body.expansions[0]!.matched).toEqual(['oswaid', '0swald', 'osvvald']);
  });

  it('leaves exact search as it was: no expansions, only the word itself', async () => {
    const { body } = await search('oswald');
    expect(body.expansions).toEqual([]);
    expect(refs(body)).toEqual(['OCR-MEX-1963-0103', 'OCR-MEX-1963-0104']);
  });

  it('excludes every spelling of an excluded fuzzy word', async () => {
    const { body } = await search('1963 -oswald~1');
    expect(body.expansions[0]!.matched).toEqual(['oswaid', '0swald']);
    expect(refs(body)).toEqual([]);
    // 0101 says OSWAID, two edits from 0swald: kept by ~1, excluded by ~2.
    expect(refs((await search('september -0swald~1')).body)).toEqual(['OCR-MEX-1963-0101']);
    expect(refs((await search('september -0swald~2')).body)).toEqual([]);
  });

  it('expands inside an OR group and in title:', async () => {
    const { body } = await search('ambassador OR oswald~1');
    expect(refs(body)).toHaveLength(5);
    const { body: title } = await search('title:visiter~1');
    expect(title.expansions).toEqual([{ term: 'visiter', edits: 1, matched: ['visitor'] }]);
    expect(refs(title)).toEqual(['OCR-MEX-1963-0101', 'OCR-MEX-1963-0103']);
  });

  it('folds Persian letters and digits as exact search does', async () => {
    // Arabic kaf and yeh in the query, Persian keheh and yeh in the text; کنسولکری is گ read as ک.
    const { body } = await search('كنسولگري~1');
    expect(body.expansions).toEqual([{ term: 'کنسولگری', edits: 1, matched: ['کنسولکری'] }]);
    expect(refs(body)).toEqual(['OCR-TEH-1393-0201']);
    const { body: embassy } = await search('سفارت~1');
    expect(embassy.expansions[0]!.matched.sort()).toEqual(['سفارث', 'سقارت'].sort());
    // Persian digits fold to ASCII ones; l963 is the OCR's l for 1.
    const { body: year } = await search('۱۹۶۳~1');
    expect(year.expansions[0]).toMatchObject({ term: '1963', matched: ['l963'] });
  });

  it('caps the expansions at the 20 closest', async () => {
    const { body } = await search('courier~1');
    expect(body.expansions[0]!.matched).toHaveLength(20);
    expect(refs(body)).toEqual(['OCR-MANY-0001']);
  });

  it.each([
    ['~', 'A ~ must follow a word'],
    ['oswald ~1', 'A ~ must follow a word'],
    ['oswald~9', '~ allows 1 or 2 differences, not 9'],
    ['oswald~', 'Say how many letters may differ'],
    ['a~1', 'a~1 is too short for ~1'],
    ['oswal~2', 'oswal~2 is too short for ~2'],
    ['"lee oswald"~1', '~ works on single words, not on "phrases"'],
    ['osw*~1', 'both a prefix* and fuzzy~'],
    ['al-amiri~1', 'one word at a time'],
    ['aaaa~1 bbbb~1 cccc~1 dddd~1 eeee~1', 'too many fuzzy~ words'],
  ])('refuses %s in words', async (q, message) => {
    const { status, body } = await search(q);
    expect(status).toBe(400);
    expect(body.error!.code).toBe('search.invalid_query');
    expect(body.error!.message).toContain(message);
  });

  it('highlights the expansions inside one document', async () => {
    const id = (await search('ref:OCR-MEX-1963-0102')).body.results[0]!.document.id;
    const response = await t.app.inject({ method: 'GET', url: `/api/documents/${id}/highlights?q=${encodeURIComponent('oswald~1')}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().hits).toHaveLength(2);
  });

  it('learns the words of documents written after the first fuzzy search', async () => {
    await addDocuments(t.db, [{ ref: 'OCR-LATE-0001', body: 'A LATE CABLE NAMES OSWALB.' }], 'scans');
    const { body } = await search('oswald~1');
    expect(body.expansions[0]!.matched).toContain('oswalb');
    expect(refs(body)).toContain('OCR-LATE-0001');
  });
});
