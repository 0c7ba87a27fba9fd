// The documents in fixtures/hostile/documents/ imported for real, then searched and read in Chromium with
// the server's Content-Security-Policy enforced: markup must stay text, nothing may run, bidi controls
// must stay inside the document text, and a 20,000-character line must not widen the page.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResponse, SearchResponse } from '../src/lib/api/types.ts';
import { closeBrowser, launchBrowser, openPage, type TestPage } from './browser.ts';
import { readerReady, reportReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

const HOSTILE_DIR = resolve(import.meta.dirname, '../../fixtures/hostile/documents');
const COLLECTION = 'hostile-documents';
const MARKER = 'hostilemarker';
const SAMPLE_REPORT = 'TRV-REPORT-LEDGER';

// Written the same way in every document (see make-documents.ts).
const BIDI = '\u202Egnirts desrever\u202C then \u2066left isolate\u2069 \u2067right isolate\u2069 \u2068first strong\u2069';
const LONG_RUN = '0123456789'.repeat(100);
const ENTITIES = '&lt;script&gt; &amp; &#x202E;';
const JSON_TEXT = ['<script>alert("json")</script>', '<img src=x onerror=alert("json")>', "javascript:alert('json')", ENTITIES];

/** Each document's ref and text it must show literally, besides BIDI and LONG_RUN. */
const DOCUMENTS: Record<string, string[]> = {
  'hostile-text': [
    '<script>alert("txt")</script>',
    '<img src=x onerror=alert("txt")>',
    'javascript:alert(document.cookie)',
    `<a href="javascript:alert('txt')">click me</a>`,
    ENTITIES,
  ],
  'HOSTILE-MD-0001': [
    '<script>alert("md")</script>',
    "[markdown link](javascript:alert('md-link'))",
    `<a href="javascript:alert('md-raw')">anchor</a>`,
    '<svg onload=alert("md-svg")></svg>',
    ENTITIES,
  ],
  // HTML is decoded: escaped markup and entities become the characters they stand for.
  'hostile-page': ['<script>alert("html-escaped")</script>', '<img src=x onerror=alert(1)>', 'ampersand & override \u202Egnirts\u202C'],
  'HOSTILE-JSON-0001': JSON_TEXT,
  'HOSTILE-JSON-0002': JSON_TEXT,
  'HOSTILE-JSONL-0001': JSON_TEXT,
  'HOSTILE-JSONL-0002': JSON_TEXT,
  'hostile-mail': ['<script>alert("eml")</script>', "javascript:alert('eml')", ENTITIES],
  'hostile-html-mail': ['<script>alert("emlhtml-escaped")</script>', '& \u202Egnirts\u202C'],
  'HOSTILE-REPORT-0001': ['<script>alert("md")</script>', '<img src=x onerror=alert("md")>'],
};

declare global {
  interface Window {
    __pwned: string[];
    __cspViolations: string[];
  }
}

let server: TestServer;
let browser: Browser;

/** The hostile folder, imported next to the sample archive through the import service the CLI uses. */
function startHostileServer(): Promise<TestServer> {
  const names = readdirSync(HOSTILE_DIR).filter((name) => name !== 'README.md' && !name.endsWith('.ts'));
  const files = Object.fromEntries(names.map((name) => [name, readFileSync(join(HOSTILE_DIR, name), 'utf8')]));
  return startServer({ extraFiles: { collection: COLLECTION, files } });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startHostileServer(), launchBrowser()]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

// Runs before any page script: anything that manages to execute calls one of these, and every
// policy violation is kept for the test to read.
function installTraps(): void {
  window.__pwned = [];
  window.__cspViolations = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
    Object.defineProperty(window, name, { value: (...args: unknown[]) => window.__pwned.push(`${name}(${args.join(', ')})`) });
  }
  document.addEventListener(
    'securitypolicyviolation',
    (event) => window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}: ${event.sample}`),
    true,
  );
}

type StrictPage = TestPage;

// Unlike the other browser tests, these keep the policy in force: it is under test here.
async function openStrictPage(path: string, viewport = { width: 1280, height: 900 }): Promise<StrictPage> {
  return openPage(browser, server.baseUrl, path, { viewport, enforceCsp: true, initScript: installTraps });
}

/** What the page shows of executed markup, policy violations, leaking bidi controls and overflow. */
function inspect(page: Page) {
  return page.evaluate(() => {
    const root = document.getElementById('app')!;
    const elements = Array.from(root.querySelectorAll('*'));
    const urls = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'];
    const isolating = ['isolate', 'plaintext', 'isolate-override'];
    const leaks: string[] = [];
    let bidiNodes = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/[\u202A-\u202E\u2066-\u2069]/.test(node.nodeValue ?? '')) continue;
      bidiNodes++;
      let box = node.parentElement;
      while (box && box !== root && !isolating.includes(getComputedStyle(box).unicodeBidi)) box = box.parentElement;
      // The isolating box must hold the document's text, not the page around it.
      if (!box || box === root || box.matches('main, body')) leaks.push(node.parentElement!.outerHTML.slice(0, 160));
    }
    return {
      pwned: window.__pwned,
      violations: window.__cspViolations,
      title: document.title,
      active: root.querySelectorAll('script, iframe, object, embed, img[src="x"]').length,
      handlers: elements.flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on'))),
      javascriptUrls: elements.flatMap((el) =>
        urls.map((name) => el.getAttribute(name) ?? '').filter((url) => /^\s*javascript:/i.test(url)),
      ),
      leaks,
      bidiNodes,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

async function expectInert(strict: StrictPage): Promise<Awaited<ReturnType<typeof inspect>>> {
  // Give an onerror handler on a broken image the time it would need to fire.
  await strict.page.waitForTimeout(150);
  const report = await inspect(strict.page);
  expect(report.pwned).toEqual([]);
  expect(strict.dialogs).toEqual([]);
  expect(strict.errors).toEqual([]);
  expect(report.violations).toEqual([]);
  // The app's own title, which may quote a hostile document title as text, not one a script wrote.
  expect(report.title).toMatch(/(– Trove|– Trove search|^Trove – search)$/);
  expect(report.active).toBe(0);
  expect(report.handlers).toEqual([]);
  expect(report.javascriptUrls).toEqual([]);
  expect(report.leaks).toEqual([]);
  expect(report.overflow, 'the page should not scroll sideways').toBeLessThanOrEqual(1);
  return report;
}

describe('hostile documents in the browser', () => {
  it('runs under an enforced policy that reports violations (so the checks below can fail)', async () => {
    const strict = await openStrictPage('/');
    try {
      await strict.page.locator('#q').waitFor();
      const ran = await strict.page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__pwned.push("inline script")';
        document.head.append(script);
        await new Promise((done) => setTimeout(done, 50));
        return { pwned: window.__pwned, violations: window.__cspViolations };
      });
      expect(ran.pwned).toEqual([]);
      expect(ran.violations).toEqual([expect.stringMatching(/^script-src-elem blocked inline/)]);
    } finally {
      await strict.close();
    }
  });

  it('finds every hostile document by its marker and shows titles and snippets as text', async () => {
    const strict = await openStrictPage('/');
    try {
      await strict.page.locator('#q').fill(MARKER);
      await strict.page.keyboard.press('Enter');
      await searchSettled(strict.page);
      const results = strict.page.locator('li.result');
      await results.first().waitFor();
      const refs = await results.evaluateAll((items) => items.map((item) => item.getAttribute('data-ref')));
      expect(refs.sort()).toEqual(Object.keys(DOCUMENTS).sort());

      const expected = await server.api<SearchResponse>(`/api/search?q=${MARKER}&pageSize=50`);
      for (const { document: doc } of expected.results) {
        expect(await strict.page.locator(`li.result[data-ref="${doc.ref}"] h3 a`).textContent()).toBe(doc.title ?? doc.ref);
      }
      const snippets = (await strict.page.locator('li.result .snippet').allTextContents()).join('\n');
      expect(snippets).toContain('<script>alert("txt")</script>');
      expect(snippets).toContain('<img src=x onerror=alert("md")>');
      await expectInert(strict);

      await strict.page.locator('li.result[data-ref="HOSTILE-MD-0001"] h3 a').click();
      await readerReady(strict.page);
      await expectInert(strict);
    } finally {
      await strict.close();
    }
  });

  it.each(Object.entries(DOCUMENTS))('reader shows %s as text and runs none of it', async (ref, literals) => {
    const { document: doc, passages } = await server.api<DocumentResponse>(`/api/documents/by-ref/${encodeURIComponent(ref)}`);
    const strict = await openStrictPage(`/documents/${encodeURIComponent(ref)}`);
    try {
      await readerReady(strict.page);
      expect(await strict.page.locator('h1').textContent()).toBe(doc.title ?? doc.ref);
      expect(await strict.page.locator('.passage .text').allTextContents()).toEqual(passages.map((p) => p.text));
      const text = await strict.page.locator('.passages').textContent();
      for (const literal of [...literals, BIDI, LONG_RUN]) expect(text).toContain(literal);

      const wide = await expectInert(strict);
      expect(wide.bidiNodes, 'the bidi controls should reach the page').toBeGreaterThan(0);
      // A phone-sized window is where a long line or title would push the page sideways.
      await strict.page.setViewportSize({ width: 375, height: 740 });
      await expectInert(strict);
    } finally {
      await strict.close();
    }
  });

  it.each([SAMPLE_REPORT, 'HOSTILE-REPORT-0001'])('report reader shows %s without running anything or breaking the policy', async (ref) => {
    const strict = await openStrictPage(`/reports/${ref}#q1`);
    try {
      await reportReady(strict.page);
      await strict.page.locator('.source-pane').waitFor();
      if (ref !== SAMPLE_REPORT) {
        const text = await strict.page.locator('.report-text').textContent();
        for (const literal of [...DOCUMENTS[ref]!, BIDI, LONG_RUN]) expect(text).toContain(literal);
      }
      await expectInert(strict);
      await strict.page.setViewportSize({ width: 375, height: 740 });
      await expectInert(strict);
    } finally {
      await strict.close();
    }
  });
});
