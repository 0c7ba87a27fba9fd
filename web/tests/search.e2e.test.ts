import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, SearchResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { focused, isInViewport, readerReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// "checkpoints" occurs in several sample cables from more than one station (see
// fixtures/sample-archive/cables/TRV-BGD-2014-0388.md and TRV-KRB-2014-0229.md); counts come from the API.
const QUERY = 'checkpoints';

let server: TestServer;
let browser: Browser;
let expected: SearchResponse;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  expected = await server.api<SearchResponse>(`/api/search?q=${QUERY}`);
  expect(expected.total, `the sample archive should have several matches for ${QUERY}`).toBeGreaterThan(1);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('search page', () => {
  it('searches from the box and shows highlighted snippets', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await page.locator('#q').waitFor();
      // "/" focuses the box from anywhere that is not a form field.
      await page.locator('body').press('/');
      expect((await focused(page)).id).toBe('q');
      await page.keyboard.type(QUERY);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === QUERY);
      await searchSettled(page);

      const results = page.locator('li.result');
      expect(await results.count()).toBe(Math.min(expected.total, expected.pageSize));
      expect(await results.first().getAttribute('data-ref')).toBe(expected.results[0]!.document.ref);
      const marks = await page.locator('li.result mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) expect(mark.toLowerCase()).toContain('checkpoint');
      expect(await page.locator('#results-heading').textContent()).toContain(String(expected.total));
      expect(await page.locator('li.result .snippet[dir="auto"]').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('filters by a facet value, keeps it in the URL, and undoes it with Back', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${QUERY}`);
    try {
      await searchSettled(page);
      const facet = expected.facets.origin.find((f) => f.count < expected.total) ?? expected.facets.origin[0];
      expect(facet, 'results should have an origin facet').toBeDefined();
      const { value, count } = facet!;

      await page.locator(`[data-facet="origin"] button[data-value="${value}"]`).click();
      await page.waitForURL((url) => url.searchParams.get('origin') === value && url.searchParams.get('q') === QUERY);
      await searchSettled(page);

      const button = page.locator(`[data-facet="origin"] button[data-value="${value}"]`);
      expect(await button.getAttribute('aria-pressed')).toBe('true');
      const origins = await page.locator('li.result [data-field="origin"]').allTextContents();
      expect(origins.length).toBe(Math.min(count, expected.pageSize));
      for (const origin of origins) expect(origin).toBe(value);
      expect(await page.locator('#results-heading').textContent()).toContain(String(count));
      expect(await page.locator('[data-filter="origin"]').textContent()).toContain(value);

      await page.goBack();
      await page.waitForURL((url) => !url.searchParams.has('origin'));
      await searchSettled(page);
      expect(await page.locator('li.result').count()).toBe(Math.min(expected.total, expected.pageSize));
      expect(await page.locator('#q').inputValue()).toBe(QUERY);

      await page.goForward();
      await page.waitForURL((url) => url.searchParams.get('origin') === value);
      await searchSettled(page);
      // The active filter chip removes the filter again.
      await page.locator('[data-filter="origin"]').click();
      await page.waitForURL((url) => !url.searchParams.has('origin'));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('moves through results with j/k and opens one with Enter at its best passage', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${QUERY}`);
    try {
      await searchSettled(page);
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      await page.keyboard.press('j');
      expect((await focused(page)).dataIndex).toBe('1');
      expect(await page.locator('li.result[data-index="1"]').getAttribute('aria-current')).toBe('true');
      expect(await page.locator('li.result[aria-current]').count()).toBe(1);

      const target = expected.results[1]!;
      const ordinal = target.passages[0]!.ordinal;
      await page.keyboard.press('Enter');
      await page.waitForURL(
        (url) => url.pathname === `/documents/${encodeURIComponent(target.document.ref)}` && url.hash === `#p${ordinal}`,
      );
      await readerReady(page);
      const passage = page.locator(`#p${ordinal}`);
      await passage.locator('xpath=self::*[contains(@class, "target")]').waitFor();
      expect(await isInViewport(page, `#p${ordinal}`)).toBe(true);
      // The query travels with the link, so the hits are marked in the reader.
      await page.locator('.passages mark').first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('returns from a document to the same place in a long result list', async () => {
    const listing = await server.api<SearchResponse>('/api/search?collection=sample');
    expect(listing.results.length, 'a long first page of sample documents').toBeGreaterThan(12);
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/search?collection=sample');
    try {
      await searchSettled(page);
      const link = page.locator('li.result[data-index="12"] [data-result-link]');
      await link.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300); // the router saves the scroll position after scrolling settles
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(300);
      await link.click();
      await readerReady(page);
      await page.goBack();
      await searchSettled(page);
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens the syntax help, closes it with Escape and returns focus', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      const toggle = page.getByRole('button', { name: 'Syntax', exact: true });
      await toggle.click();
      await page.locator('#syntax-help').waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('#syntax-help').textContent()).toContain('"exact phrase"');
      await page.keyboard.press('Escape');
      await page.locator('#syntax-help').waitFor({ state: 'detached' });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect((await focused(page)).text).toBe('Syntax');

      // From the keyboard, with focus inside the panel.
      await page.keyboard.press('Enter');
      await page.locator('#syntax-help').waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.getElementById('syntax-help')?.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Escape');
      await page.locator('#syntax-help').waitFor({ state: 'detached' });
      expect((await focused(page)).text).toBe('Syntax');
    } finally {
      await close();
    }
  });

  it("shows the server's message for a broken query", async () => {
    const broken = '"unclosed';
    const response = await fetch(`${server.baseUrl}/api/search?q=${encodeURIComponent(broken)}`);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ApiErrorBody;

    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await page.locator('#q').fill(broken);
      await page.locator('#q').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === broken);
      const alert = page.locator('[role="alert"] #q-error');
      await alert.waitFor();
      expect(await alert.textContent()).toBe(error.message);
      expect(await page.locator('#q').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('li.result').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('says so when nothing matches', async () => {
    const nothing = 'zzqxjvwk';
    const answer = await server.api<SearchResponse>(`/api/search?q=${nothing}`);
    expect(answer.total).toBe(0);
    const { page, close } = await openPage(browser, server.baseUrl, `/search?q=${nothing}`);
    try {
      await searchSettled(page);
      expect(await page.locator('.empty').textContent()).toContain(`No passages match ${nothing}`);
    } finally {
      await close();
    }
  });

  it('on a phone shows results first, with the filters behind a button that counts them', async () => {
    const facet = expected.facets.origin[0]!;
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${QUERY}`, { viewport: PHONE });
    try {
      await searchSettled(page);
      const toggle = page.getByRole('button', { name: 'Filters', exact: true });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('#filter-panel').isVisible()).toBe(false);
      // The first result is on the first screen, above any filter.
      expect(await isInViewport(page, 'li.result:first-child')).toBe(true);
      expect(await noSidewaysScroll(page)).toBe(true);

      // Opening moves focus into the panel; Escape closes it and gives focus back to the button.
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect((await focused(page)).id).toBe('filters-heading');
      await page.locator(`[data-facet="origin"] button[data-value="${facet.value}"]`).click();
      await page.waitForURL((url) => url.searchParams.get('origin') === facet.value);
      await searchSettled(page);
      const counted = page.getByRole('button', { name: 'Filters 1 active' });
      expect(await counted.getAttribute('aria-expanded'), 'the panel stays open while filters are chosen').toBe('true');
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.keyboard.press('Escape');
      expect(await counted.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('#filter-panel').isVisible()).toBe(false);
      expect(await counted.evaluate((button) => button === document.activeElement)).toBe(true);

      // The end of the panel leads back to the results.
      await counted.click();
      await page.getByRole('button', { name: /^Show \d+ results?$/ }).click();
      expect(await counted.getAttribute('aria-expanded')).toBe('false');
      expect((await focused(page)).id).toBe('results-heading');
      expect(await seriousViolations(page)).toEqual([]);

      // The results come before the filters in reading order too.
      const order = await page.evaluate(() => {
        const panel = document.getElementById('filter-panel')!;
        const result = document.querySelector('li.result')!;
        const button = document.querySelector('button[aria-controls="filter-panel"]')!;
        return {
          buttonFirst: Boolean(button.compareDocumentPosition(result) & Node.DOCUMENT_POSITION_FOLLOWING),
          buttonTop: button.getBoundingClientRect().top,
          panelShown: getComputedStyle(panel).display !== 'none',
        };
      });
      expect(order.buttonFirst).toBe(true);
      expect(order.buttonTop).toBeLessThan(PHONE.height / 2);
      expect(order.panelShown).toBe(false);

      // On a wide screen the sidebar is always there and the button is not.
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(await page.locator('#filter-panel').isVisible()).toBe(true);
      expect(await counted.isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

const PHONE = { width: 390, height: 844 };

/** True when the page does not scroll sideways. */
function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
}
