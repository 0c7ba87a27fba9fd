import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TroveDatabase } from '../../db/client.ts';
import { addAccount, setVisibility } from '../../fixtures/accounts.ts';
import { addDocuments } from '../../fixtures/factories.ts';
import type { AdminAccountsResponse, AdminCollectionsResponse } from '../src/lib/api/types.ts';
import { headerAccount, sessionOf, signInAs, submitSignIn } from './auth-helpers.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { focused, readerReady } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

const ADMIN = 'ada';
const VIEWER = 'vic';
const EDITOR = 'ed';
const LEAVER = 'dora';
const MEMBER = 'mia';
const OUTSIDER = 'otto';
const NEWCOMER = 'nia';
const NEWCOMER_PASSWORD = 'a long enough passphrase';
const KEYBOARD_USER = 'kit';

const VAULT = 'vault';
const VAULT_REF = 'TRV-VAULT-0001';
const VAULT_TITLE = 'Ledger of the harbour office';
const SCRATCH = 'scratch';
/** More command-line events than one page of the audit log holds. */
const SCRATCH_CHANGES = 60;

/** The test database, written while the server runs to stand in for a `trove import` in another process. */
let databasePath = '';
const IMPORT_FILES = 10;

async function seed(db: TroveDatabase): Promise<void> {
  databasePath = db.path;
  // An import running from the command line (this process stands in for it: it is alive), 3 of 10 files in.
  db.writerConnection
    .prepare(
      `insert into job (kind, state, unit, params, done, total, created_by, started_at, run_started_at)
       values ('import', 'running', 'files', ?, 3, ?, 'cli:test', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 seconds'),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 seconds'))`,
    )
    .run(JSON.stringify({ pid: process.pid }), IMPORT_FILES);
  await addAccount(db, ADMIN, 'admin');
  for (const name of [VIEWER, LEAVER, MEMBER, OUTSIDER]) await addAccount(db, name, 'viewer');
  await addAccount(db, EDITOR, 'editor');
  await addDocuments(db, [{ ref: VAULT_REF, title: VAULT_TITLE, body: 'Forty crates of tea were entered twice.' }], VAULT, 'internal');
  await addDocuments(db, [{ ref: 'TRV-SCRATCH-0001', body: 'Nothing of note.' }], SCRATCH, 'internal');
  for (let i = 0; i < SCRATCH_CHANGES; i++) await setVisibility(db, SCRATCH, i % 2 === 0 ? 'public' : 'internal');
}

// Administration changes accounts and access, so these tests have a server of their own. They run in
// order: the audit log test reads the changes the tests before it made.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed }), launchBrowser()]);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function adminPageReady(page: Page): Promise<void> {
  await page.locator('table[data-table="accounts"]').waitFor();
  await page.locator('table[data-table="collections"]').waitFor();
  await page.locator('table[data-table="audit"]').waitFor();
}

/** Signs in as the admin and opens the administration page from the header's link. */
async function openAdmin(path = '/') {
  const opened = await openPage(browser, server.baseUrl, '/');
  await signInAs(opened.page, ADMIN, path);
  if (path === '/') {
    await opened.page.locator('header.site').getByRole('link', { name: 'Administration' }).click();
    await opened.page.waitForURL((url) => url.pathname === '/admin');
  }
  await adminPageReady(opened.page);
  return opened;
}

function statusOf(page: Page, panel: 'accounts' | 'collections') {
  return page.locator(`section[aria-labelledby="${panel}-heading"] [role="status"]`);
}

function accountRow(page: Page, name: string) {
  return page.locator(`table[data-table="accounts"] tr[data-account="${name}"]`);
}

async function fetchJson<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (p) => {
    const response = await fetch(p);
    return { status: response.status, body: (await response.json()) as T };
  }, path);
}

describe('who may open the administration page', () => {
  it('tells a signed-out visitor to sign in, and comes back to it', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/admin');
    try {
      const note = page.locator('[data-admin-access="signed-out"]');
      await note.waitFor();
      const href = await note.getByRole('link', { name: 'Sign in' }).getAttribute('href');
      const url = new URL(href!, server.baseUrl);
      expect(url.pathname).toBe('/sign-in');
      expect(url.searchParams.get('next')).toBe('/admin');
      expect(await page.locator('table').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a viewer that it needs an admin, and asks the server for no data', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    const asked: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/admin') || path.startsWith('/api/audit')) asked.push(path);
    });
    try {
      await signInAs(page, VIEWER, '/admin');
      const note = page.locator('[data-admin-access="not-admin"]');
      await note.waitFor();
      expect(squash(await note.textContent())).toContain('Administration needs an admin');
      expect(await page.locator('header.site').getByRole('link', { name: 'Administration' }).count()).toBe(0);
      expect(await page.locator('table').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Create account' }).count()).toBe(0);
      expect(asked).toEqual([]);
      expect((await fetchJson(page, '/api/admin/accounts')).status).toBe(403);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('accounts', () => {
  it('lets an admin create an account, which can then sign in; a weak password is refused in words', async () => {
    const { page, errors, close } = await openAdmin();
    try {
      await page.getByLabel('Name', { exact: true }).fill(NEWCOMER);
      await page.getByLabel('Role', { exact: true }).selectOption('editor');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      const alert = page.locator('#new-account-error');
      await alert.filter({ hasText: 'Could not create the account' }).waitFor();
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      expect((await focused(page)).id).toBe('new-account-password');

      await page.getByLabel('Password', { exact: true }).fill(NEWCOMER_PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await statusOf(page, 'accounts')
        .filter({ hasText: `Created the account ${NEWCOMER}, an editor.` })
        .waitFor();
      const row = accountRow(page, NEWCOMER);
      expect(await row.getByLabel(`Role of ${NEWCOMER}`).inputValue()).toBe('editor');
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
      expect(await page.locator('#new-account-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }

    const fresh = await openPage(browser, server.baseUrl, '/sign-in');
    try {
      await submitSignIn(fresh.page, NEWCOMER, NEWCOMER_PASSWORD);
      await headerAccount(fresh.page).filter({ hasText: NEWCOMER }).waitFor();
      expect((await sessionOf(fresh.page)).account).toMatchObject({ name: NEWCOMER, role: 'editor' });
    } finally {
      await fresh.close();
    }
  });

  it('can be used with the keyboard alone to create an account', async () => {
    const { page, errors, close } = await openAdmin('/admin');
    try {
      await page.getByLabel('Name', { exact: true }).focus();
      await page.keyboard.type(KEYBOARD_USER);
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('new-account-role');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByLabel('Role', { exact: true }).inputValue()).toBe('editor');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('new-account-password');
      await page.keyboard.type(NEWCOMER_PASSWORD);
      await page.keyboard.press('Enter');
      await statusOf(page, 'accounts')
        .filter({ hasText: `Created the account ${KEYBOARD_USER}` })
        .waitFor();
      expect(await accountRow(page, KEYBOARD_USER).getByLabel(`Role of ${KEYBOARD_USER}`).inputValue()).toBe('editor');
      // Focus stays in the form, ready for the next account.
      expect((await focused(page)).id).toBe('new-account-password');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('changes a role, and offers no way to demote or disable one’s own account', async () => {
    const { page, errors, close } = await openAdmin('/admin');
    try {
      const row = accountRow(page, EDITOR);
      await row.getByLabel(`Role of ${EDITOR}`).selectOption('viewer');
      await row.getByRole('button', { name: `Save role of ${EDITOR}` }).click();
      await statusOf(page, 'accounts')
        .filter({ hasText: `${EDITOR} is now a viewer.` })
        .waitFor();
      const { body } = await fetchJson<AdminAccountsResponse>(page, '/api/admin/accounts');
      expect(body.accounts.find((a) => a.name === EDITOR)?.role).toBe('viewer');

      const own = accountRow(page, ADMIN);
      expect(await own.locator('select').count()).toBe(0);
      expect(await own.getByRole('button', { name: /Disable/ }).count()).toBe(0);
      expect(squash(await own.textContent())).toContain('another admin can change its role or disable it');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('disables an account after saying that its sessions end, and its open session does end', async () => {
    const leaver = await openPage(browser, server.baseUrl, '/');
    const { page, errors, close } = await openAdmin('/admin');
    try {
      await signInAs(leaver.page, LEAVER, '/');
      expect((await sessionOf(leaver.page)).account?.name).toBe(LEAVER);

      const row = accountRow(page, LEAVER);
      const toggle = row.getByRole('button', { name: `Disable… ${LEAVER}` });
      await toggle.click();
      const confirm = page.getByRole('group', { name: new RegExp(`Disable ${LEAVER}\\?`) });
      expect(squash(await confirm.textContent())).toContain('Their sessions end at once');
      expect((await focused(page)).text).toBe(`Disable ${LEAVER}`);
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached' });
      expect((await focused(page)).text).toBe(`Disable… ${LEAVER}`);

      await toggle.click();
      await page.getByRole('button', { name: `Disable ${LEAVER}`, exact: true }).click();
      await statusOf(page, 'accounts')
        .filter({ hasText: `${LEAVER} is disabled; their sessions have ended.` })
        .waitFor();
      expect(squash(await row.locator('td').nth(1).textContent())).toBe('Disabled');
      expect((await focused(page)).text).toBe(`Enable ${LEAVER}`);

      expect(await sessionOf(leaver.page)).toEqual({ account: null, csrfToken: null });
      expect(errors).toEqual([]);
    } finally {
      await close();
      await leaver.close();
    }
  });
});

describe('collections', () => {
  it('makes a collection restricted and adds a member, who can read it while others cannot', async () => {
    const { page, errors, close } = await openAdmin('/admin');
    try {
      const row = page.locator(`table[data-table="collections"] tr[data-collection="${VAULT}"]`);
      await row.getByLabel(`Visibility of ${VAULT}`).selectOption('restricted');
      await row.getByRole('button', { name: `Save visibility of ${VAULT}` }).click();
      await statusOf(page, 'collections')
        .filter({ hasText: `${VAULT} is now restricted.` })
        .waitFor();

      await row.getByRole('button', { name: `Show members of ${VAULT}` }).click();
      const members = page.locator('tr.detail .members');
      await members.getByText('No members yet.').waitFor();
      for (const name of [MEMBER, OUTSIDER]) {
        await members.getByLabel('Account').fill(name);
        await members.getByRole('button', { name: 'Add member' }).click();
        await statusOf(page, 'collections')
          .filter({ hasText: `${name} is now a member of ${VAULT}, as a viewer.` })
          .waitFor();
      }
      await members.getByRole('button', { name: `Remove ${OUTSIDER} from ${VAULT}` }).click();
      await statusOf(page, 'collections')
        .filter({ hasText: `${OUTSIDER} is no longer a member of ${VAULT}.` })
        .waitFor();
      expect(
        squash(
          await members
            .locator('li')
            .allTextContents()
            .then((t) => t.join('|')),
        ),
      ).toBe(`${MEMBER} viewer Remove ${MEMBER} from ${VAULT}`);
      expect(squash(await row.locator('td').nth(2).textContent())).toMatch(/^1\b/);

      await members.getByLabel('Account').fill('nobody-here');
      await members.getByRole('button', { name: 'Add member' }).click();
      await members.getByRole('alert').filter({ hasText: 'There is no account named "nobody-here".' }).waitFor();

      const { body } = await fetchJson<AdminCollectionsResponse>(page, '/api/admin/collections');
      expect(body.collections.find((c) => c.name === VAULT)).toMatchObject({ visibility: 'restricted', memberCount: 1 });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }

    const member = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(member.page, MEMBER, `/documents/${VAULT_REF}`);
      await readerReady(member.page);
      expect(await member.page.getByRole('heading', { level: 1 }).textContent()).toContain(VAULT_TITLE);
    } finally {
      await member.close();
    }

    const outsider = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(outsider.page, OUTSIDER, `/documents/${VAULT_REF}`);
      await outsider.page.getByRole('heading', { name: 'Document not found' }).waitFor();
      expect((await fetchJson(outsider.page, `/api/documents/by-ref/${VAULT_REF}`)).status).toBe(404);
    } finally {
      await outsider.close();
    }
  });
});

describe('the audit log', () => {
  it('lists the changes above under the admin’s name, filters by action in the URL, and pages to older events', async () => {
    const { page, errors, close } = await openAdmin('/admin');
    try {
      const audit = page.locator('table[data-table="audit"]');
      const rowText = async (action: string) =>
        (await audit.locator(`tr[data-action="${action}"]`).allTextContents()).map(squash).join('\n');
      expect(await rowText('account.create')).toContain(`${ADMIN}account.createaccount ${NEWCOMER}name: ${NEWCOMER}, role: editor`);
      expect(await rowText('account.set_role')).toContain(`${ADMIN}account.set_roleaccount ${EDITOR}role: editor → viewer`);
      expect(await rowText('account.disable')).toContain(`${ADMIN}account.disableaccount ${LEAVER}disabled: false → true`);
      expect(await rowText('collection.set_visibility')).toContain(
        `${ADMIN}collection.set_visibilitycollection ${VAULT}visibility: internal → restricted`,
      );
      expect(await rowText('collection.grant')).toContain(`${ADMIN}collection.grantcollection ${VAULT}account: ${MEMBER}, role: viewer`);
      expect(await rowText('collection.revoke')).toContain(`account: ${OUTSIDER}, role: viewer → —`);

      await page.getByLabel('Action', { exact: true }).fill('collection.grant');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL((url) => url.pathname === '/admin' && url.searchParams.get('action') === 'collection.grant');
      await expect
        .poll(() => audit.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))))
        .toEqual(['collection.grant', 'collection.grant']);

      // A shared link opens the same filtered view.
      await page.goto('/admin?actor=cli%3Atest&action=collection.set_visibility');
      await adminPageReady(page);
      expect(await page.getByLabel('Who', { exact: true }).inputValue()).toBe('cli:test');
      expect(await audit.locator('tbody tr').count()).toBe(50);
      await page.getByRole('button', { name: 'Older events' }).click();
      await expect.poll(() => audit.locator('tbody tr').count()).toBe(SCRATCH_CHANGES);
      expect((await focused(page)).tag).toBe('tr');
      expect(await page.getByRole('button', { name: 'Older events' }).count()).toBe(0);
      expect(squash(await page.locator('section[aria-labelledby="audit-heading"]').textContent())).toContain(
        'That is the oldest event matching these filters.',
      );
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('accessibility', () => {
  it('has no serious axe violations, with a members list and a password form open', async () => {
    const { page, close } = await openAdmin('/admin');
    try {
      await page.getByRole('button', { name: `Show members of ${VAULT}` }).click();
      await page.locator('tr.detail .members li').first().waitFor();
      await accountRow(page, VIEWER)
        .getByRole('button', { name: `Set password… for ${VIEWER}` })
        .click();
      expect((await focused(page)).id).toMatch(/^account-\d+-password$/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      expect((await focused(page)).text).toBe(`Set password… for ${VIEWER}`);
    } finally {
      await close();
    }
  });
});

describe('jobs', () => {
  /** What `trove import` in another process writes to its job row as it goes. */
  function importWrites(change: string) {
    const db = new BetterSqlite3(databasePath);
    try {
      db.prepare(`update job set ${change}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') where kind = 'import'`).run();
    } finally {
      db.close();
    }
  }

  it('shows a command-line import live, cancels it, and runs a job started here to done, saying so politely', async () => {
    const { page, errors, close } = await openAdmin('/admin');
    try {
      const panel = page.locator('section[data-panel="jobs"]');
      const status = panel.getByRole('status');
      expect(await status.getAttribute('aria-live')).toBe('polite');
      const importRow = panel.locator('tr[data-job-kind="import"]');
      const bar = importRow.getByRole('progressbar');
      await expect.poll(() => bar.getAttribute('value')).toBe('3');
      expect(await bar.getAttribute('max')).toBe(String(IMPORT_FILES));
      expect(squash(await importRow.textContent())).toMatch(
        /Running ?3 of 10 files \(30%\) ?[\d.]+ files\/s ?(\d+[hm] )?\d+[ms] ?cli:test/,
      );

      // Progress the other process makes reaches the page through the event stream, without a reload.
      importWrites('done = 6');
      await expect.poll(() => bar.getAttribute('value')).toBe('6');
      expect(squash(await importRow.locator('[data-job-progress]').textContent())).toBe('6 of 10 files (60%)');

      // Cancel by keyboard: the import stops between files, which it says by ending its row.
      await importRow.getByRole('button', { name: /^Cancel Import/ }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(async () => squash(await status.textContent())).toMatch(/stops after its current batch\.$/);
      await expect.poll(async () => squash(await importRow.locator('td').first().textContent())).toBe('Cancelling…');
      expect(await importRow.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
      // The button is gone: the focus is on the job's row header rather than lost to the page.
      expect((await focused(page)).tag).toBe('th');
      importWrites(`state = 'cancelled', finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);
      await expect.poll(async () => squash(await status.textContent())).toMatch(/^Import .* was cancelled after 6 of 10 files \(60%\)\.$/);
      expect(await importRow.getAttribute('data-job-state')).toBe('cancelled');

      // A kind started here runs in the server, and its end is announced.
      await panel.getByRole('button', { name: 'Rebuild the quote index' }).click();
      const rebuilt = panel.locator('tr[data-job-kind="quotes.index"]');
      await expect.poll(() => rebuilt.getAttribute('data-job-state'), { timeout: 15_000 }).toBe('done');
      await expect
        .poll(async () => squash(await status.textContent()))
        .toMatch(/^Rebuild the quote index \(job \d+\) finished: [\d,]+ of [\d,]+ passages \(100%\)\.$/);
      expect(squash(await rebuilt.textContent())).toContain(ADMIN);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
