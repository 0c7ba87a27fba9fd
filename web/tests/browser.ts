// Launching the Chromium that ships inside @sparticuz/chromium, plus a page wrapper that records
// what a test must never see: dialogs (a sign of executed script) and uncaught page errors.
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    headless: true,
    // --single-process (in chromium.args, meant for AWS Lambda) ends the whole browser when a context
    // closes; tests open one context per test, so it is left out.
    args: [
      ...chromium.args.filter((arg) => arg !== '--single-process'),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  dialogs: string[];
  errors: string[];
  close(): Promise<void>;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Keep the server's Content-Security-Policy in force (by default it is bypassed so that tests can inject axe-core). */
  enforceCsp?: boolean;
  /** Runs in every page before its own scripts. */
  initScript?: () => void;
}

export async function openPage(browser: Browser, baseUrl: string, path = '/', options: PageOptions = {}): Promise<TestPage> {
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const context = await browser.newContext({ baseURL: baseUrl, viewport, bypassCSP: !options.enforceCsp });
  // Fail fast with Playwright's own message rather than the test runner's timeout.
  context.setDefaultTimeout(10_000);
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(path);
  return { page, context, dialogs, errors, close: () => context.close() };
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}
