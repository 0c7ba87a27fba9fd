import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../../fixtures/factories.ts';
import { OCR_CABLES } from '../../fixtures/ocr-noise/ocr-noise.ts';
import type { SearchResponse } from '../src/lib/api/types.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// The synthetic OCR-noisy cables of fixtures/ocr-noise, beside the sample archive.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ seed: async (db) => void (await addDocuments(db, OCR_CABLES, 'scans')) }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('fuzzy search on the search page', () => {
  it('says what else oswald~1 matched, and marks those spellings in the results', async () => {
    const expected = await server.api<SearchResponse>(`/api/search?q=${encodeURIComponent('oswald~1')}`);
    expect(expected.expansions[0]!.matched).toEqual(['oswaid', '0swald']);
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${encodeURIComponent('oswald~1')}`);
    try {
      await searchSettled(page);
      const line = page.locator('p.also-matched');
      await line.waitFor();
      // Shown as the page shows them (upper case), read back as the browser renders it.
      expect((await line.innerText()).replace(/\s+/g, ' ').trim()).toBe('oswald~1 also matched: OSWAID, 0SWALD');
      expect(await page.locator('li.result').count()).toBe(expected.total);
      const marks = (await page.locator('li.result mark').allTextContents()).map((m) => m.toLowerCase());
      expect(new Set(marks)).toEqual(new Set(['oswald', 'oswaid', '0swald']));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows nothing for an exact search, and says so when a fuzzy word matched no other spelling', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/search?q=oswald');
    try {
      await searchSettled(page);
      expect(await page.locator('li.result').count()).toBeGreaterThan(0);
      expect(await page.locator('p.also-matched').count()).toBe(0);
      await page.goto(`${server.baseUrl}/search?q=${encodeURIComponent('qzxvwkj~1')}`);
      await searchSettled(page);
      expect(await page.locator('p.also-matched').innerText()).toContain('matched no other spelling');
    } finally {
      await close();
    }
  });
});
