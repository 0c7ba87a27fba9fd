import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// The server counts facets over at most two documents here, so a word of several sample cables
// ("checkpoints", see search.e2e.test.ts) gets approximate facets and a rarer one exact facets.
const MANY = 'checkpoints';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ facetLimit: 2, rankLimit: 3 }), launchBrowser()]);
});
afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('approximate facet counts', () => {
  it('show each count as at least the number, to the eye (≥) and to a screen reader ("at least")', async () => {
    const expected = await server.api<SearchResponse>(`/api/search?q=${MANY}`);
    expect(expected).toMatchObject({ total: 2, totalLowerBound: true });
    expect(expected.facets.approximate).toBe(true);
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${MANY}`);
    try {
      await searchSettled(page);
      await expect(page.getByTestId('facets-approximate').textContent()).resolves.toContain('at least');
      const counts = page.locator('.facet .count');
      expect(await counts.count()).toBeGreaterThan(0);
      expect((await counts.first().textContent())?.trim()).toMatch(/^≥at least \d/);
      // The sign is for the eye only; a screen reader hears "at least" in the button's name.
      expect(await counts.first().locator('[aria-hidden="true"]').textContent()).toBe('≥');
      expect(
        await page
          .locator('.facet')
          .first()
          .getByRole('button', { name: /at least \d/ })
          .count(),
      ).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('stop the total too, say so, and count and rank everything when asked', async () => {
    const exact = await server.api<SearchResponse>(`/api/search?q=${MANY}&rank=all`);
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${MANY}`);
    try {
      await searchSettled(page);
      await expect(page.locator('#results-heading').textContent()).resolves.toContain('more than 2 matching documents');
      const note = page.locator('.ranking-note');
      await expect(note.textContent()).resolves.toContain('Best matches among the first 3 matching passages');
      await note.getByRole('link', { name: 'Rank and count every match' }).click();
      await page.waitForURL(/rank=all/);
      await searchSettled(page);
      await expect(page.locator('#results-heading').textContent()).resolves.toContain(`${exact.total} matching documents`);
      expect(await note.count()).toBe(0);
      // New words are ranked the default way again.
      await page.locator('input[type="search"]').fill('checkpoint');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === 'checkpoint');
      expect(new URL(page.url()).searchParams.get('rank')).toBeNull();
      // The contrast check runs on the new results, not on the old ones dimmed while they load.
      await searchSettled(page);
      await page.locator('ol.list:not(.stale)').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('show plain counts, and no note, when every matching document was counted', async () => {
    // An origin with at most two of the word's cables: filtered to it, the facets count every match.
    const all = await server.api<SearchResponse>(`/api/search?q=${MANY}&pageSize=50`);
    const perOrigin = new Map<string, number>();
    for (const r of all.results) if (r.document.origin) perOrigin.set(r.document.origin, (perOrigin.get(r.document.origin) ?? 0) + 1);
    const origin = [...perOrigin].find(([, n]) => n <= 2)?.[0];
    expect(origin, 'some origin should have at most two of these cables').toBeDefined();
    const query = `q=${MANY}&origin=${encodeURIComponent(origin!)}`;
    expect((await server.api<SearchResponse>(`/api/search?${query}`)).facets.approximate).toBe(false);
    const { page, close } = await openPage(browser, server.baseUrl, `/search?${query}`);
    try {
      await searchSettled(page);
      expect(await page.getByTestId('facets-approximate').count()).toBe(0);
      const counts = await page.locator('.facet .count').allTextContents();
      expect(counts.length).toBeGreaterThan(0);
      for (const text of counts) expect(text.trim()).toMatch(/^\d/);
    } finally {
      await close();
    }
  });

  it('say when the entities are still loading, as they are for a while after a large archive is opened', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      // The server says so only in the first seconds after opening millions of mentions (db/reader-pool.test.ts): the
      // real answer is taken and marked as such an answer would be.
      await page.route('**/api/search?*', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as SearchResponse;
        await route.fulfill({ response, json: { ...body, facets: { ...body.facets, entity: [], entitiesLoading: true } } });
      });
      await page.goto(`${server.baseUrl}/search?q=courier`);
      await searchSettled(page);
      const note = page.getByTestId('entities-loading');
      await expect(note.textContent()).resolves.toContain('still loading');
      await expect(note.getAttribute('role')).resolves.toBe('status');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
