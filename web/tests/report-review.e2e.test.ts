import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResponse } from '../src/lib/api/types.ts';
import { apiSession, EDITOR, seedAccess, signInAs } from './auth-helpers.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { reportReady } from './page-helpers.ts';
import { findQuotation, LEDGER, sendJson, SHADOW } from './report-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// Review changes the database, so these tests have a server of their own.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: seedAccess }), launchBrowser()]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

describe('report review', () => {
  it('confirms a link as the signed-in editor, and shows who decided after a reload', async () => {
    const q = await findQuotation(server, SHADOW, 'We did not take Kirkuk');
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/reports/${SHADOW}#q${q.ordinal}`);
      await reportReady(page);
      await page.getByRole('button', { name: 'Confirm link' }).click();
      await page.locator('[data-link-status="confirmed"]').waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'Link confirmed.' }).count()).toBe(1);

      await page.reload();
      await reportReady(page);
      const status = page.locator('[data-link-status]');
      await status.waitFor();
      expect(await status.getAttribute('data-link-status')).toBe('confirmed');
      expect(await status.textContent()).toContain(`by ${EDITOR}`);
      expect(await status.locator('time').count()).toBe(1);
      const after = await findQuotation(server, SHADOW, 'We did not take Kirkuk');
      expect(after.links[0]).toMatchObject({ status: 'confirmed', decidedBy: EDITOR });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('marks a quotation “not in the archive” and takes it back', async () => {
    const q = await findQuotation(server, SHADOW, 'Our friends in the ministry');
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/reports/${SHADOW}#q${q.ordinal}`);
      await reportReady(page);
      await page.getByRole('button', { name: 'Mark “not in the archive”' }).click();
      await page.locator('[data-decision="not_in_archive"]').waitFor();
      expect(await page.locator('[data-decision="not_in_archive"]').textContent()).toContain(`by ${EDITOR}`);
      expect(await page.locator('.source-pane [data-state]').textContent()).toBe('Not in the archive');

      await page.getByRole('button', { name: 'Take back “not in the archive”' }).click();
      await page.getByRole('heading', { name: 'Not found in the archive' }).waitFor();
      expect(await page.locator('[data-decision="taken-back"]').textContent()).toContain(`taken back by ${EDITOR}`);
      expect((await findQuotation(server, SHADOW, 'Our friends in the ministry')).decision).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lists every link of a quotation and switches between them', async () => {
    const q = await findQuotation(server, SHADOW, 'The station judges that money');
    const other = await server.api<DocumentResponse>('/api/documents/by-ref/TRV-BGD-2014-0412');
    const passage = other.passages[1]!;
    await sendJson(server, await apiSession(server, EDITOR), 'POST', `/api/quotations/${q.id}/links`, {
      documentId: other.document.id,
      fragments: [{ start: passage.start, end: passage.start + 40 }],
    });
    const links = (await findQuotation(server, SHADOW, 'The station judges that money')).links;
    expect(links.length).toBe(2);

    const { page, errors, close } = await openPage(browser, server.baseUrl, `/reports/${SHADOW}#q${q.ordinal}`);
    try {
      await reportReady(page);
      const choices = page.locator('.choices a');
      await choices.first().waitFor();
      expect(await choices.count()).toBe(2);
      expect(await page.locator('.choices a[aria-current="true"]').getAttribute('data-link-id')).toBe(String(links[0]!.id));
      await page.locator(`.choices a[data-link-id="${links[1]!.id}"]`).click();
      await page.waitForURL((url) => url.hash === `#q${q.ordinal}-l${links[1]!.id}`);
      await page.locator('.source-pane .meta .ref').filter({ hasText: links[1]!.document.ref }).waitFor();
      await page.locator('.source-pane mark').first().waitFor();
      expect(await page.locator('.choices a[aria-current="true"]').getAttribute('data-link-id')).toBe(String(links[1]!.id));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('attaches an unmatched quotation by hand to text selected in a passage', async () => {
    const q = await findQuotation(server, LEDGER, 'Every dinar spent in Najaf');
    expect(q.links).toEqual([]);
    const cable = await server.api<DocumentResponse>('/api/documents/by-ref/TRV-BGD-2014-0388');
    const passage = cable.passages.find((p) => p.text.includes('Two contacts independently estimated'))!;
    const from = passage.text.indexOf('Two contacts independently estimated');
    const sentence = passage.text.slice(from, passage.text.indexOf('.', from) + 1);

    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/reports/${LEDGER}#q${q.ordinal}`);
      await reportReady(page);
      const toggle = page.getByRole('button', { name: 'Attach a source by hand' });
      await toggle.click();
      await page.getByLabel('Document reference').press('Escape');
      expect(await page.locator('#attach-panel').count()).toBe(0);
      expect(await toggle.evaluate((element) => element === document.activeElement)).toBe(true);
      await toggle.click();
      await page.getByLabel('Document reference').fill('TRV-BGD-2014-0388');
      await page.getByRole('button', { name: 'Show passages' }).click();
      const text = page.locator(`#attach-panel [data-passage-start="${passage.start}"]`);
      await text.waitFor();
      await text.evaluate(
        (element, [start, end]) => {
          const range = document.createRange();
          range.setStart(element.firstChild!, start!);
          range.setEnd(element.firstChild!, end!);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
        },
        [from, from + sentence.length],
      );
      await page.getByRole('button', { name: 'Attach selected text' }).click();

      await page.locator('[data-link-status="manual"]').waitFor();
      expect(await page.locator('[data-link-status]').textContent()).toContain(`Attached by hand by ${EDITOR}`);
      await page.locator('.source-pane .meta .ref').filter({ hasText: 'TRV-BGD-2014-0388' }).waitFor();
      expect(await page.locator('.source-pane .excerpt mark').allTextContents()).toEqual([sentence]);
      expect(await page.locator('#attach-panel').count()).toBe(0);

      const after = await findQuotation(server, LEDGER, 'Every dinar spent in Najaf');
      const link = after.links.find((l) => l.status === 'manual')!;
      expect(link).toMatchObject({ decidedBy: EDITOR, document: { ref: 'TRV-BGD-2014-0388' } });
      expect(page.url()).toContain(`#q${q.ordinal}-l${link.id}`);
      expect(link.fragments.map((f) => cable.document.body.slice(f.start, f.end))).toEqual([sentence]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
