// Pages in the reader and in search results, on synthetic paged documents (fixtures/pages/README.md):
// page markers, ?page=N, "p. 3" in results, the text / image / both toggle, next/previous page keys,
// and the selected passage outlined on a scan's page image from its OCR word boxes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN, seedPagedDocuments } from '../../fixtures/pages/make-pages.ts';
import type { DocumentListResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { isInViewport, readerReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let pdfRef: string;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'trove-pages-e2e-'));
  try {
    [server, browser] = await Promise.all([
      startServer({
        seed: async (db) => {
          await seedPagedDocuments(db, folder);
        },
      }),
      launchBrowser(),
    ]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const list = await server.api<DocumentListResponse>('/api/documents?collection=paged&sort=ref');
  pdfRef = list.documents.find((d) => d.ref !== SCAN.ref)!.ref;
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('pages in the reader', () => {
  it('marks where each page starts, and ?page=2 scrolls to page 2 and marks its first passage', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${encodeURIComponent(pdfRef)}?page=2`);
    try {
      await readerReady(page);
      expect(await page.locator('.page-marker .label').allTextContents()).toEqual(['Page 1', 'Page 2', 'Page 3']);
      await page.locator('.page-marker.target#page-2').waitFor();
      expect(await isInViewport(page, '#page-2')).toBe(true);
      const target = page.locator('.passage.target');
      expect(await target.count()).toBe(1);
      expect(await target.textContent()).toContain('ambassador met the deputy minister');
      // A text-layer PDF is not flagged.
      expect(await page.locator('[data-low-confidence]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('search results say the page of each hit and link to it', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/search?q=courier');
    try {
      await searchSettled(page);
      const link = page.locator(`li.result[data-ref="${pdfRef}"] a.page`);
      expect(await link.textContent()).toBe('p. 3');
      await link.click();
      await readerReady(page);
      expect(new URL(page.url()).searchParams.get('page')).toBe('3');
      await page.locator('.passage.target').waitFor();
      expect(await page.locator('.passage.target').textContent()).toContain('courier');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('toggles text, page image and both from the keyboard, keeps the choice in the URL, and turns pages with [ and ]', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${encodeURIComponent(pdfRef)}`);
    try {
      await readerReady(page);
      expect(await page.locator('.page-image').count()).toBe(0);
      await page.getByRole('radio', { name: 'Text' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('.page-image img').waitFor();
      expect(new URL(page.url()).searchParams.get('view')).toBe('image');
      expect(await page.locator('section.passages').isHidden()).toBe(true);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'both');
      expect(await page.locator('section.passages').isVisible()).toBe(true);
      const img = page.locator('.page-image img');
      await page.waitForFunction(() => (document.querySelector('.page-image img') as HTMLImageElement | null)?.naturalWidth === 1200);
      expect(await img.getAttribute('src')).toContain('/pages/1/image');
      // Keys move the page when focus is not in a form field.
      await page.locator('body').click({ position: { x: 2, y: 2 } });
      await page.keyboard.press(']');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '2');
      expect(await img.getAttribute('src')).toContain('/pages/2/image');
      expect(await page.locator('.page-image .count').textContent()).toBe('Page 2 of 3');
      await page.keyboard.press('[');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '1');
      await page.getByRole('button', { name: 'Next page →' }).click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '2');
      await page.getByRole('radio', { name: 'Text' }).check();
      await page.waitForFunction(() => !new URL(location.href).searchParams.has('view'));
      expect(await page.locator('.page-image').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('outlines the selected passage on a scan with word boxes inside the image, and flags its low confidence', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${SCAN.ref}?view=both#p2`);
    try {
      await readerReady(page);
      await page.waitForFunction(() => ((document.querySelector('.page-image img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
      expect(await page.locator('.page-marker [data-low-confidence]').textContent()).toContain('Low OCR confidence (42%)');
      const boxes = page.locator('.page-image .box');
      expect(await boxes.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset['word']))).toEqual([
        'The',
        'convoy',
        'left',
        'at',
        'dawn.',
      ]);
      const inside = await page.evaluate(() => {
        const image = document.querySelector('.page-image img')!.getBoundingClientRect();
        return [...document.querySelectorAll('.page-image .box')].every((box) => {
          const r = box.getBoundingClientRect();
          return (
            r.width > 0 && r.left >= image.left && r.right <= image.right + 0.5 && r.top >= image.top && r.bottom <= image.bottom + 0.5
          );
        });
      });
      expect(inside).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('outlines the current search hit on the scan as n moves through the hits; axe finds nothing serious', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${SCAN.ref}?q=convoy&view=both`);
    try {
      await readerReady(page);
      await page.waitForFunction(() => ((document.querySelector('.page-image img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
      await page.locator('mark[data-hit]').first().waitFor();
      await page.keyboard.press('n');
      await page.locator('.page-image .box[data-word="convoy"]').waitFor();
      expect(await page.locator('.page-image .box').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
