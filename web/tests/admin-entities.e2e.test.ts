// The administration page's Entities panel: extraction over the sample archive and retraining the
// tagger, started from the web. Training runs fixtures/ner-trainer-stub.mjs (TROVE_NER_TRAINER), which
// prints what the real trainer prints without training anything.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TroveDatabase } from '../../db/client.ts';
import { addAccount } from '../../fixtures/accounts.ts';
import type { JobState } from '../src/lib/api/extraction.ts';
import type { DocumentListResponse } from '../src/lib/api/types.ts';
import { apiSession, signInAs } from './auth-helpers.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const ADMIN = 'ada';
const EDITOR = 'ed';
/** Longer than the page's polling interval (1.5 s), so that a run is seen running. */
const TRAINING_MS = 3000;
const JOB_TIMEOUT = 20_000;

async function seed(db: TroveDatabase): Promise<void> {
  await addAccount(db, ADMIN, 'admin');
  await addAccount(db, EDITOR, 'editor');
}

// The jobs are the server's, one of each at a time, so these tests have a server of their own and run in order.
let server: TestServer;
let browser: Browser;
let documents: number;
const env = { ...process.env };

beforeAll(async () => {
  // The server runs in this process and hands its environment to the trainer it spawns.
  process.env.TROVE_NER_TRAINER = resolve(import.meta.dirname, '../../fixtures/ner-trainer-stub.mjs');
  process.env.STUB_TRAINER_MS = String(TRAINING_MS);
  delete process.env.STUB_TRAINER_FAIL;
  [server, browser] = await Promise.all([startServer({ seed }), launchBrowser()]);
  documents = (await server.api<DocumentListResponse>('/api/documents')).total;
  expect(documents).toBeGreaterThan(1);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
  for (const key of ['TROVE_NER_TRAINER', 'STUB_TRAINER_MS', 'STUB_TRAINER_FAIL']) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
});

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function panel(page: Page) {
  return page.locator('section[data-panel="entities"]');
}

function job(page: Page, name: 'extraction' | 'training') {
  return panel(page).locator(`section[data-job="${name}"]`);
}

function announced(page: Page) {
  return panel(page).locator('[role="status"]');
}

async function openAdmin() {
  const opened = await openPage(browser, server.baseUrl, '/');
  await signInAs(opened.page, ADMIN, '/admin');
  await job(opened.page, 'extraction').locator('[data-job-state]').waitFor();
  await job(opened.page, 'training').locator('[data-job-state="idle"]').waitFor();
  return opened;
}

/** Requests the page makes to the jobs' state, from now on. */
function countPolls(page: Page): { count: () => number } {
  let count = 0;
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/api/extraction' || path === '/api/admin/ner-training') count += request.method() === 'GET' ? 1 : 0;
  });
  return { count: () => count };
}

async function trainingIdle(headers: Record<string, string>): Promise<void> {
  for (const started = Date.now(); Date.now() - started < JOB_TIMEOUT;) {
    const response = await fetch(`${server.baseUrl}/api/admin/ner-training`, { headers });
    if (((await response.json()) as JobState).state === 'idle') return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error('training did not end');
}

describe('the Entities panel of the administration page', () => {
  it('re-extracts every document of the sample archive and shows the run reach its end with the count', async () => {
    const { page, errors, close } = await openAdmin();
    try {
      const extraction = job(page, 'extraction');
      const everything = extraction.getByRole('button', { name: 'Re-extract every document' });
      expect(await everything.getAttribute('aria-describedby')).toBe('full-run-help');
      expect(squash(await extraction.locator('#full-run-help').textContent())).toContain(
        'spreads each confirmed entity and all its spellings to the whole archive',
      );
      await everything.click();
      // The run as the server queued it, until the first poll.
      const progress = page.getByRole('progressbar', { name: 'Entity extraction progress' });
      await progress.waitFor();
      expect(await progress.getAttribute('max')).toBe(String(documents));
      expect(await everything.getAttribute('aria-disabled')).toBe('true');
      expect(await extraction.getByRole('button', { name: 'Extract entities from new documents' }).getAttribute('aria-disabled')).toBe(
        'true',
      );

      const finished = `Entity extraction finished: ${documents} of ${documents} documents.`;
      await announced(page).filter({ hasText: finished }).waitFor({ timeout: JOB_TIMEOUT });
      const state = squash(await extraction.locator('[data-job-state="idle"]').textContent());
      expect(state).toMatch(new RegExp(`^Last run finished at .+ UTC: ${documents} of ${documents} documents\\.$`));
      expect(await extraction.locator('progress').count()).toBe(0);
      expect(await everything.getAttribute('aria-disabled')).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a run in progress with a labelled progress bar and its buttons disabled, and stops asking once it ends', async () => {
    const { page, errors, close } = await openAdmin();
    try {
      const training = job(page, 'training');
      const retrain = training.getByRole('button', { name: 'Retrain the tagger with corrections' });
      await retrain.click();

      await training.locator('[data-job-state="running"]').waitFor();
      expect(squash(await training.locator('[data-job-state]').textContent())).toBe('Retraining the tagger: 0 of 2 language models.');
      const progress = page.getByRole('progressbar', { name: 'Retraining the tagger progress' });
      expect(await progress.getAttribute('max')).toBe('2');
      expect(await retrain.getAttribute('aria-disabled')).toBe('true');
      expect(squash(await announced(page).textContent())).toBe('Retraining the tagger started: 2 language models to go.');
      expect(await seriousViolations(page)).toEqual([]);

      await announced(page)
        .filter({ hasText: 'Retraining the tagger finished: 2 of 2 language models.' })
        .waitFor({ timeout: JOB_TIMEOUT });
      expect(squash(await training.locator('[data-job-state="idle"]').textContent())).toMatch(
        /^Last run finished at .+ UTC: 2 of 2 language models\.$/,
      );
      expect(await training.locator('progress').count()).toBe(0);
      expect(await retrain.getAttribute('aria-disabled')).toBeNull();

      const polls = countPolls(page);
      await page.waitForTimeout(3500);
      expect(polls.count(), 'no polling once both jobs are idle').toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says in words that the tagger is being trained already, and follows that run; leaving the page stops the polling', async () => {
    const { page, errors, close } = await openAdmin();
    const headers = await apiSession(server, ADMIN);
    try {
      // Someone else starts a run after this page read the state.
      const response = await fetch(`${server.baseUrl}/api/admin/ner-training`, { method: 'POST', headers });
      expect(response.status).toBe(202);

      const training = job(page, 'training');
      await training.getByRole('button', { name: 'Retrain the tagger with corrections' }).click();
      const refusal = training.getByRole('alert');
      await refusal.waitFor();
      expect(squash(await refusal.textContent())).toBe(
        'Could not start training: The tagger is already being trained; wait until that run finishes.',
      );
      await training.locator('[data-job-state="running"]').waitFor();

      const polls = countPolls(page);
      await page.locator('header.site').getByRole('link', { name: 'Entities' }).click();
      await page.waitForURL((url) => url.pathname === '/entities');
      await page.waitForTimeout(3500);
      expect(polls.count(), 'no polling once the page is left').toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
      await trainingIdle(headers);
    }
  });

  it('shows why a training run failed', async () => {
    process.env.STUB_TRAINER_FAIL = '1';
    const { page, errors, close } = await openAdmin();
    try {
      const training = job(page, 'training');
      await training.getByRole('button', { name: 'Retrain the tagger with corrections' }).click();
      const failure = 'Training failed (exit code 1): The corrections could not be read.';
      await announced(page)
        .filter({ hasText: `Retraining the tagger did not finish. ${failure}` })
        .waitFor({ timeout: JOB_TIMEOUT });
      expect(squash(await training.locator('[data-job-error]').textContent())).toBe(failure);
      expect(squash(await training.locator('[data-job-state="idle"]').textContent())).toMatch(
        /^The last run stopped at .+ UTC, after 0 of 2 language models\.$/,
      );
      expect(errors).toEqual([]);
    } finally {
      delete process.env.STUB_TRAINER_FAIL;
      await close();
    }
  });

  it('is not shown to an editor, whose page asks for no job state', async () => {
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    const asked: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/admin') || path === '/api/extraction') asked.push(path);
    });
    try {
      await signInAs(page, EDITOR, '/admin');
      await page.locator('[data-admin-access="not-admin"]').waitFor();
      expect(await panel(page).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Re-extract every document' }).count()).toBe(0);
      expect(asked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
