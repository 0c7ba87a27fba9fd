// App-specific waits and checks shared by the browser tests.
import type { Page } from 'playwright-core';

/** Waits until the search page has an answer for the current URL (results, empty state or error). */
export async function searchSettled(page: Page): Promise<void> {
  await page.locator('section.results[aria-busy="false"]').waitFor();
}

/** Waits for the reader to show a document. */
export async function readerReady(page: Page): Promise<void> {
  await page.locator('article.reader[aria-busy="false"] .passages').waitFor();
}

/** True when the element's top edge is inside the viewport. */
export async function isInViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return rect.top >= 0 && rect.top < window.innerHeight && rect.bottom > 0;
  });
}

/** The id (or tag) and text of the focused element. */
export async function focused(page: Page): Promise<{ id: string; tag: string; text: string; dataIndex: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      id: element?.id ?? '',
      tag: element?.tagName.toLowerCase() ?? '',
      text: element?.textContent?.trim() ?? '',
      dataIndex: element?.closest<HTMLElement>('[data-index]')?.dataset['index'] ?? null,
    };
  });
}

/** Waits for the report reader to show a report. */
export async function reportReady(page: Page): Promise<void> {
  await page.locator('article.report-reader[aria-busy="false"] .report-text').waitFor();
}
