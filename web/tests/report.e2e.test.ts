import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentQuotedInResponse, DocumentResponse, ReportResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { focused, readerReady, reportReady } from './page-helpers.ts';
import { findQuotation, LEDGER, selectedOrdinal, SHADOW } from './report-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// Markup in a source and in the report quoting it, imported next to the sample archive: both panes must
// show it as text.
const HOSTILE_SOURCE = `---
ref: TRV-TEST-HOSTILE-SOURCE
kind: cable
title: Harbour log
date: 2016-03-01
language: en
---
First paragraph about the weather at the harbour.

The clerk pasted this into the log: <img src=x onerror=alert("source")> and <script>alert("source")</script> before the ship left the harbour on Tuesday night.

Last paragraph about the harbour.
`;
const HOSTILE_REPORT = `---
ref: TRV-TEST-HOSTILE-REPORT
kind: report
title: 'A report <img src=x onerror=alert("title")>'
date: 2016-04-01
language: en
---
The log reads: “The clerk pasted this into the log: <img src=x onerror=alert("source")> and <script>alert("source")</script> before the ship left the harbour on Tuesday night.”
`;

let server: TestServer;
let browser: Browser;
const reports = new Map<string, ReportResponse>();

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ extraFiles: { collection: 'hostile', files: { 'source.md': HOSTILE_SOURCE, 'report.md': HOSTILE_REPORT } } }),
    launchBrowser(),
  ]);
  for (const ref of [SHADOW, LEDGER]) reports.set(ref, await server.api<ReportResponse>(`/api/reports/by-ref/${ref}`));
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('report reader', () => {
  it('shows a quotation’s source passage with the quoted text marked, and steps with n/p', async () => {
    const q = await findQuotation(server, SHADOW, 'Men who were dropped once will sell');
    const link = q.links[0]!;
    const { document: source } = await server.api<DocumentResponse>(`/api/documents/${link.document.id}`);
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/reports/${SHADOW}`);
    try {
      await reportReady(page);
      // A quotation wraps over lines, so its box centre can fall outside it; click its first words.
      await page.locator(`#quote-${q.ordinal} .tag`).click();
      await page.waitForURL((url) => url.hash === `#q${q.ordinal}`);
      await page.locator('.source-pane mark').first().waitFor();

      expect(await page.locator('.source-pane mark').allTextContents()).toEqual(
        link.fragments.map((f) => source.body.slice(f.start, f.end)),
      );
      expect(await page.locator('.source-pane .passage.quoted').first().getAttribute('data-ordinal')).toBe(String(link.passage!.ordinal));
      expect(await page.locator('.source-pane .passage').count()).toBeGreaterThan(1);
      const open = page.getByRole('link', { name: `Open the whole document at ¶${link.passage!.ordinal}` });
      expect(await open.getAttribute('href')).toBe(`/documents/${link.document.ref}#p${link.passage!.ordinal}`);
      expect(await page.locator('.source-pane').textContent()).toContain(link.document.title!);
      expect(await selectedOrdinal(page)).toBe(String(q.ordinal));
      expect(await page.locator('.source-pane [aria-live="polite"]').textContent()).toContain(`Quotation ${q.ordinal}: Linked`);
      // The quoted text is scrolled into view inside the source box.
      const inBox = await page.locator('.excerpt').evaluate((box) => {
        const mark = box.querySelector('mark')!.getBoundingClientRect();
        const rect = box.getBoundingClientRect();
        return mark.top >= rect.top && mark.top < rect.bottom;
      });
      expect(inBox).toBe(true);

      await page.keyboard.press('n');
      await page.waitForURL((url) => url.hash === `#q${q.ordinal + 1}`);
      await page.waitForFunction((id) => document.activeElement?.id === id, `quote-${q.ordinal + 1}`);
      expect(await selectedOrdinal(page)).toBe(String(q.ordinal + 1));
      await page.keyboard.press('p');
      await page.keyboard.press('p');
      await page.waitForURL((url) => url.hash === `#q${q.ordinal - 1}`);
      expect((await focused(page)).id).toBe(`quote-${q.ordinal - 1}`);

      // Every selection is a history entry.
      await page.goBack();
      await page.waitForURL((url) => url.hash === `#q${q.ordinal}`);
      expect(await selectedOrdinal(page)).toBe(String(q.ordinal));
      await page.locator('.source-pane mark').first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says when a quotation is not in the archive or too short to trace', async () => {
    const invented = await findQuotation(server, LEDGER, 'Every dinar spent in Najaf');
    const scare = await findQuotation(server, SHADOW, 'friends');
    expect(invented.status).toBe('unmatched');
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/reports/${LEDGER}#q${invented.ordinal}`);
    try {
      await reportReady(page);
      await page.getByRole('heading', { name: 'Not found in the archive' }).waitFor();
      const mark = page.locator(`#quote-${invented.ordinal}`);
      expect(await mark.getAttribute('data-status')).toBe('unmatched');
      expect(await mark.getAttribute('aria-current')).toBe('true');
      // The state is in words for screen readers, not only in colour.
      expect(await mark.locator('.visually-hidden').textContent()).toContain('Not found in the archive');
      expect(await page.locator('.source-pane mark').count()).toBe(0);

      await page.goto(`/reports/${SHADOW}#q${scare.ordinal}`);
      await reportReady(page);
      await page.getByRole('heading', { name: 'Too short to trace' }).waitFor();
      expect(await page.locator(`#quote-${scare.ordinal}`).getAttribute('data-status')).toBe('too_short');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows text the report left out and words it added', async () => {
    const elided = await findQuotation(server, SHADOW, 'The case officer saw no civilians');
    const inserted = await findQuotation(server, SHADOW, '[The Iraqi official]');
    const report = reports.get(SHADOW)!;
    const omission = elided.links[0]!.differences.find((d) => d.kind === 'elided')!;
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/reports/${SHADOW}#q${elided.ordinal}`);
    try {
      await reportReady(page);
      await page.locator('.source-pane mark').first().waitFor();
      expect(await page.locator('.source-pane .elided del').textContent()).toBe(omission.sourceText);
      expect(await page.locator('.source-pane .elided .label').textContent()).toBe('omitted by the report');
      expect(await page.locator('.source-pane .elided del').evaluate((e) => getComputedStyle(e).textDecorationLine)).toContain(
        'line-through',
      );
      const ellipsis = elided.ellipses[0]!;
      expect(await page.locator(`#quote-${elided.ordinal} .ellipsis .part`).textContent()).toBe(
        report.report.body.slice(ellipsis.start, ellipsis.end),
      );
      expect(await page.locator('.differences li[data-kind="elided"]').count()).toBe(1);

      await page.locator(`#quote-${inserted.ordinal} .tag`).click();
      await page.waitForURL((url) => url.hash === `#q${inserted.ordinal}`);
      await page.locator('.source-pane .inserted').waitFor();
      const insertion = inserted.insertions[0]!;
      expect(await page.locator(`#quote-${inserted.ordinal} .insertion .part`).textContent()).toBe(
        report.report.body.slice(insertion.start, insertion.end),
      );
      expect(await page.locator('.source-pane .inserted').textContent()).toContain(insertion.text);
      expect(await page.locator('.differences li[data-kind="inserted"]').textContent()).toContain(insertion.text);
      const score = `${Math.floor(inserted.links[0]!.score * 100)}% match`;
      expect(await page.locator('.source-pane [data-score]').textContent()).toBe(score);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('leads from a quoted passage in the document reader back to the report', async () => {
    const q = await findQuotation(server, SHADOW, 'the man everybody calls when a container is stuck');
    const link = q.links[0]!;
    const { passages } = await server.api<DocumentResponse>(`/api/documents/${link.document.id}`);
    const { quotedIn } = await server.api<DocumentQuotedInResponse>(`/api/documents/${link.document.id}/quoted-in`);
    expect(quotedIn.map((entry) => entry.quotation.id)).toContain(q.id);
    const ordinal = passages.find((p) => p.id === link.passage!.id)!.ordinal;

    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${link.document.ref}`);
    try {
      await readerReady(page);
      const marker = page.locator(`#p${ordinal} .quoted-in a`);
      expect(await marker.textContent()).toContain('Quoted in 1 report');
      await marker.click();
      await page.waitForURL((url) => url.pathname === `/reports/${SHADOW}` && url.hash === `#q${q.ordinal}`);
      await reportReady(page);
      await page.locator('.source-pane mark').first().waitFor();
      expect(await selectedOrdinal(page)).toBe(String(q.ordinal));
      await page.waitForFunction((id) => document.activeElement?.id === id, `quote-${q.ordinal}`);

      // A passage quoted more than once lists the quotations in a popover that Escape closes.
      await page.goto('/documents/TRV-BGD-2014-0388');
      await readerReady(page);
      const toggle = page.locator('.quoted-in button').first();
      await toggle.click();
      const panel = page.locator('.quoted-in ul');
      expect(await panel.locator('a').count()).toBeGreaterThan(1);
      expect(await panel.locator('a').first().getAttribute('href')).toMatch(new RegExp(`^/reports/${SHADOW}#q\\d+$`));
      await page.keyboard.press('Escape');
      expect(await panel.count()).toBe(0);
      expect(await toggle.evaluate((e) => e === document.activeElement)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('links to the report reader from a report in the document reader and in search results', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/documents/${SHADOW}`);
    try {
      await readerReady(page);
      await page.getByRole('link', { name: 'Open in report reader' }).click();
      await page.waitForURL((url) => url.pathname === `/reports/${SHADOW}`);
      await reportReady(page);
      await page.goto('/search?kind=report');
      await page.locator(`li.result[data-ref="${LEDGER}"] .report-link a`).click();
      await page.waitForURL((url) => url.pathname === `/reports/${LEDGER}`);
      await reportReady(page);
    } finally {
      await close();
    }
  });

  it('has no serious accessibility violations', async () => {
    const q = await findQuotation(server, SHADOW, 'The case officer saw no civilians');
    const { page, close } = await openPage(browser, server.baseUrl, `/reports/${SHADOW}#q${q.ordinal}`);
    try {
      await reportReady(page);
      await page.locator('.source-pane mark').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('n');
      await page.locator(`#quote-${q.ordinal + 1}[aria-current="true"]`).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows markup in a report and its source as text and never runs it', async () => {
    const q = await findQuotation(server, 'TRV-TEST-HOSTILE-REPORT', 'The clerk pasted');
    expect(q.links[0]?.document.ref, 'the hostile quotation should be linked to its source').toBe('TRV-TEST-HOSTILE-SOURCE');
    const { page, dialogs, errors, close } = await openPage(browser, server.baseUrl, `/reports/TRV-TEST-HOSTILE-REPORT#q${q.ordinal}`);
    try {
      await reportReady(page);
      await page.locator('.source-pane mark').first().waitFor();
      expect(await page.locator('h1').textContent()).toBe('A report <img src=x onerror=alert("title")>');
      expect(await page.locator(`#quote-${q.ordinal}`).textContent()).toContain('<script>alert("source")</script>');
      expect((await page.locator('.source-pane mark').allTextContents()).join('')).toContain('<img src=x onerror=alert("source")>');
      expect(await page.locator('main script, main img').count()).toBe(0);
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
