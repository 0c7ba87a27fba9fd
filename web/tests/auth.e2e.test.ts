import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionsResponse } from '../src/lib/api/types.ts';
import {
  EDITOR,
  headerAccount,
  MEMBER,
  SECRET_COLLECTION,
  SECRET_REF,
  SECRET_WORD,
  seedAccess,
  sessionOf,
  SHARED_WORD,
  signInAs,
  submitSignIn,
  TEST_PASSWORD,
  VIEWER,
} from './auth-helpers.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { focused, readerReady, reportReady, searchSettled } from './page-helpers.ts';
import { findQuotation, SHADOW } from './report-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// Sessions and reviews change the database, so these tests have a server of their own.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: seedAccess }), launchBrowser()]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('signing in', () => {
  it('says so when the password is wrong, and starts no session', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/sign-in');
    try {
      await submitSignIn(page, EDITOR, 'not the right password');
      const alert = page.locator('#sign-in-error');
      await alert.filter({ hasText: 'The name or password is wrong.' }).waitFor();
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await page.getByLabel('Password').inputValue()).toBe('');
      expect((await focused(page)).id).toBe('sign-in-password');
      expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await sessionOf(page)).toEqual({ account: null, csrfToken: null });
      expect((await page.context().cookies()).map((c) => c.name)).not.toContain('trove_session');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets an editor sign in from a report, come back to it and confirm a link under their name', async () => {
    const q = await findQuotation(server, SHADOW, 'We did not take Kirkuk');
    const here = `/reports/${SHADOW}#q${q.ordinal}`;
    const { page, errors, close } = await openPage(browser, server.baseUrl, here);
    try {
      await reportReady(page);
      await page.locator('[data-review-access="signed-out"]').waitFor();
      expect(await page.getByRole('button', { name: 'Confirm link' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Attach a source by hand' }).count()).toBe(0);

      await page.locator('header.site').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === here);
      await submitSignIn(page, EDITOR);
      await page.waitForURL((url) => url.pathname + url.hash === here);
      await reportReady(page);
      expect(await headerAccount(page).textContent()).toBe(EDITOR);
      expect(squash(await page.locator('header.site .account .who').textContent())).toBe(`Signed in as ${EDITOR} editor`);

      await page.getByRole('button', { name: 'Confirm link' }).click();
      const status = page.locator('[data-link-status="confirmed"]');
      await status.waitFor();
      expect(squash(await status.textContent())).toContain(`Confirmed by ${EDITOR} on`);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('ends the session on signing out: the header, the review controls and the API all agree', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/reports/${SHADOW}#q1`);
      await reportReady(page);
      await page.locator('.review').getByRole('button').first().waitFor();
      expect((await sessionOf(page)).account?.name).toBe(EDITOR);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('header.site').getByRole('link', { name: 'Sign in' }).waitFor();
      await reportReady(page);
      await page.locator('[data-review-access="signed-out"]').waitFor();
      expect(await page.locator('.review button').count()).toBe(0);
      expect(await headerAccount(page).count()).toBe(0);
      expect(await sessionOf(page)).toEqual({ account: null, csrfToken: null });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a viewer no review controls, and says why', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, VIEWER, `/reports/${SHADOW}#q1`);
      await reportReady(page);
      const note = page.locator('[data-review-access="viewer"]');
      await note.waitFor();
      expect(squash(await note.textContent())).toContain('Reviewing needs an editor');
      expect(await page.locator('.review button').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Attach a source by hand' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('never follows ?next= off the site', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/sign-in?next=//example.com/x');
    try {
      await submitSignIn(page, VIEWER);
      await headerAccount(page).waitFor();
      const url = new URL(page.url());
      expect(url.origin).toBe(server.baseUrl);
      expect(url.pathname).toBe('/');
    } finally {
      await close();
    }
  });
});

describe('a session changed in another tab', () => {
  it('retries a change once with a fresh CSRF token after signing in again elsewhere', async () => {
    const q = await findQuotation(server, SHADOW, 'a serious man who drinks');
    const { page, context, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/reports/${SHADOW}#q${q.ordinal}`);
      await reportReady(page);
      const other = await context.newPage();
      await signInAs(other, EDITOR, '/');
      await other.close();

      const refused: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 403) refused.push(response.url());
      });
      await page.getByRole('button', { name: 'Reject link' }).click();
      await page.locator('[data-link-status="rejected"]').waitFor();
      expect(refused, 'the stale token is refused once, then the change goes through').toHaveLength(1);
      expect(await page.locator('.review [role="alert"]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('explains a change refused because the session ended elsewhere, and offers to sign in again', async () => {
    const q = await findQuotation(server, SHADOW, 'The station judges that money');
    const { page, context, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/reports/${SHADOW}#q${q.ordinal}`);
      await reportReady(page);
      const other = await context.newPage();
      await other.goto('/');
      await other.getByRole('button', { name: 'Sign out' }).click();
      await other.locator('header.site').getByRole('link', { name: 'Sign in' }).waitFor();
      await other.close();

      await page.getByRole('button', { name: 'Confirm link' }).click();
      const alert = page.locator('.review [role="alert"]');
      await alert.filter({ hasText: 'You are no longer signed in' }).waitFor();
      expect(await alert.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
        `/sign-in?next=${encodeURIComponent(`/reports/${SHADOW}#q${q.ordinal}`)}`,
      );
      await page.locator('header.site').getByRole('link', { name: 'Sign in' }).waitFor();
      expect((await findQuotation(server, SHADOW, 'The station judges that money')).links[0]?.status).toBe('suggested');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('a restricted collection', () => {
  it('is invisible before signing in and readable by its member afterwards', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${SECRET_WORD}`);
    try {
      await searchSettled(page);
      expect(await page.locator('li.result').count()).toBe(0);
      await page.goto(`/search?q=${SHARED_WORD}`);
      await searchSettled(page);
      await page.locator('[data-facet="collection"] button[data-value="sample"]').waitFor();
      expect(await page.locator(`[data-facet="collection"] button[data-value="${SECRET_COLLECTION}"]`).count()).toBe(0);
      await page.goto(`/documents/${SECRET_REF}`);
      await page.getByRole('heading', { name: 'Document not found' }).waitFor();
      const hint = page.locator('.not-found').getByRole('link', { name: 'Sign in' });
      expect(await hint.getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(`/documents/${SECRET_REF}`)}`);
      const anonymous = await server.api<CollectionsResponse>('/api/collections');
      expect(anonymous.collections.map((c) => c.name)).not.toContain(SECRET_COLLECTION);

      await signInAs(page, MEMBER, `/search?q=${SECRET_WORD}`);
      await searchSettled(page);
      await page.locator('li.result').filter({ hasText: SECRET_REF }).waitFor();
      await page.goto(`/search?q=${SHARED_WORD}`);
      await searchSettled(page);
      await page.locator(`[data-facet="collection"] button[data-value="${SECRET_COLLECTION}"]`).waitFor();
      await page.goto(`/documents/${SECRET_REF}`);
      await readerReady(page);
      expect(await page.locator('.passages').textContent()).toContain(SECRET_WORD);
      await page.goto('/');
      const listed = page.locator('.landing li').filter({ hasText: SECRET_COLLECTION });
      await listed.waitFor();
      expect(await listed.locator('[data-visibility="restricted"]').textContent()).toBe('Members only');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('stays invisible to a signed-in account that is not a member', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, VIEWER, `/documents/${SECRET_REF}`);
      await page.getByRole('heading', { name: 'Document not found' }).waitFor();
      expect(await page.locator('.not-found').getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('the sign-in page', () => {
  it('can be filled in and sent with the keyboard alone', async () => {
    const next = `/reports/${SHADOW}`;
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/sign-in?next=${encodeURIComponent(next)}`);
    try {
      await page.getByLabel('Name').waitFor();
      for (let presses = 0; presses < 6 && (await focused(page)).id !== 'sign-in-name'; presses++) await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('sign-in-name');
      await page.keyboard.type(EDITOR);
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('sign-in-password');
      await page.keyboard.type(TEST_PASSWORD);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Sign in' });
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === next);
      await headerAccount(page).filter({ hasText: EDITOR }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('labels its fields for password managers', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/sign-in');
    try {
      expect(await page.getByLabel('Name').getAttribute('autocomplete')).toBe('username');
      expect(await page.getByLabel('Password').getAttribute('autocomplete')).toBe('current-password');
      expect(await page.getByLabel('Password').getAttribute('type')).toBe('password');
    } finally {
      await close();
    }
  });

  it('has no serious axe violations, empty or showing an error', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/sign-in');
    try {
      await page.getByLabel('Name').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await submitSignIn(page, 'nobody', 'not the right password');
      await page.locator('#sign-in-error').filter({ hasText: 'wrong' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
