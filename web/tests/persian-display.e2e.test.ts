import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../src/lib/api/types.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// The sample archive's Persian cable on the Najaf seminary and its English translation
// (fixtures/sample-archive/cables/TRV-NJF-2014-0233-FA.md and TRV-NJF-2014-0233.md), both dated
// 30 Mordad 1393 (21 August 2014) as written.
const ENGLISH = 'TRV-NJF-2014-0233';
const PERSIAN = 'TRV-NJF-2014-0233-FA';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

async function searchPage(q: string, extra = ''): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const opened = await openPage(browser, server.baseUrl, `/search?q=${encodeURIComponent(q)}${extra}`);
  await searchSettled(opened.page);
  return opened;
}

const directionAndLang = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((e) => ({ direction: getComputedStyle(e).direction, lang: e.closest('[lang]')?.getAttribute('lang') ?? null }));

describe('Persian in search results and the reader', () => {
  it('shows a Solar Hijri date as written with the Gregorian date beside it', async () => {
    const { page, errors, close } = await searchPage('seminary');
    try {
      for (const ref of [ENGLISH]) {
        const date = page.locator(`li.result[data-ref="${ref}"] [data-field="date"]`);
        expect(await date.locator('.written').textContent()).toBe('30 Mordad 1393');
        expect(await date.locator('time.gregorian').textContent()).toBe('(21 Aug 2014)');
        expect(await date.locator('time.gregorian').getAttribute('datetime')).toBe('2014-08-21');
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }

    const reader = await openPage(browser, server.baseUrl, `/documents/${PERSIAN}`);
    try {
      await readerReady(reader.page);
      const date = reader.page.locator('.doc-header .doc-date');
      expect(await date.locator('.written').textContent()).toBe('۳۰ مرداد ۱۳۹۳');
      expect(await date.locator('.written').getAttribute('lang')).toBe('fa');
      expect(await date.locator('.written').evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
      expect(await date.locator('time.gregorian').textContent()).toBe('(21 Aug 2014)');
      expect(await directionAndLang(reader.page, '.doc-header h1')).toEqual({ direction: 'rtl', lang: 'fa' });
    } finally {
      await reader.close();
    }
  });

  it('says a hit is in a translation and shows the original paragraph beside it', async () => {
    const api = await server.api<SearchResponse>('/api/search?q=seminary');
    const expected = api.results.find((r) => r.document.ref === ENGLISH)!;
    const counterpart = expected.passages[0]!.counterparts![0]!;
    const { page, errors, close } = await searchPage('seminary');
    try {
      const result = page.locator(`li.result[data-ref="${ENGLISH}"]`);
      expect(await result.locator('[data-field="side"]').textContent()).toBe('Matched in a translation');
      const row = result.locator('.passages > li').first();
      const original = row.locator('.counterpart[data-role="original"]');
      expect(await original.locator('.excerpt').textContent()).toBe(counterpart.excerpt);
      expect(counterpart.excerpt).toMatch(/[\u0600-\u06FF]/);
      expect(await directionAndLang(page, `li.result[data-ref="${ENGLISH}"] .passages > li >> nth=0 >> .counterpart .excerpt`)).toEqual({
        direction: 'rtl',
        lang: 'fa',
      });
      expect(await directionAndLang(page, `li.result[data-ref="${ENGLISH}"] .passages > li >> nth=0 >> .snippet`)).toEqual({
        direction: 'ltr',
        lang: 'en',
      });
      // Beside, not below: the original's box starts to the right of the snippet, on the same line.
      const [snippet, beside] = await Promise.all([row.locator('.snippet').boundingBox(), original.boundingBox()]);
      expect(beside!.x).toBeGreaterThanOrEqual(snippet!.x + snippet!.width);
      expect(Math.abs(beside!.y - snippet!.y)).toBeLessThan(12);
      const sideBySide = new URL((await original.getByRole('link', { name: 'Read side by side' }).getAttribute('href'))!, server.baseUrl);
      expect(sideBySide.pathname).toBe(`/documents/${ENGLISH}`);
      expect(sideBySide.searchParams.get('with')).toBe(PERSIAN);
      expect(sideBySide.hash).toBe(`#p${expected.passages[0]!.ordinal}`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('offers the translated paragraph of a hit in the original, and marks every passage, title and snippet with its language', async () => {
    const { page, errors, close } = await searchPage('طلبه');
    try {
      const result = page.locator(`li.result[data-ref="${PERSIAN}"]`);
      expect(await result.locator('[data-field="side"]').textContent()).toBe('Matched in the original');
      expect(await directionAndLang(page, `li.result[data-ref="${PERSIAN}"] a[data-result-link]`)).toEqual({
        direction: 'rtl',
        lang: 'fa',
      });
      expect(await directionAndLang(page, `li.result[data-ref="${PERSIAN}"] .snippet >> nth=0`)).toEqual({ direction: 'rtl', lang: 'fa' });
      const offered = result.locator('details.counterpart[data-role="translation"]').first();
      expect(await offered.locator('.excerpt').isVisible()).toBe(false);
      await offered.locator('summary').click();
      expect(await offered.locator('.excerpt').isVisible()).toBe(true);
      expect(await offered.locator('.excerpt').textContent()).toMatch(/volunteer/i);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await directionAndLang(page, `li.result[data-ref="${PERSIAN}"] details.counterpart .excerpt >> nth=0`)).toEqual({
        direction: 'ltr',
        lang: 'en',
      });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('filters by dates typed in either calendar, in the query and in the date fields', async () => {
    const inQuery = await searchPage('طلبه from:1393/05/30 to:۱۳۹۳/۰۵/۳۰');
    try {
      expect(await inQuery.page.locator(`li.result[data-ref="${PERSIAN}"]`).count()).toBe(1);
    } finally {
      await inQuery.close();
    }
    const outside = await searchPage('طلبه from:1393/06/01');
    try {
      expect(await outside.page.locator(`li.result[data-ref="${PERSIAN}"]`).count()).toBe(0);
    } finally {
      await outside.close();
    }

    const { page, errors, close } = await searchPage('seminary');
    try {
      const from = page.locator('form.dates input[name="from"]');
      const to = page.locator('form.dates input[name="to"]');
      await from.fill('1393/05/31');
      await to.fill('1393/07/31');
      expect(await page.locator('form.dates [data-for="from"]').textContent()).toBe('22 Aug 2014');
      await page.getByRole('button', { name: 'Apply dates' }).click();
      expect(await page.locator('form.dates [role="alert"]').textContent()).toBe('To: There is no day 31 in that month: it has 30 days.');
      await to.fill('۱۳۹۳/۰۷/۳۰');
      await page.getByRole('button', { name: 'Apply dates' }).click();
      await page.waitForURL((url) => url.searchParams.get('from') === '2014-08-22' && url.searchParams.get('to') === '2014-10-22');
      await searchSettled(page);
      expect(await page.locator(`li.result[data-ref="${ENGLISH}"]`).count()).toBe(0);
      expect(await page.locator('form.dates [data-for="from"]').textContent()).toBe('1393/05/31 (Solar Hijri)');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps the joined forms of Persian letters under a highlight: a highlighted word is as wide as the plain word', async () => {
    const { page, errors, close } = await searchPage('کتاب*');
    try {
      const snippet = page.locator(`li.result[data-ref="${PERSIAN}"] .snippet`).first();
      await snippet.locator('mark').first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      const widths = await snippet.evaluate((paragraph) => {
        // Copies of the paragraph, styled the same, in the same column: one without highlights, to
        // measure each highlighted word plain; then "کتابخانه" alone, with a highlight inside it (its
        // middle letters, in a mark like the component's own), and cut apart by zero-width
        // non-joiners where the highlight's edges are, which is what broken joining would look like.
        const probes = document.createElement('div');
        probes.style.gridColumn = '2 / -1';
        paragraph.after(probes);
        const copy = (...children: Array<Node | string>) => {
          const p = paragraph.cloneNode(false) as HTMLElement;
          const span = document.createElement('span');
          span.append(...children);
          p.append(span);
          probes.append(p);
          return span;
        };
        const plain = copy(paragraph.textContent ?? '').firstChild as Text;
        const widthOf = (node: Node, start: number, end: number) => {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, end);
          return range.getBoundingClientRect().width;
        };
        const whole = [...paragraph.querySelectorAll('mark')].map((mark) => {
          const word = mark.textContent ?? '';
          const at = plain.data.indexOf(word);
          return { word, highlighted: mark.getBoundingClientRect().width, plain: widthOf(plain, at, at + word.length) };
        });
        const word = 'کتابخانه';
        const mark = paragraph.querySelector('mark')!.cloneNode(false) as HTMLElement;
        mark.textContent = word.slice(1, 7);
        const inside = copy(word.slice(0, 1), mark, word.slice(7));
        const alone = copy(word);
        const broken = copy(`${word.slice(0, 1)}\u200C${word.slice(1, 7)}\u200C${word.slice(7)}`);
        const width = (e: Element) => e.getBoundingClientRect().width;
        return { whole, inside: width(inside), alone: width(alone), broken: width(broken) };
      });
      expect(widths.whole.length).toBeGreaterThan(0);
      for (const { word, highlighted, plain } of widths.whole) {
        expect(word).toMatch(/^کتاب/);
        expect(Math.abs(highlighted - plain), JSON.stringify(widths)).toBeLessThan(0.5);
      }
      expect(Math.abs(widths.inside - widths.alone)).toBeLessThan(0.5);
      expect(Math.abs(widths.broken - widths.alone)).toBeGreaterThan(2);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
