import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentMentionsResponse } from '../src/lib/api/mentions.ts';
import type { DocumentQuotedInResponse, DocumentResponse, HighlightsResponse, SearchResponse } from '../src/lib/api/types.ts';
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

/**
 * Holds back the reader's entity mentions until the returned function is called: a slow answer from a
 * busy server, which lands after the reader has started moving through the text.
 */
async function holdMentions(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/documents/*/mentions', async (route) => {
    await held;
    // The page may have closed in the meantime.
    await route.continue().catch(() => undefined);
  });
  return release;
}

async function focusIs(page: Page, id: string): Promise<void> {
  await page.waitForFunction((expected) => document.activeElement?.id === expected, id);
}

const topOf = (page: Page, selector: string) => page.locator(selector).evaluate((element) => element.getBoundingClientRect().top);

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

      // The entity highlights may land at any moment in here (their own request); focus must survive them.
      const status = page.locator('.hits [role="status"]');
      const atHit = async (index: number) => {
        await focusIs(page, `hit-${index}`);
        await expect.poll(() => status.textContent()).toBe(`hit ${index + 1} of ${hits.length}`);
        expect(await page.locator('mark.current[aria-current="true"]').getAttribute('id')).toBe(`hit-${index}`);
      };
      await page.keyboard.press('n');
      await atHit(0);
      await page.keyboard.press('n');
      await atHit(1);
      expect(await isInViewport(page, '#hit-1')).toBe(true);
      await page.keyboard.press('Shift+N');
      await atHit(0);
      await page.keyboard.press('Shift+N');
      await atHit(hits.length - 1);
      await page.getByRole('button', { name: 'Previous' }).click();
      await atHit(hits.length - 2);
      expect(await page.locator('mark.current').count()).toBe(1);

      await page.getByRole('link', { name: 'Back to search' }).click();
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === q);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps focus and place on a hit, and on a linked passage, when the entity highlights arrive later', async () => {
    const q = 'source';
    const { document: doc, passages } = await server.api<DocumentResponse>(`/api/documents/by-ref/${REF}`);
    const { hits } = await server.api<HighlightsResponse>(`/api/documents/${doc.id}/highlights?q=${q}`);
    const { mentions } = await server.api<DocumentMentionsResponse>(`/api/documents/${doc.id}/mentions`);
    const { quotedIn } = await server.api<DocumentQuotedInResponse>(`/api/documents/${doc.id}/quoted-in`);
    // Everything else the reader loads is in before the place on screen is taken; only the mentions are late.
    const settled = async (page: Page) => {
      await readerReady(page);
      if (quotedIn.length > 0) await page.locator('.passages .quoted-in').first().waitFor();
    };
    const ordered = [...hits].sort((a, b) => a.start - b.start);
    // A hit after a mention in its own passage: the mention cuts the text the hit's <mark> was drawn in.
    const k = ordered.findIndex((hit) => {
      const passage = passages.find((p) => p.start <= hit.start && hit.start < p.start + p.text.length);
      return passage !== undefined && mentions.some((m) => m.start >= passage.start && m.end <= hit.start);
    });
    expect(k, `a hit for "${q}" in ${REF} should follow a mention in its passage`).toBeGreaterThanOrEqual(0);

    const { page, errors, close } = await openPage(browser, server.baseUrl, 'about:blank');
    try {
      let release = await holdMentions(page);
      await page.goto(`/documents/${REF}?q=${q}`);
      await settled(page);
      await page.locator('#hit-0').waitFor();
      for (let index = 0; index <= k; index++) {
        await page.keyboard.press('n');
        await focusIs(page, `hit-${index}`);
      }
      const before = await topOf(page, `#hit-${k}`);
      release();
      await page.locator('.passages .mention').first().waitFor();
      expect((await focused(page)).id).toBe(`hit-${k}`);
      expect(await page.locator(`#hit-${k}`).getAttribute('aria-current')).toBe('true');
      expect(Math.abs((await topOf(page, `#hit-${k}`)) - before), 'the hit stays where it was on screen').toBeLessThan(2);
      await page.keyboard.press('n');
      await focusIs(page, `hit-${(k + 1) % ordered.length}`);

      // A passage link: the passage keeps focus, its highlight and its place on screen.
      await page.unrouteAll();
      release = await holdMentions(page);
      await page.goto(`/documents/${REF}#p4`);
      await settled(page);
      await focusIs(page, 'p4');
      const passageTop = await topOf(page, '#p4');
      release();
      await page.locator('.passages .mention').first().waitFor();
      expect((await focused(page)).id).toBe('p4');
      expect(await page.locator('.passage.target').getAttribute('id')).toBe('p4');
      expect(Math.abs((await topOf(page, '#p4')) - passageTop), 'the passage stays where it was on screen').toBeLessThan(2);
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
