// Accounts, a restricted collection and signing in, shared by the browser tests that need a session.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TroveDatabase } from '../../db/client.ts';
import { addAccount, grant, TEST_PASSWORD } from '../../fixtures/accounts.ts';
import { addDocuments } from '../../fixtures/factories.ts';
import type { SessionResponse } from '../src/lib/api/types.ts';
import type { TestServer } from './server.ts';

export { TEST_PASSWORD };

export const EDITOR = 'ana';
export const VIEWER = 'vic';
/** A viewer everywhere, and a member of the restricted collection. */
export const MEMBER = 'mo';

export const SECRET_COLLECTION = 'secret';
export const SECRET_REF = 'TRV-SECRET-0001';
/** A word only the restricted document holds. */
export const SECRET_WORD = 'quillwort';
/** A word the restricted document shares with the sample archive, so that a search finds both collections. */
export const SHARED_WORD = 'checkpoints';

/** The seed for startServer: three accounts, and a restricted collection only MEMBER may read. */
export async function seedAccess(db: TroveDatabase): Promise<void> {
  await addAccount(db, EDITOR, 'editor');
  await addAccount(db, VIEWER, 'viewer');
  await addAccount(db, MEMBER, 'viewer');
  await addDocuments(
    db,
    [
      {
        ref: SECRET_REF,
        kind: 'cable',
        title: 'Internal memo on the northern routes',
        dateText: '2014-05-02',
        language: 'en',
        body: `1. The convoy avoided the ${SHARED_WORD} north of the river.\n\n2. Its manifest listed ${SECRET_WORD} seed and nothing else.`,
      },
    ],
    SECRET_COLLECTION,
    'restricted',
  );
  await grant(db, SECRET_COLLECTION, MEMBER, 'viewer');
}

/** Fills in and sends the sign-in form on the page as it stands (it must show the form). */
export async function submitSignIn(page: Page, name: string, password = TEST_PASSWORD): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the form and waits to be back at `next` with the account in the header. */
export async function signInAs(page: Page, name: string, next = '/'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await submitSignIn(page, name);
  await page.waitForURL((url) => url.pathname + url.search + url.hash === next);
  await headerAccount(page).filter({ hasText: name }).waitFor();
}

/** The signed-in account's name in the header. */
export function headerAccount(page: Page) {
  return page.locator('header.site .account .name');
}

/** What GET /api/session answers the page, with its cookies. */
export function sessionOf(page: Page): Promise<SessionResponse> {
  return page.evaluate(async () => (await fetch('/api/session')).json() as Promise<SessionResponse>);
}

/** Signs in over HTTP; returns the headers that make a change under that session, for setting up a test. */
export async function apiSession(server: TestServer, name: string): Promise<Record<string, string>> {
  const response = await fetch(`${server.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: TEST_PASSWORD }),
  });
  expect(response.status, `sign-in as ${name}`).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('trove_session='));
  expect(cookie, 'a session cookie').toBeDefined();
  const { csrfToken } = (await response.json()) as SessionResponse;
  return { cookie: cookie!.split(';')[0]!, 'x-csrf-token': csrfToken! };
}
