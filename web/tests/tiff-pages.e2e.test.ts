// A TIFF scan's page in the reader: the server draws the frame to PNG, and the image view shows it with the OCR
// word boxes on it. The fax is synthetic: grey bars standing in for words (fixtures/pages/make-pages.ts).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../../fixtures/factories.ts';
import { scanPng } from '../../fixtures/pages/make-pages.ts';
import { multiPageTiff } from '../../server/modules/ocr/ocr-fixtures.ts';
import { createServices } from '../../server/services.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

const REF = 'FAX-0009';
const BODY = 'GRAIN SHIPMENTS';
// Two words in a frame 1600 wide, drawn down to the reader's 1200.
const WORDS = [
  { text: 'GRAIN', start: 0, end: 5, x: 100, y: 80, w: 300, h: 60, confidence: 91 },
  { text: 'SHIPMENTS', start: 6, end: 15, x: 450, y: 80, w: 600, h: 60, confidence: 90 },
];

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({
      seed: async (db) => {
        const page = {
          number: 1,
          start: 0,
          end: BODY.length,
          width: 1600,
          height: 400,
          source: 'ocr' as const,
          confidence: 90,
          words: WORDS,
        };
        await addDocuments(db, [{ ref: REF, title: 'Fax bundle', body: BODY, pages: [page] }], 'faxes');
        const id = Number((db.writerConnection.prepare('select id from document where ref = ?').get(REF) as { id: number }).id);
        const tiff = await multiPageTiff([scanPng(1600, 400, WORDS), scanPng(800, 300)]);
        const kept = await createServices(db).originals!.keep('fax-0009.tif', tiff);
        db.writerConnection
          .prepare('insert into document_original (document_id, sha256, file_name, media_type, size) values (?, ?, ?, ?, ?)')
          .run(id, kept.sha256, kept.fileName, kept.mediaType, kept.size);
      },
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('a TIFF scan in the reader', () => {
  it('shows the frame drawn to PNG in the image view, with the word boxes inside it', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${REF}?view=both&q=shipments`);
    try {
      await readerReady(page);
      await page.waitForFunction(() => ((document.querySelector('.page-image img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
      const image = await page.locator('.page-image img').evaluate((img: HTMLImageElement) => ({
        src: img.getAttribute('src'),
        width: img.naturalWidth,
        height: img.naturalHeight,
      }));
      expect(image).toMatchObject({ src: expect.stringContaining('/pages/1/image'), width: 1200, height: 300 });
      await page.locator('mark[data-hit]').first().waitFor();
      await page.keyboard.press('n');
      await page.locator('.page-image .box[data-word="SHIPMENTS"]').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
