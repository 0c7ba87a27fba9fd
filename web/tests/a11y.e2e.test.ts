import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('accessibility (axe-core)', () => {
  it('has no serious violations on the start page', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await page.locator('.landing li a').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('has no serious violations on a results page with filters and the syntax help open', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/search?q=checkpoints&kind=cable');
    try {
      await searchSettled(page);
      await page.locator('li.result').first().waitFor();
      await page.getByRole('button', { name: 'Syntax', exact: true }).click();
      await page.locator('#syntax-help').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('has no serious violations in the reader with hits and a target passage', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/documents/TRV-BGD-2014-0412?q=source#p3');
    try {
      await readerReady(page);
      await page.locator('.passages mark').first().waitFor();
      await page.keyboard.press('n');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('has no serious violations on a Persian document', async () => {
    const listing = await server.api<SearchResponse>('/api/search?language=fa&pageSize=1');
    const ref = listing.results[0]?.document.ref;
    expect(ref).toBeDefined();
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${encodeURIComponent(ref!)}`);
    try {
      await readerReady(page);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
