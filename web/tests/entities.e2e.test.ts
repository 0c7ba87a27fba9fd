// The entity index and entity pages: counts, filters, the type-ahead in Persian script, the timeline,
// mentions and co-mentions with their links; an editor merges, undoes, splits, renames and deletes; a
// viewer sees no edit controls. Entities and mentions are written straight into the test database
// (EntitySeeder), so these tests do not depend on extraction.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TroveDatabase } from '../../db/client.ts';
import { addAccount } from '../../fixtures/accounts.ts';
import { EntitySeeder } from '../../fixtures/entity-fixture.ts';
import { addDocuments } from '../../fixtures/factories.ts';
import type { EntityListResponse, EntityPageResponse } from '../src/lib/api/types.ts';
import { EDITOR, signInAs, VIEWER } from './auth-helpers.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

const NAME = 'Farid al-Zubaydi';
const SECOND_SPELLING = 'Farid al-Zubeidi';
const PERSIAN = 'فرید الزبیدی';

// Synthetic documents written for this test, not part of any real archive.
const DOCS = [
  {
    ref: 'TRV-TEST-EP-0001',
    kind: 'cable' as const,
    title: 'Synthetic entity page cable one',
    dateText: '2015-01-10',
    language: 'en',
    body: `1. Synthetic test text. ${NAME} met Colonel Rostami in Karrada.\n\n2. Synthetic test text. ${NAME} left before noon.`,
  },
  {
    ref: 'TRV-TEST-EP-0002',
    kind: 'cable' as const,
    title: 'Synthetic entity page cable two',
    dateText: '2015-03-02',
    language: 'en',
    body: `1. Synthetic test text. The Persian note names ${PERSIAN} beside Rostami.\n\n2. Synthetic test text. Nothing else.`,
  },
  {
    ref: 'TRV-TEST-EP-0003',
    kind: 'cable' as const,
    title: 'Synthetic entity page cable three',
    dateText: '2015-03-20',
    language: 'en',
    body: `1. Synthetic test text. The border list spells it ${SECOND_SPELLING}.\n\n2. Synthetic test text. ${SECOND_SPELLING} crossed twice.`,
  },
  {
    ref: 'TRV-TEST-EP-0004',
    kind: 'report' as const,
    title: 'Synthetic entity page report',
    dateText: '2015-06-01',
    language: 'en',
    body: '1. Synthetic test text. Shops in Karrada reopened in June.',
  },
];

// Names the sample archive does not hold, so that an edit, which re-reads every document holding the
// entity's spellings, finds nothing beyond these documents.
const ids: Record<'amiri' | 'ameri' | 'rostami' | 'karrada', number> = { amiri: 0, ameri: 0, rostami: 0, karrada: 0 };

async function seed(db: TroveDatabase): Promise<void> {
  await addAccount(db, EDITOR, 'editor');
  await addAccount(db, VIEWER, 'viewer');
  await addDocuments(db, DOCS, 'entity-pages', 'public');
  // Start from no entities, so that every count below is this test's own rather than the extractor's.
  for (const table of ['mention', 'entity_merge', 'entity_alias', 'entity'] as const) await db.writer.deleteFrom(table).execute();
  const s = new EntitySeeder(db);
  ids.amiri = s.entity('person', NAME, { status: 'confirmed', aliases: [PERSIAN] });
  ids.ameri = s.entity('person', SECOND_SPELLING);
  ids.rostami = s.entity('person', 'Rostami');
  ids.karrada = s.entity('place', 'Karrada');
  // Decided by a person, so that the re-extraction an edit starts leaves every one of them as it is.
  const decided = { status: 'confirmed', source: 'person' } as const;
  s.mention('TRV-TEST-EP-0001', NAME, ids.amiri, decided);
  s.mention('TRV-TEST-EP-0001', NAME, ids.amiri, { ...decided, occurrence: 1 });
  s.mention('TRV-TEST-EP-0002', PERSIAN, ids.amiri, decided);
  s.mention('TRV-TEST-EP-0003', SECOND_SPELLING, ids.ameri, decided);
  s.mention('TRV-TEST-EP-0003', SECOND_SPELLING, ids.ameri, { ...decided, occurrence: 1 });
  s.mention('TRV-TEST-EP-0001', 'Rostami', ids.rostami, decided);
  s.mention('TRV-TEST-EP-0002', 'Rostami', ids.rostami, decided);
  s.mention('TRV-TEST-EP-0001', 'Karrada', ids.karrada, decided);
  s.mention('TRV-TEST-EP-0004', 'Karrada', ids.karrada, decided);
}

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

function row(page: Page, id: number) {
  return page.locator(`table[data-table="entities"] tr[data-entity="${id}"]`);
}

async function indexRows(page: Page): Promise<string[]> {
  await page.locator('table[data-table="entities"]').waitFor();
  return page.locator('table[data-table="entities"] tbody th a').allTextContents();
}

async function entityReady(page: Page, id: number): Promise<void> {
  await page.locator(`article.entity[data-entity="${id}"]`).waitFor();
  await page.locator('ol[data-list="mentions"]').waitFor();
}

function counts(page: Page) {
  return page.locator('[data-counts]');
}

async function serverEntity(id: number): Promise<EntityPageResponse> {
  return server.api<EntityPageResponse>(`/api/entities/${id}`);
}

describe('the entity index', () => {
  it('lists entities by mentions with their counts, reached from the header', async () => {
    const { page, close, errors } = await openPage(browser, server.baseUrl, '/');
    try {
      await page.locator('header.site').getByRole('link', { name: 'Entities' }).click();
      await page.waitForURL((url) => url.pathname === '/entities');
      expect(await indexRows(page)).toEqual([NAME, SECOND_SPELLING, 'Karrada', 'Rostami']);
      const amiri = row(page, ids.amiri);
      expect(squash(await amiri.locator('td').nth(1).textContent())).toBe('3');
      expect(squash(await amiri.locator('td').nth(2).textContent())).toBe('2');
      expect(squash(await amiri.textContent())).toContain(PERSIAN);
      expect(await page.locator('header.site a[aria-current="page"]').textContent()).toBe('Entities');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('filters by type and sorts by name, with the state in a shareable URL', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/entities');
    try {
      await indexRows(page);
      await page.getByLabel('Type').selectOption('place');
      await page.waitForURL((url) => url.searchParams.get('type') === 'place');
      await expect.poll(() => indexRows(page)).toEqual(['Karrada']);
      await page.getByLabel('Type').selectOption('');
      await page.getByLabel('Order').selectOption('name');
      await page.waitForURL((url) => url.searchParams.get('sort') === 'name' && !url.searchParams.has('type'));
      await expect.poll(() => indexRows(page)).toEqual([NAME, SECOND_SPELLING, 'Karrada', 'Rostami']);
      // The same URL, loaded afresh, shows the same list.
      await page.goto('/entities?type=person&sort=-name');
      await expect.poll(() => indexRows(page)).toEqual(['Rostami', SECOND_SPELLING, NAME]);
      expect(await page.getByLabel('Type').inputValue()).toBe('person');
    } finally {
      await close();
    }
  });

  it('follows typing in Persian script to the entity that has that spelling', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/entities');
    try {
      await indexRows(page);
      await page.getByLabel('Name or spelling').pressSequentially('الزب', { delay: 30 });
      await page.waitForURL((url) => url.searchParams.get('q') === 'الزب');
      await expect.poll(() => indexRows(page)).toEqual([NAME]);
      await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 entity found.');
      // The type-ahead matches the start of any word in any script, as the API does.
      const api = await server.api<EntityListResponse>(`/api/entities?q=${encodeURIComponent('الزب')}`);
      expect(api.entities.map((e) => e.id)).toEqual([ids.amiri]);
      await page.getByLabel('Name or spelling').fill('zzzz');
      await expect(page.getByText('No entity matches.').waitFor()).resolves.toBeUndefined();
    } finally {
      await close();
    }
  });

  it('has no serious accessibility violations', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/entities');
    try {
      await indexRows(page);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('an entity page', () => {
  it('shows spellings, counts, the timeline, mentions and co-mentions with working links', async () => {
    const { page, close, errors } = await openPage(browser, server.baseUrl, '/entities');
    try {
      await row(page, ids.amiri).getByRole('link', { name: NAME }).click();
      await entityReady(page, ids.amiri);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(NAME);
      expect(squash(await counts(page).textContent())).toBe('3 mentions in 2 documents, 10 Jan 2015 to 2 Mar 2015.');
      expect(await page.getByRole('list', { name: 'Other spellings' }).textContent()).toContain(PERSIAN);

      const chart = page.getByRole('img', { name: /Mentions by month/ });
      expect(await chart.getAttribute('aria-label')).toBe(
        'Mentions by month. 3 dated mentions from Jan 2015 to Mar 2015; most in Jan 2015 (2).',
      );
      // January, an empty February, March: a bar per month keeps time's scale.
      expect(await chart.locator('rect').count()).toBe(3);
      await page.getByText('Mentions by month as a table').click();
      expect(await page.locator('table[data-table="timeline"] tbody tr').allTextContents()).toEqual(['Jan 20152', 'Mar 20151']);

      const mentions = page.locator('ol[data-list="mentions"] > li');
      expect(await mentions.count()).toBe(3);
      expect(await mentions.first().locator('mark').textContent()).toBe(NAME);
      expect(await page.locator('ol[data-list="mentions"] > li mark').allTextContents()).toEqual([NAME, NAME, PERSIAN]);
      expect(await mentions.nth(1).getByRole('link').getAttribute('href')).toBe('/documents/TRV-TEST-EP-0001#p2');

      await page.getByRole('link', { name: 'Newest first' }).click();
      await page.waitForURL((url) => url.searchParams.get('sort') === '-date');
      await expect.poll(() => page.locator('ol[data-list="mentions"] > li mark').first().textContent()).toBe(PERSIAN);

      const co = page.locator('ul[data-list="co-mentioned"]');
      expect(squash(await co.textContent())).toContain('Rostami Person · 2 passages');
      await co.getByRole('link', { name: 'Rostami' }).click();
      await entityReady(page, ids.rostami);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rostami');

      await page.goBack();
      await entityReady(page, ids.amiri);
      await page.locator('ol[data-list="mentions"] > li').last().getByRole('link').click();
      await page.waitForURL((url) => url.pathname === '/documents/TRV-TEST-EP-0001' && url.hash === '#p1');
      await readerReady(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says in words when the entity does not exist', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/entities/999999');
    try {
      await page.getByRole('heading', { name: 'No such entity' }).waitFor();
    } finally {
      await close();
    }
  });

  it('shows a viewer no edit controls', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, VIEWER, `/entities/${ids.amiri}`);
      await entityReady(page, ids.amiri);
      expect(await page.getByRole('heading', { name: 'Manage' }).count()).toBe(0);
      expect(await page.locator('ol[data-list="mentions"] input[type="checkbox"]').count()).toBe(0);
      expect(await page.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('an editor on an entity page', () => {
  it('merges a second spelling in, and undoes the merge', async () => {
    const { page, close, errors } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/entities/${ids.amiri}`);
      await entityReady(page, ids.amiri);
      await page.getByText('Merge another entity into this one').click();
      const picker = page.getByRole('combobox', { name: 'Entity to merge into this one' });
      await picker.pressSequentially('zube', { delay: 30 });
      const options = page.getByRole('listbox', { name: 'Matching entities' }).getByRole('option');
      const option = options.filter({ hasText: SECOND_SPELLING });
      await option.waitFor();
      // The page's own entity is never offered.
      expect(await options.count()).toBe(1);
      await picker.press('ArrowDown');
      expect(await option.getAttribute('aria-selected')).toBe('true');
      await picker.press('Enter');
      const merge = page.getByRole('button', { name: `Merge “${SECOND_SPELLING}” into “${NAME}”` });
      await expect.poll(() => merge.evaluate((b) => b === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');

      await expect.poll(async () => squash(await counts(page).textContent())).toMatch(/^5 mentions in 3 documents/);
      expect(await page.locator('p.announce').textContent()).toContain(`Merged “${SECOND_SPELLING}” into “${NAME}”`);
      expect(await page.getByRole('list', { name: 'Other spellings' }).textContent()).toContain(SECOND_SPELLING);
      expect((await serverEntity(ids.amiri)).entity.mentionCount).toBe(5);
      // The button pressed is gone; focus is back in the picker for the next merge.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('merge-picker');

      const undo = page.getByRole('button', { name: `Undo the merge of “${SECOND_SPELLING}”` });
      await undo.click();
      await expect.poll(async () => squash(await counts(page).textContent())).toMatch(/^3 mentions in 2 documents/);
      expect(squash(await page.locator('ul[data-list="merges"]').textContent())).toContain(`undone by ${EDITOR}`);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Merged into this entity');
      expect((await serverEntity(ids.ameri)).entity.mentionCount).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('splits a mention off into a new entity, renames, and deletes with confirmation', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/entities/${ids.amiri}`);
      await entityReady(page, ids.amiri);
      await page.getByLabel(new RegExp(`Select “${PERSIAN}”`)).check();
      await page.getByText('Split mentions off into a new entity').click();
      expect(await page.getByText('1 mention selected.').count()).toBe(1);
      await page.getByLabel('New entity’s name').fill('Farid Zubaydi (Persian note)');
      await page.getByRole('button', { name: 'Split off selected mentions' }).click();
      const created = page.getByRole('link', { name: 'Farid Zubaydi (Persian note)' });
      await created.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Farid Zubaydi (Persian note)');
      await expect.poll(async () => squash(await counts(page).textContent())).toMatch(/^2 mentions in 1 document/);

      await page.getByLabel('Name', { exact: true }).fill('Farid al-Zubaydi (Badr)');
      await page.getByRole('button', { name: 'Rename' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Farid al-Zubaydi (Badr)');
      // The old name stays as a spelling.
      expect(await page.getByRole('list', { name: 'Other spellings' }).textContent()).toContain(NAME);
      await page.getByLabel('New label').fill('on payroll');
      await page.getByLabel('New label').press('Enter');
      await page.locator('article.entity header').getByRole('list', { name: 'Labels' }).getByText('on payroll').waitFor();
      expect(await page.getByLabel('New label').inputValue()).toBe('');

      await created.click();
      await page.getByRole('heading', { level: 1, name: 'Farid Zubaydi (Persian note)' }).waitFor();
      await page.getByRole('button', { name: 'Delete entity…' }).click();
      const dialog = page.getByRole('dialog', { name: /Delete/ });
      await dialog.waitFor();
      expect(squash(await dialog.textContent())).toContain('Its 1 mention becomes an untagged suggestion');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Delete entity…');
      await page.getByRole('button', { name: 'Delete entity…' }).click();
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/entities');
      await page.getByText('Deleted “Farid Zubaydi (Persian note)”. Its mentions are untagged suggestions again.').waitFor();
      expect(squash(await row(page, ids.amiri).locator('th').textContent())).toMatch(/^Farid al-Zubaydi \(Badr\) on payroll/);
      expect(await indexRows(page)).not.toContain('Farid Zubaydi (Persian note)');
    } finally {
      await close();
    }
  });

  it('shows a refusal in words', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/entities/${ids.rostami}`);
      await entityReady(page, ids.rostami);
      await page.getByText('Spellings', { exact: true }).click();
      await page.getByLabel('New spelling').fill('ROSTAMI');
      await page.getByRole('button', { name: 'Add spelling' }).click();
      const alert = page.locator('.admin-problem[role="alert"]');
      await alert.waitFor();
      expect(squash(await alert.textContent())).toBe(
        'The entity already has the spelling "ROSTAMI" (or one that differs only in case or accents).',
      );
      // What was typed stays, to be corrected.
      expect(await page.getByLabel('New spelling').inputValue()).toBe('ROSTAMI');
    } finally {
      await close();
    }
  });

  it('has no serious accessibility violations with every panel open', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/entities/${ids.karrada}`);
      await entityReady(page, ids.karrada);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
