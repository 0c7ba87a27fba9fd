// The report reader shows a report as it was published (headings, emphasis, lists, block quotes) with
// its quotations marked exactly, keeps markup inert, and on a phone opens a quotation's source right
// under it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResponse, ReportResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { focused, reportReady } from './page-helpers.ts';
import { findQuotation, selectedOrdinal, SHADOW } from './report-helpers.ts';
import { startServer, type TestServer } from './server.ts';

const SOURCE = `---
ref: TRV-TEST-QUAY-CABLE
kind: cable
title: Port inspection at the eastern quay
date: 2015-02-03
language: en
---
1. The inspector counted forty crates on the quay before noon and sealed each one with a numbered tag.

2. The harbour master refused to sign the manifest until the ministry had confirmed the shipment in writing.

3. Customs officers later said the seals had been broken and replaced during the night by someone with a key.
`;

// Mixed quotation marks (straight opening, curly closing and the reverse), headings, emphasis, a list,
// a block quote, a link and an image.
const REPORT = `---
ref: TRV-TEST-QUAY-REPORT
kind: report
title: The crates on the eastern quay
date: 2015-06-01
language: en
---
# The crates on the eastern quay

## What the inspector saw

According to the cable, “The inspector counted forty crates on the quay before noon and sealed each one with a numbered tag.”

## A refusal in *writing*

The cable says **the harbour master** balked: "The harbour master refused to sign the manifest until the ministry had confirmed the shipment in writing.” Nobody at the ministry would comment.

> Customs officers later said “the seals had been broken and replaced during the night by someone with a key."

### What is still unknown

- Who held the key, and [who paid](javascript:alert(1)) for it.
- ![A photograph of the quay](x.png) Where the crates went next.
`;

const HOSTILE_HTML = `<!DOCTYPE html><html lang="en"><head><title>Hostile page report</title></head><body>
<article><h1>Hostile page report</h1>
<p>An opening paragraph that is long enough for the article reader to keep it as the text of the page itself.</p>
<h2 onclick="alert('h2')">A heading <img src=x onerror=alert('html-img')></h2>
<p>A paragraph with <a href="javascript:alert('html-link')">a link</a> and <em>emphasis</em> and <script>alert('html-script')</script> more text.</p>
<ul><li>One item of a list</li><li>Another item of the list</li></ul>
<blockquote><p>A block quote that the report quotes from somewhere else entirely.</p></blockquote>
</article></body></html>`;

const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: Browser;
let report: ReportResponse;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({
      extraFiles: {
        collection: 'render',
        files: { 'quay-cable.md': SOURCE, 'quay-report.md': REPORT, 'hostile-report.html': HOSTILE_HTML },
      },
      // An HTML page cannot say it is a report; the sample archive's reports folder does that for its own.
      seed: async (db) => {
        await db.writer.updateTable('document').set({ kind: 'report' }).where('ref', '=', 'hostile-report').execute();
      },
    }),
    launchBrowser(),
  ]);
  report = await server.api<ReportResponse>('/api/reports/by-ref/TRV-TEST-QUAY-REPORT');
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

/** True when the page does not scroll sideways. */
function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
}

/** What a reader sees of an element (hidden markup left out), with its spaces collapsed. */
function seen(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

describe('a Markdown report as published', () => {
  it('shows headings, emphasis, lists and block quotes instead of their markup', async () => {
    const { page, errors, dialogs, close } = await openPage(browser, server.baseUrl, '/reports/TRV-TEST-QUAY-REPORT');
    try {
      await reportReady(page);
      const text = '.report-text';
      expect(await seen(page, `${text} h2`)).toEqual(['The crates on the eastern quay']);
      expect(await seen(page, `${text} h3`)).toEqual(['What the inspector saw', 'A refusal in writing']);
      expect(await seen(page, `${text} h4`)).toEqual(['What is still unknown']);
      expect(await seen(page, `${text} h3 em`)).toEqual(['writing']);
      expect(await seen(page, `${text} strong`)).toEqual(['the harbour master']);
      expect(await page.locator(`${text} blockquote p`).count()).toBe(1);
      expect(await seen(page, `${text} ul > li`)).toEqual([
        'Who held the key, and who paid for it.',
        'A photograph of the quay Where the crates went next.',
      ]);
      // No markup characters are visible, and links and images are text, not live.
      const visible = (await seen(page, text)).join(' ');
      for (const markup of ['#', '**', '](', '![', '> ']) expect(visible).not.toContain(markup);
      expect(await page.locator(`${text} a[href^="javascript"], ${text} img`).count()).toBe(0);
      expect(await page.locator(`${text} a:not(.quote)`).count()).toBe(0);
      await page.locator(`${text} .link`).click();
      await page.waitForTimeout(100);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('marks each quotation exactly where the body has it, mixed quotation marks included', async () => {
    const { document: source } = await server.api<DocumentResponse>('/api/documents/by-ref/TRV-TEST-QUAY-CABLE');
    const body = report.report.body;
    expect(report.quotations.length, 'the report quotes the cable').toBeGreaterThanOrEqual(1);
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/reports/TRV-TEST-QUAY-REPORT');
    try {
      await reportReady(page);
      for (const q of report.quotations) {
        // The whole text of the quotation's mark, hidden markup included, is the body's slice.
        expect(
          await page
            .locator(`#quote-${q.ordinal} .part, #quote-${q.ordinal}`)
            .first()
            .evaluate((a) => {
              const copy = a.cloneNode(true) as HTMLElement;
              copy.querySelectorAll('.visually-hidden, .tag').forEach((e) => e.remove());
              return copy.textContent;
            }),
        ).toBe(body.slice(q.start, q.end));
      }
      const plain = report.quotations.find((q) => q.text.includes('The inspector counted'));
      expect(plain?.links[0]?.document.ref).toBe('TRV-TEST-QUAY-CABLE');
      await page.locator(`#quote-${plain!.ordinal} .tag`).click();
      await page.locator('.source-pane mark').first().waitFor();
      expect(await page.locator('.source-pane mark').allTextContents()).toEqual(
        plain!.links[0]!.fragments.map((f) => source.body.slice(f.start, f.end)),
      );
      // Quotations opened and closed by marks of different styles are found and shown like any other.
      for (const words of ['The harbour master refused', 'the seals had been broken']) {
        const mixed = report.quotations.find((q) => q.text.includes(words));
        if (mixed) expect(await page.locator(`#quote-${mixed.ordinal}`).getAttribute('data-status')).toBe(mixed.status);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('has no serious accessibility violations, wide or on a phone', async () => {
    const q = report.quotations[0]!;
    const { page, close } = await openPage(browser, server.baseUrl, `/reports/TRV-TEST-QUAY-REPORT#q${q.ordinal}`);
    try {
      await reportReady(page);
      await page.locator('.source-pane .kicker').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize(PHONE);
      await page.locator('.report-text .source-pane').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('an HTML report', () => {
  it('stays inert, its markup shown as text or left out', async () => {
    const { page, errors, dialogs, close } = await openPage(browser, server.baseUrl, '/reports/hostile-report', { enforceCsp: true });
    try {
      await reportReady(page);
      const text = (await seen(page, '.report-text')).join(' ');
      expect(text).toContain('A paragraph with a link and emphasis');
      expect(text).not.toContain('html-script');
      expect(await page.locator('.report-text img, .report-text script, .report-text [onclick], .report-text a:not(.quote)').count()).toBe(
        0,
      );
      await page.waitForTimeout(150);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the report reader on a phone', () => {
  /** Where the source box is against the selected quotation and the window. */
  function placement(page: Page, ordinal: number) {
    return page.evaluate((ordinal) => {
      const quote = document.getElementById(`quote-${ordinal}`)!;
      const box = document.querySelector<HTMLElement>('.source-pane')!;
      const follows = Boolean(quote.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING);
      // Nothing but the rest of the quotation's own paragraph may sit between the two.
      const between = Array.from(document.querySelectorAll('.report-text .block')).filter(
        (block) =>
          quote.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING &&
          block.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING &&
          !block.contains(quote),
      ).length;
      return {
        follows,
        between,
        quoteBottom: quote.getBoundingClientRect().bottom,
        boxTop: box.getBoundingClientRect().top,
        height: window.innerHeight,
      };
    }, ordinal);
  }

  async function expectSourceUnder(page: Page, ordinal: number): Promise<void> {
    await page.waitForURL((url) => url.hash === `#q${ordinal}`);
    await page.locator('.report-text .source-pane .kicker').waitFor();
    await page.waitForFunction((n) => document.querySelector('.source-pane .ordinal')?.textContent === `Quotation ${n}`, ordinal);
    const where = await placement(page, ordinal);
    expect(where.follows, 'the source box comes after the quotation').toBe(true);
    expect(where.between, 'and before any other block').toBe(0);
    expect(where.boxTop).toBeGreaterThanOrEqual(where.quoteBottom - 1);
    expect(where.boxTop, 'the source box starts within the window').toBeLessThan(where.height);
    expect(await noSidewaysScroll(page)).toBe(true);
  }

  it('opens the source right under the selected quotation, and n/p and the buttons move it along', async () => {
    const q = await findQuotation(server, SHADOW, 'Men who were dropped once will sell');
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/reports/${SHADOW}`, { viewport: PHONE });
    try {
      await reportReady(page);
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.locator(`#quote-${q.ordinal}`).scrollIntoViewIfNeeded();
      await page.locator(`#quote-${q.ordinal} .tag`).click();
      await expectSourceUnder(page, q.ordinal);
      await page.locator('.source-pane mark').first().waitFor();
      const link = q.links[0]!;
      expect(await page.locator('.source-pane [data-score]').textContent()).toBe(`${Math.floor(link.score * 100)}% match`);
      const open = page.locator('.source-pane').getByRole('link', { name: `Open the whole document at ¶${link.passage!.ordinal}` });
      expect(await open.getAttribute('href')).toBe(`/documents/${link.document.ref}#p${link.passage!.ordinal}`);
      expect(await page.locator('.source-pane').count()).toBe(1);

      // Keyboard: n and p, with focus on the quotation; Tab from there goes into its source.
      await page.keyboard.press('n');
      await expectSourceUnder(page, q.ordinal + 1);
      expect((await focused(page)).id).toBe(`quote-${q.ordinal + 1}`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.source-pane')))).toBe(true);
      await page.keyboard.press('p');
      await page.keyboard.press('p');
      await expectSourceUnder(page, q.ordinal - 1);
      expect(await selectedOrdinal(page)).toBe(String(q.ordinal - 1));

      // The buttons of the quotation bar, for a reader without a keyboard.
      await page.getByRole('button', { name: 'Next ↓' }).click();
      await expectSourceUnder(page, q.ordinal);
      await page.getByRole('button', { name: '↑ Previous' }).click();
      await expectSourceUnder(page, q.ordinal - 1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens a shared #q link with the source under the quotation, and the wide layout puts it back beside', async () => {
    const q = report.quotations.at(-1)!;
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/reports/TRV-TEST-QUAY-REPORT#q${q.ordinal}`, {
      viewport: PHONE,
    });
    try {
      await reportReady(page);
      await expectSourceUnder(page, q.ordinal);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator('.panes > .source-pane').waitFor();
      expect(await page.locator('.report-text .source-pane').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
