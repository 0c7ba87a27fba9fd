import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// A sample cable (synthetic), imported from its Markdown file, whose original the reader offers for download.
const CABLE = 'TRV-KRB-2014-0262-FA';
const FILE = resolve(import.meta.dirname, `../../fixtures/sample-archive/cables/${CABLE}.md`);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('the original file in the reader', () => {
  it('offers "Download original (name, size)", which downloads the file as imported', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${CABLE}`);
    try {
      await readerReady(page);
      const link = page.getByRole('link', { name: /^Download original/ });
      const bytes = readFileSync(FILE);
      expect(await link.textContent()).toBe(`Download original (${CABLE}.md, ${(bytes.length / 1024).toFixed(1)} KB)`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(`${CABLE}.md`);
      expect(readFileSync(await download.path())).toEqual(bytes);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
