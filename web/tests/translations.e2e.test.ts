import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignmentResponse, DocumentListResponse, DocumentResponse, ReportResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import type { TroveDatabase } from '../../db/client.ts';
import { addAccount } from '../../fixtures/accounts.ts';
import { EntitySeeder } from '../../fixtures/entity-fixture.ts';
import { signInAs } from './auth-helpers.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady, reportReady } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// A Persian cable of the sample archive and its English translation.
const ENGLISH = 'TRV-NJF-2014-0233';
const PERSIAN = 'TRV-NJF-2014-0233-FA';

let server: TestServer;
let browser: Browser;
let alignment: AlignmentResponse;

beforeAll(async () => {
  // One entity named on both sides, in each script: the reader marks it as shared by the pair.
  const seed = async (db: TroveDatabase) => {
    const seeder = new EntitySeeder(db);
    const najaf = seeder.entity('place', 'Najaf', { status: 'confirmed', aliases: ['نجف'] });
    seeder.mention(ENGLISH, 'Najaf', najaf, { status: 'confirmed', source: 'person' });
    seeder.mention(PERSIAN, 'نجف', najaf, { status: 'confirmed', source: 'person' });
    await addAccount(db, 'ed', 'editor');
  };
  [server, browser] = await Promise.all([startServer({ seed }), launchBrowser()]);
  const english = await server.api<DocumentResponse>(`/api/documents/by-ref/${ENGLISH}`);
  const persian = await server.api<DocumentResponse>(`/api/documents/by-ref/${PERSIAN}`);
  alignment = await server.api<AlignmentResponse>(`/api/documents/${english.document.id}/alignment?with=${persian.document.id}`);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('an original beside its translation', () => {
  it('offers the Persian original from the English translation, and shows them side by side, paragraph by paragraph', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${ENGLISH}`);
    try {
      await readerReady(page);
      expect(await page.locator('.doc-header dt:text-is("Translation of") + dd a').textContent()).toBe(PERSIAN);
      await page.getByRole('link', { name: /Read beside the original \(Persian/ }).click();
      await page.waitForURL((url) => url.searchParams.get('with') === PERSIAN);
      await page.locator('.pair').first().waitFor();
      expect(await page.locator('.pair').count()).toBe(alignment.pairs.length);
      const firstRow = page.locator('.pair').first();
      const [mine, theirs] = await Promise.all([
        firstRow
          .locator('.cell.mine .passage')
          .first()
          .evaluate((e) => ({ direction: getComputedStyle(e).direction, lang: e.getAttribute('lang') })),
        firstRow
          .locator('.cell.theirs .passage')
          .first()
          .evaluate((e) => ({ direction: getComputedStyle(e).direction, lang: e.getAttribute('lang') })),
      ]);
      expect(mine).toEqual({ direction: 'ltr', lang: 'en' });
      expect(theirs).toEqual({ direction: 'rtl', lang: 'fa' });
      const boxes = await Promise.all([firstRow.locator('.cell.mine').boundingBox(), firstRow.locator('.cell.theirs').boundingBox()]);
      expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x + boxes[0]!.width - 1);
      expect(Math.abs(boxes[0]!.y - boxes[1]!.y)).toBeLessThan(2);
      expect(await page.getByRole('button', { name: 'Correct the pairing' }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows the entities of both sides, marking one the pair names in both scripts', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${ENGLISH}?with=${PERSIAN}`);
    try {
      const shared = page.locator('.pair .cell.theirs a.mention.shared', { hasText: 'نجف' });
      await shared.first().waitFor();
      const row = page.locator('.pair', { has: page.locator('.cell.theirs a.mention.shared', { hasText: 'نجف' }) });
      const mine = row.locator('.cell.mine a.mention.shared', { hasText: 'Najaf' });
      expect(await mine.count()).toBeGreaterThan(0);
      expect(await mine.first().getAttribute('href')).toBe(await shared.first().getAttribute('href'));
    } finally {
      await close();
    }
  });

  it('keeps the state in the URL: a linked paragraph and its counterpart are marked, hovering marks a pair', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${ENGLISH}?with=${PERSIAN}#p3`);
    try {
      await page.locator('.pair.target').waitFor();
      const target = page.locator('.pair.target');
      expect(await target.locator('#p3').count()).toBe(1);
      const persianText = await target.locator('.cell.theirs .passage .text').first().textContent();
      expect(persianText).toMatch(/[\u0600-\u06FF]/);
      const background = (locator: ReturnType<typeof page.locator>) => locator.evaluate((e) => getComputedStyle(e).backgroundColor);
      const other = page.locator('.pair:not(.target)').first();
      const before = await background(other);
      await other.locator('.cell.theirs').hover();
      expect(await background(other)).not.toBe(before);
    } finally {
      await close();
    }
  });

  it('leads with the original at the press of a link, and goes back to one column', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${ENGLISH}?with=${PERSIAN}`);
    try {
      await page.locator('.pair').first().waitFor();
      await page.getByRole('link', { name: 'Lead with the original' }).click();
      await page.waitForURL((url) => url.pathname.endsWith(PERSIAN) && url.searchParams.get('with') === ENGLISH);
      await page.locator('.pair').first().waitFor();
      expect(await page.locator('.pair .cell.mine .passage').first().getAttribute('lang')).toBe('fa');
      await page.getByRole('link', { name: 'One column' }).click();
      await page.waitForURL((url) => !url.searchParams.has('with'));
      await readerReady(page);
      expect(await page.locator('.pair').count()).toBe(0);
      expect(await page.getByRole('link', { name: /Read beside the translation/ }).count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('stacks each pair on a phone, without sideways scrolling', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${ENGLISH}?with=${PERSIAN}`, {
      viewport: { width: 390, height: 844 },
    });
    try {
      await page.locator('.pair').first().waitFor();
      const row = page.locator('.pair').first();
      const [mine, theirs] = await Promise.all([row.locator('.cell.mine').boundingBox(), row.locator('.cell.theirs').boundingBox()]);
      expect(theirs!.y).toBeGreaterThanOrEqual(mine!.y + mine!.height - 1);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    } finally {
      await close();
    }
  });

  it('says so when the document named beside is not a counterpart', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${ENGLISH}?with=TRV-BGD-2014-0412`);
    try {
      await page.getByText('is not an original or a translation of this document').waitFor();
      expect(await page.locator('.pair').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('renders Persian in the bundled Vazirmatn font', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${PERSIAN}`);
    try {
      await readerReady(page);
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.fonts.check('16px "Trove Vazirmatn"', 'منبع'))).toBe(true);
      const loaded = await page.evaluate(
        () => [...document.fonts].filter((f) => f.family.includes('Trove Vazirmatn') && f.status === 'loaded').length,
      );
      expect(loaded).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });

  it('shows, beside a report quotation of a translation, the Persian paragraph it translates', async () => {
    const reports = await server.api<DocumentListResponse>('/api/documents?kind=report');
    let found: { ref: string; ordinal: number; text: string } | null = null;
    for (const { ref } of reports.documents) {
      const report = await server.api<ReportResponse>(`/api/reports/by-ref/${ref}`);
      const quotation = report.quotations.find((q) => q.links[0]?.original);
      if (quotation) found = { ref, ordinal: quotation.ordinal, text: quotation.links[0]!.original!.text };
    }
    expect(found).not.toBeNull();
    const { page, close } = await openPage(browser, server.baseUrl, `/reports/${found!.ref}#q${found!.ordinal}`);
    try {
      await reportReady(page);
      const original = page.locator('section.original blockquote').first();
      await original.waitFor();
      expect(await original.textContent()).toBe(found!.text);
      expect(await original.getAttribute('lang')).toBe('fa');
      expect(await original.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
      expect(await page.locator('section.original a').first().getAttribute('href')).toContain('with=');
    } finally {
      await close();
    }
  });

  it('lets an editor join two pairs into one and keeps the correction', async () => {
    const url = '/documents/TRV-KRB-2014-0262?with=TRV-KRB-2014-0262-FA';
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, 'ed', url);
      await page.locator('.pair').first().waitFor();
      const before = await page.locator('.pair').count();
      await page.getByRole('button', { name: 'Correct the pairing' }).click();
      await page.getByRole('button', { name: 'Join with the next pair' }).first().click();
      expect(await page.locator('.pair').count()).toBe(before - 1);
      await page.getByRole('button', { name: 'Save pairing' }).click();
      await page.getByText('Paired by ed').waitFor();
      await page.reload();
      await page.getByText('Paired by ed').waitFor();
      expect(await page.locator('.pair').count()).toBe(before - 1);
      expect(await page.getByRole('button', { name: 'Join with the next pair' }).count()).toBe(0);
    } finally {
      await close();
    }
  });
});
