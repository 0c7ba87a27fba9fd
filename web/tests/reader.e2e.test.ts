import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResponse, HighlightsResponse, SearchResponse } from '../src/lib/api/types.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { focused, isInViewport, readerReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// A cable in fixtures/sample-archive/cables/ with seven numbered paragraphs.
const REF = 'TRV-BGD-2014-0412';

// The sample archive holds no markup, so the hostile document is imported alongside it.
const HOSTILE_REF = 'TRV-TEST-HOSTILE-0001';
const HOSTILE = `---
ref: ${HOSTILE_REF}
kind: document
title: 'Markup <img src=x onerror=alert("title")> in a title'
date: 2016-02-02
language: en
---
Paragraph one: an ordinary sentence about the harbour.

Paragraph two quotes a web page: <script>alert("trove-xss")</script> and <img src=x onerror=alert(2)> and <b>bold?</b> end.

Paragraph three about the harbour.
`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ extraFiles: { collection: 'hostile', files: { 'hostile.md': HOSTILE } } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('document reader', () => {
  it('follows a deep link to a passage and keeps the highlight on hash changes', async () => {
    const { passages, document: doc } = await server.api<DocumentResponse>(`/api/documents/by-ref/${REF}`);
    const third = passages.find((p) => p.ordinal === 3)!;
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${REF}#p3`);
    try {
      await readerReady(page);
      await page.locator('#p3.target').waitFor();
      expect(await isInViewport(page, '#p3')).toBe(true);
      expect(await page.locator('.passage.target').count()).toBe(1);
      expect(await page.locator('#p3 .text').textContent()).toBe(third.text);
      expect(await page.locator('#p3').getAttribute('dir')).toBe('auto');
      expect(await page.locator('#p3').getAttribute('lang')).toBe(doc.language);
      expect(await page.locator('h1').textContent()).toBe(doc.title);

      await page.locator('#p5 a.anchor').click();
      await page.waitForURL((url) => url.hash === '#p5');
      await page.locator('#p5.target').waitFor();
      expect(await page.locator('#p3').getAttribute('class')).not.toContain('target');
      expect(await isInViewport(page, '#p5')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('marks every hit with the exact body text and steps through them with n/N', async () => {
    const q = 'source';
    const { document: doc } = await server.api<DocumentResponse>(`/api/documents/by-ref/${REF}`);
    const { hits } = await server.api<HighlightsResponse>(`/api/documents/${doc.id}/highlights?q=${q}`);
    expect(hits.length, `${REF} should mention "${q}" more than once`).toBeGreaterThan(1);

    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${REF}?q=${q}`);
    try {
      await readerReady(page);
      await page.locator('.passages mark').first().waitFor();
      const marks = await page.locator('.passages mark').allTextContents();
      const ordered = [...hits].sort((a, b) => a.start - b.start);
      expect(marks).toEqual(ordered.map((hit) => doc.body.slice(hit.start, hit.end)));

      const status = page.locator('.hits [role="status"]');
      await page.keyboard.press('n');
      await page.waitForFunction(() => document.activeElement?.id === 'hit-0');
      expect(await status.textContent()).toBe(`hit 1 of ${hits.length}`);
      await page.keyboard.press('n');
      expect(await status.textContent()).toBe(`hit 2 of ${hits.length}`);
      await page.waitForFunction(() => document.activeElement?.id === 'hit-1');
      expect(await isInViewport(page, '#hit-1')).toBe(true);
      await page.keyboard.press('Shift+N');
      await page.keyboard.press('Shift+N');
      expect(await status.textContent()).toBe(`hit ${hits.length} of ${hits.length}`);
      await page.getByRole('button', { name: 'Previous' }).click();
      expect(await status.textContent()).toBe(`hit ${hits.length - 1} of ${hits.length}`);
      expect(await page.locator('mark.current').count()).toBe(1);

      await page.getByRole('link', { name: 'Back to search' }).click();
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === q);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows markup in documents as literal text and never runs it', async () => {
    const { document: doc } = await server.api<DocumentResponse>(`/api/documents/by-ref/${HOSTILE_REF}`);
    const { page, dialogs, errors, close } = await openPage(browser, server.baseUrl, `/documents/${HOSTILE_REF}`);
    try {
      await readerReady(page);
      const text = await page.locator('.passages').textContent();
      expect(text).toContain('<script>alert("trove-xss")</script>');
      expect(text).toContain('<img src=x onerror=alert(2)>');
      expect(await page.locator('h1').textContent()).toBe(doc.title);
      expect(await page.locator('main script, main img, main b').count()).toBe(0);

      // The same text in a search snippet, next to a highlight.
      await page.goto('/search?q=quotes&collection=hostile');
      await searchSettled(page);
      const snippet = page.locator('li.result .snippet').first();
      expect(await snippet.textContent()).toContain('<script>alert("trove-xss")</script>');
      expect(await snippet.locator('mark').count()).toBeGreaterThan(0);
      expect(await page.locator('main script, main img, main b').count()).toBe(0);
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('sets the document language on Persian passages', async () => {
    const listing = await server.api<SearchResponse>('/api/search?language=fa&pageSize=1');
    const persian = listing.results[0]?.document;
    expect(persian, 'the sample archive should hold Persian documents').toBeDefined();
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${encodeURIComponent(persian!.ref)}`);
    try {
      await readerReady(page);
      const attributes = await page
        .locator('.passage')
        .evaluateAll((elements) => elements.map((e) => ({ lang: e.getAttribute('lang'), dir: e.getAttribute('dir') })));
      expect(attributes.length).toBeGreaterThan(0);
      for (const attribute of attributes) expect(attribute).toEqual({ lang: 'fa', dir: 'auto' });
      // dir="auto" resolves to right-to-left for Persian text.
      expect(
        await page
          .locator('.passage')
          .first()
          .evaluate((e) => getComputedStyle(e).direction),
      ).toBe('rtl');
    } finally {
      await close();
    }
  });

  it('shows a not-found page for unknown refs and paths', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/documents/TRV-NOPE-0000-0000');
    try {
      await page.getByRole('heading', { name: 'Document not found' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('TRV-NOPE-0000-0000');
      await page.goto('/no/such/page');
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await page.getByRole('link', { name: 'Go to search' }).click();
      await page.locator('#q').waitFor();
      expect((await focused(page)).tag).toBe('main');
    } finally {
      await close();
    }
  });
});
