// Pages of documents through the API: the page list and each passage's page in DocumentDetail, the page
// of each search hit, and page images (a scan as imported, a PDF page rendered and cached), scoped like
// the document. Fixtures are synthetic (fixtures/pages/README.md).
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, grant, signIn } from '../../../fixtures/accounts.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { PDF_PAGES, SCAN, scanWords, seedPagedDocuments } from '../../../fixtures/pages/make-pages.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import type { DocumentDetail } from '../documents/documents.schemas.ts';
import { pageCacheDirFor } from './pages.service.ts';

let t: TestApp;
let ids: { pdf: number; scan: number; vault: number; plain: number };

beforeAll(async () => {
  let vault = 0;
  t = await createTestApp(async (db) => {
    const folder = join(dirname(db.path), 'in');
    mkdirSync(join(folder, 'vault'), { recursive: true });
    const seeded = await seedPagedDocuments(db, folder, 'press');
    vault = (await seedPagedDocuments(db, join(folder, 'vault'), 'vault', ['VAULT CABLE 0001', 'The vault page two.'])).pdf;
    db.writerConnection.prepare(`update collection set visibility = 'restricted' where name = 'vault'`).run();
    await addDocuments(db, [{ ref: 'NOTE-1', body: 'A note without pages.' }], 'press');
    await addAccount(db, 'mo', 'viewer');
    await grant(db, 'vault', 'mo', 'viewer');
    ids = { ...seeded, vault, plain: 0 };
  });
  ids.plain = Number((t.db.writerConnection.prepare(`select id from document where ref = 'NOTE-1'`).get() as { id: number }).id);
});
afterAll(async () => t.close());

const detail = async (id: number) => (await t.app.inject({ url: `/api/documents/${id}` })).json<DocumentDetail>();

describe('pages in the document API', () => {
  it('lists the pages of a PDF, each slicing its text from the body, and gives each passage its page', async () => {
    const { document, pages, passages } = await detail(ids.pdf);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(pages.map((p) => document.body.slice(p.start, p.end))).toEqual(PDF_PAGES);
    expect(pages[0]).toEqual({ ...pages[0], width: 612, height: 792, source: 'text', confidence: null, lowConfidence: false });
    for (const passage of passages) {
      const page = pages.find((p) => p.start <= passage.start && passage.start < p.end);
      expect(passage.page).toBe(page?.number ?? null);
    }
    const courier = passages.find((p) => p.text.includes('courier'))!;
    expect(courier.page).toBe(3);
    expect(passages.find((p) => p.text.includes('ambassador'))!.page).toBe(2);
  });

  it('flags a low-confidence OCR page and keeps its word boxes', async () => {
    const { pages, passages } = await detail(ids.scan);
    const info = {
      number: 1,
      start: 0,
      end: SCAN.body.length,
      width: SCAN.width,
      height: SCAN.height,
      source: 'ocr',
      confidence: 42,
      lowConfidence: true,
    };
    // The words stay out of the document (a long scan stays light) and come with the page.
    expect(pages).toEqual([info]);
    expect(passages.every((p) => p.page === 1)).toBe(true);
    const page = await t.app.inject({ url: `/api/documents/${ids.scan}/pages/1` });
    expect(page.json()).toEqual({ ...info, words: scanWords() });
    const hidden = await t.app.inject({ url: `/api/documents/${ids.vault}/pages/1` });
    const absent = await t.app.inject({ url: `/api/documents/999999/pages/1` });
    expect([hidden.statusCode, hidden.body.replace(String(ids.vault), 'X')]).toEqual([404, absent.body.replace('999999', 'X')]);
    expect((await t.app.inject({ url: `/api/documents/${ids.scan}/pages/2` })).json().error.code).toBe('page.not_found');
  });

  it('a document without pages has an empty list and null pages', async () => {
    const { pages, passages } = await detail(ids.plain);
    expect(pages).toEqual([]);
    expect(passages.map((p) => p.page)).toEqual([null]);
  });

  it('search hits say their page, and null in a document without pages', async () => {
    const response = await t.app.inject({ url: '/api/search?q=courier' });
    const result = response.json().results.find((r: { document: { id: number } }) => r.document.id === ids.pdf);
    expect(result.passages.map((p: { page: number | null }) => p.page)).toEqual([3]);
    const note = (await t.app.inject({ url: '/api/search?q=note' })).json().results[0];
    expect(note.passages[0].page).toBeNull();
  });
});

describe('GET /api/documents/:id/pages/:n/image', () => {
  const image = (id: number, n: number | string, query = '', headers: Record<string, string> = {}) =>
    t.app.inject({ url: `/api/documents/${id}/pages/${n}/image${query}`, headers });

  it('serves a scan as its own image, never as HTML', async () => {
    const response = await image(ids.scan, 1);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
  });

  it('renders a PDF page to PNG at the asked width and caches it by content, page and width', async () => {
    const response = await image(ids.pdf, 2, '?width=600');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const png = response.rawPayload;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(600);
    expect(Math.abs(png.readUInt32BE(20) - (600 * 792) / 612)).toBeLessThan(1.5);
    const cache = pageCacheDirFor(join(dirname(t.db.path), 'originals'));
    const sha = (
      t.db.writerConnection.prepare('select sha256 from document_original where document_id = ?').get(ids.pdf) as { sha256: string }
    ).sha256;
    expect(readdirSync(cache)).toContain(`${sha}-p2-w600.png`);
    const again = await image(ids.pdf, 2, '?width=600');
    expect(again.rawPayload.equals(png)).toBe(true);
  });

  it('a missing page, a document without pages and hostile numbers get clear 4xx answers', async () => {
    const missing = await image(ids.pdf, 9);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'page.not_found', message: 'This document has no page 9; it has 3 pages.' });
    expect((await image(ids.plain, 1)).json().error.code).toBe('page.not_found');
    for (const n of ['0', '-1', 'abc', '1e99', '%3Cscript%3E']) expect((await image(ids.pdf, n)).statusCode).toBe(400);
    expect((await image(ids.pdf, 1, '?width=99999')).statusCode).toBe(400);
  });

  it('a hidden document answers exactly as a missing one; a member sees its page', async () => {
    const hidden = await image(ids.vault, 1);
    const absent = await image(999999, 1);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body.replace(String(ids.vault), 'X')).toBe(absent.body.replace('999999', 'X'));
    expect((await image(ids.vault, 1, '', await signIn(t.app, 'mo'))).statusCode).toBe(200);
  });
});
