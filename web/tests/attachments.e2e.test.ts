import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// Synthetic fixtures: a cable sent by e-mail with a PDF annex, and a Persian note saved in Windows-1256.
const FORMATS = resolve(import.meta.dirname, '../../fixtures/formats');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({
      extraFiles: {
        collection: 'mailroom',
        files: {
          'cable-with-annex.eml': readFileSync(resolve(FORMATS, 'mail/cable-with-annex.eml')),
          'persian-cable.windows-1256.txt': readFileSync(resolve(FORMATS, 'encodings/encoded/persian-cable.windows-1256.txt')),
        },
      },
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('attachments and encodings in the reader', () => {
  it('links a message to its attachments and each attachment back to its message', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/documents/cable-with-annex');
    try {
      await readerReady(page);
      const list = page.getByRole('region', { name: /Attachments/ });
      expect(await list.getByRole('link').count()).toBeGreaterThanOrEqual(1);
      const messageTitle = await page.locator('h1').textContent();
      await list.getByRole('link').first().click();
      await page.waitForURL((url) => !url.pathname.endsWith('/cable-with-annex'));
      await readerReady(page);
      const back = page.locator('.parent a');
      expect(await back.textContent()).toBe(messageTitle);
      await back.click();
      await page.waitForURL((url) => url.pathname.endsWith('/cable-with-annex'));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows the encoding a legacy text file was read in, and its Persian text', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/documents/persian-cable.windows-1256');
    try {
      await readerReady(page);
      expect(await page.locator('dt:text-is("Text encoding") + dd').textContent()).toContain('windows-1256');
      expect(await page.locator('.passage .text').first().textContent()).toMatch(/[\u0600-\u06FF]{3}/);
    } finally {
      await close();
    }
  });
});
