import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../src/lib/api/types.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core in the page and returns the serious and critical violations, summarised for the assertion. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

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
