// Entity mentions in the reader and on the search page: tagging a selection, spreading the tag,
// confirming and rejecting suggestions from the keyboard, the legend, viewers, facets and "Also search".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TroveDatabase } from '../../db/client.ts';
import { documentBody } from '../../db/document-body.ts';
import { addAccount } from '../../fixtures/accounts.ts';
import { addDocuments } from '../../fixtures/factories.ts';
import { aliasKey } from '../../server/pipeline/entities/alias-key.ts';
import type { DocumentMentionsResponse, SpreadResponse } from '../src/lib/api/mentions.ts';
import type { DocumentResponse, SearchResponse } from '../src/lib/api/types.ts';
import { apiSession, EDITOR, signInAs, VIEWER } from './auth-helpers.ts';
import { seriousViolations } from './axe.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { readerReady, searchSettled } from './page-helpers.ts';
import { startServer, type TestServer } from './server.ts';

// A sample cable that names Hadi al-Amiri once (paragraph 4) and Blue Lantern and Karrada in paragraph 2.
const CABLE = 'TRV-BGD-2014-0388';
const NAME = 'Hadi al-Amiri';
const OTHER_SPELLING = 'Hadi al-Ameri';
const PERSIAN_SPELLING = 'فانوس آبی';

// Synthetic documents written for this test, not part of any real archive.
const SYNTHETIC = [
  {
    ref: 'TRV-TEST-ENT-0001',
    kind: 'cable' as const,
    title: 'Synthetic test cable one',
    dateText: '2015-01-10',
    language: 'en',
    body: `1. Synthetic test text. ${NAME} met the station officer near the river.\n\n2. Later ${NAME} asked for a second meeting.`,
  },
  {
    ref: 'TRV-TEST-ENT-0002',
    kind: 'cable' as const,
    title: 'Synthetic test cable two',
    dateText: '2015-02-12',
    language: 'en',
    body: `1. Synthetic test text. The border lists spell the name ${OTHER_SPELLING}.\n\n2. A clerk said ${NAME} had crossed twice.`,
  },
  {
    ref: 'TRV-TEST-ENT-0003',
    kind: 'cable' as const,
    title: 'Synthetic test cable three',
    dateText: '2015-03-14',
    language: 'en',
    body: '1. Synthetic test text. The officer met Blue Lantern in Karrada on Tuesday.\n\n2. Later Ramin Sadeghi reported nothing else.',
  },
];
const SUGGESTIONS_REF = 'TRV-TEST-ENT-0003';

type Seeded = { type: string; name: string; status: 'suggested' | 'confirmed'; aliases?: string[] };

async function addEntity(db: TroveDatabase, entity: Seeded): Promise<number> {
  const { id } = await db.writer
    .insertInto('entity')
    .values({
      type: entity.type,
      name: entity.name,
      description: null,
      labels: '[]',
      status: entity.status,
      merged_into: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const name of [entity.name, ...(entity.aliases ?? [])]) {
    await db.writer
      .insertInto('entity_alias')
      .values({ entity_id: id, name, key: aliasKey(name), source_document_id: null, created_by: null })
      .execute();
  }
  return id;
}

/** A mention of the first occurrence of `text` in the document, as extraction (or a person) would store it. */
async function addMention(db: TroveDatabase, ref: string, text: string, type: string, entityId: number, status: 'suggested' | 'confirmed') {
  const doc = await db.writer
    .selectFrom('document')
    .select(['id', documentBody('document').as('body')])
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
  const start = doc.body.indexOf(text);
  const passage = await db.writer
    .selectFrom('passage')
    .select('id')
    .where('document_id', '=', doc.id)
    .where('start', '<=', start)
    .where('end', '>', start)
    .executeTakeFirstOrThrow();
  await db.writer
    .insertInto('mention')
    .values({
      document_id: doc.id,
      passage_id: passage.id,
      start,
      end: start + text.length,
      text,
      type,
      entity_id: entityId,
      source: status === 'confirmed' ? 'person' : 'model',
      status,
      value: null,
      decided_by: status === 'confirmed' ? EDITOR : null,
      decided_at: status === 'confirmed' ? '2026-01-01T00:00:00.000Z' : null,
    })
    .execute();
}

async function seed(db: TroveDatabase): Promise<void> {
  await addAccount(db, EDITOR, 'editor');
  await addAccount(db, VIEWER, 'viewer');
  await addDocuments(db, SYNTHETIC, 'entity-test', 'public');
  // Start from no entities, so that every count below is this test's own rather than the extractor's.
  for (const table of ['mention', 'entity_merge', 'entity_alias', 'entity'] as const) await db.writer.deleteFrom(table).execute();
  const lantern = await addEntity(db, { type: 'codename', name: 'Blue Lantern', status: 'confirmed', aliases: [PERSIAN_SPELLING] });
  const karrada = await addEntity(db, { type: 'place', name: 'Karrada', status: 'suggested' });
  const ramin = await addEntity(db, { type: 'person', name: 'Ramin Sadeghi', status: 'suggested' });
  await addMention(db, CABLE, 'Blue Lantern', 'codename', lantern, 'confirmed');
  await addMention(db, CABLE, 'Karrada', 'place', karrada, 'suggested');
  await addMention(db, SUGGESTIONS_REF, 'Blue Lantern', 'codename', lantern, 'suggested');
  await addMention(db, SUGGESTIONS_REF, 'Karrada', 'place', karrada, 'suggested');
  await addMention(db, SUGGESTIONS_REF, 'Ramin Sadeghi', 'person', ramin, 'suggested');
}

/** Selects from offset `from` of one passage's text to offset `to` of another's, across however many elements hold them. */
async function selectAcross(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.evaluate(
    ([[startOrdinal, start], [endOrdinal, end]]: [[number, number], [number, number]]) => {
      const place = (ordinal: number, offset: number): [Node, number] => {
        const element = document.querySelector(`#p${ordinal} .text`)!;
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const size = node.textContent!.length;
          if (offset <= seen + size && size > 0) return [node, offset - seen];
          seen += size;
        }
        throw new Error(`Passage ${ordinal} has no offset ${offset}`);
      };
      const range = document.createRange();
      range.setStart(...place(startOrdinal, start));
      range.setEnd(...place(endOrdinal, end));
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    },
    [from, to] as [[number, number], [number, number]],
  );
}

/** Selects `length` characters from `from` in a passage's text. */
function selectInPassage(page: Page, ordinal: number, from: number, length: number): Promise<void> {
  return selectAcross(page, [ordinal, from], [ordinal, from + length]);
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

async function documentOf(ref: string): Promise<DocumentResponse> {
  return server.api<DocumentResponse>(`/api/documents/by-ref/${ref}`);
}

async function mentionsOf(id: number, headers: Record<string, string>, status = 'all'): Promise<DocumentMentionsResponse> {
  const response = await fetch(`${server.baseUrl}/api/documents/${id}/mentions?status=${status}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as DocumentMentionsResponse;
}

/** Waits until extraction (which a tag's spread starts in the background) has nothing left to do. */
async function extractionSettled(): Promise<void> {
  const editor = await apiSession(server, EDITOR);
  for (let i = 0; i < 400; i++) {
    const job = (await (await fetch(`${server.baseUrl}/api/extraction`, { headers: editor })).json()) as { state: string };
    if (job.state === 'idle') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('extraction never settled');
}

const announcement = (page: Page) => page.locator('article.reader > p[role="status"]');

// Read first, while the documents hold only the seeded mentions: tagging below spreads through the archive.
describe('reading mentions', () => {
  it('highlights each mention with its exact text, and the legend hides them all or by type', async () => {
    await extractionSettled();
    const { document: doc, passages } = await documentOf(CABLE);
    const second = passages.find((p) => p.ordinal === 2)!;
    const { page, errors, close } = await openPage(browser, server.baseUrl, `/documents/${CABLE}`);
    try {
      await readerReady(page);
      const highlights = page.locator('.passages .mention');
      await highlights.nth(1).waitFor();
      const { mentions } = await server.api<DocumentMentionsResponse>(`/api/documents/${doc.id}/mentions`);
      const shown = await highlights.evaluateAll((elements) =>
        elements.map((e) => [Number((e as HTMLElement).dataset['mentionId']), e.textContent]),
      );
      expect(shown).toEqual(mentions.map((m) => [m.id, doc.body.slice(m.start, m.end)]));
      expect(await page.locator('#p2 .text').textContent()).toBe(second.text);
      expect(await page.locator('a.mention', { hasText: 'Karrada' }).getAttribute('aria-label')).toBe('place: Karrada, suggested');

      await page.getByRole('checkbox', { name: /^Highlight entities/ }).uncheck();
      expect(await highlights.count()).toBe(0);
      expect(await page.locator('#p2 .text').textContent()).toBe(second.text);
      await page.getByRole('checkbox', { name: /^Highlight entities/ }).check();
      await highlights.nth(1).waitFor();
      await page.locator('.legend').getByRole('checkbox', { name: /Place/ }).uncheck();
      expect(await page.locator('.passages .mention[data-type="place"]').count()).toBe(0);
      const codenames = mentions.filter((m) => m.type === 'codename').length;
      expect(codenames).toBeGreaterThan(0);
      expect(await page.locator('.passages .mention[data-type="codename"]').count()).toBe(codenames);
      // The choice holds in this browser from one document (or visit) to the next.
      await page.reload();
      await readerReady(page);
      await page.locator('.passages .mention[data-type="codename"]').first().waitFor();
      expect(await page.locator('.legend').getByRole('checkbox', { name: /Place/ }).isChecked()).toBe(false);
      expect(await page.locator('.passages .mention[data-type="place"]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a viewer the highlights but no tagging, confirming or rejecting', async () => {
    await extractionSettled();
    const { passages } = await documentOf(CABLE);
    const second = passages.find((p) => p.ordinal === 2)!;
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      // With search hits and a deep link too: a hit inside a mention is marked inside its highlight.
      await signInAs(page, VIEWER, `/documents/${CABLE}?q=Karrada#p2`);
      await readerReady(page);
      await page.locator('.passages .mention').nth(1).waitFor();
      await page.locator('#p2.target a.mention[data-type="place"] mark#hit-0').waitFor();
      expect(await page.locator('#p2 .text').textContent()).toBe(second.text);
      await page.keyboard.press('n');
      await page.waitForFunction(() => document.activeElement?.id === 'hit-0');
      await page.keyboard.press('m');
      await page
        .locator('.mention-bar')
        .getByText(/^Mention 1 of/)
        .waitFor();
      expect(await page.locator('.mention-bar button', { hasText: /Confirm|Reject/ }).count()).toBe(0);
      await selectInPassage(page, 2, second.text.indexOf('Shopkeepers'), 'Shopkeepers'.length);
      await page.keyboard.press('t');
      await page.keyboard.press('c');
      expect(await page.locator('.tag-toolbar').count()).toBe(0);
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(await page.locator('.legend').textContent()).not.toContain('reject');
      expect(await page.locator('a.mention', { hasText: 'Karrada' }).getAttribute('data-status')).toBe('suggested');
    } finally {
      await close();
    }
  });

  it('has no serious accessibility violations with mentions shown and the tag dialog open', async () => {
    const { passages } = await documentOf(CABLE);
    const second = passages.find((p) => p.ordinal === 2)!;
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/documents/${CABLE}`);
      await readerReady(page);
      await page.locator('.passages .mention').nth(1).waitFor();
      await page.keyboard.press('m');
      await page
        .locator('.mention-bar')
        .getByText(/^Mention 1 of/)
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await selectInPassage(page, 2, second.text.indexOf('Shopkeepers'), 'Shopkeepers'.length);
      await page.locator('.tag-toolbar').getByRole('button', { name: 'Tag as entity' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Create and tag' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      expect(await page.getByRole('dialog').count()).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('tagging in the reader', () => {
  it('tags a selected name as a new person, spreads it to the other occurrences, and merges a second spelling in', async () => {
    const { passages } = await documentOf(CABLE);
    const passage = passages.find((p) => p.text.includes(NAME))!;
    const at = passage.text.indexOf(NAME);
    const editor = await apiSession(server, EDITOR);
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/documents/${CABLE}`);
      await readerReady(page);
      // A sloppy drag, from inside the first word to the space after the name, snaps to the name.
      await selectInPassage(page, passage.ordinal, at + 1, NAME.length);
      await page.locator('.tag-toolbar .chosen').filter({ hasText: NAME }).waitFor();
      await page.keyboard.press('t');
      const dialog = page.getByRole('dialog', { name: `Tag “${NAME}” as an entity` });
      await dialog.getByText('No entity has that name or alias yet.').waitFor();
      expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe(NAME);
      await dialog.getByLabel('Type').selectOption('person');
      await dialog.getByRole('button', { name: 'Create and tag' }).click();

      const spread = page.getByRole('dialog', { name: 'Tag the other occurrences?' });
      await spread.locator('.occurrences li').first().waitFor();
      // Extraction runs in the background meanwhile and may suggest other people in the same paragraph.
      const tagged = page.locator(`#p${passage.ordinal} a.mention[data-type="person"]`).filter({ hasText: /^Hadi al-Amiri$/ });
      await tagged.waitFor();
      const entityId = Number((await tagged.getAttribute('href'))!.split('/').pop());
      const preview = await (
        await fetch(`${server.baseUrl}/api/entities/${entityId}/spread?text=${encodeURIComponent(NAME)}`, { headers: editor })
      ).json();
      const expected = preview as SpreadResponse;
      expect(expected.total).toBe(3);
      expect(await spread.locator('.occurrences .ref').allTextContents()).toEqual(expected.occurrences.map((o) => o.documentRef));
      expect(await spread.locator('.occurrences mark').allTextContents()).toEqual([NAME, NAME, NAME]);
      expect(await seriousViolations(page)).toEqual([]);
      await spread.getByRole('button', { name: 'Tag 3 occurrences' }).click();
      await spread.waitFor({ state: 'hidden' });
      // Focus continues from the new highlight rather than from the toolbar button that went away.
      await page.waitForFunction(
        (name) => document.activeElement?.matches('a.mention') && document.activeElement.textContent === name,
        NAME,
      );
      await announcement(page)
        .filter({ hasText: `Tagged 3 more occurrences of “${NAME}”` })
        .waitFor();
      expect(await tagged.textContent()).toBe(NAME);
      expect(await tagged.getAttribute('aria-label')).toBe(`person: ${NAME}, confirmed`);
      expect(await tagged.getAttribute('data-status')).toBe('confirmed');

      // Each synthetic cable now shows the tag, at the exact offsets of the spelling.
      const one = await documentOf('TRV-TEST-ENT-0001');
      const mentions = (await mentionsOf(one.document.id, editor)).mentions.filter((m) => m.entity?.id === entityId);
      expect(mentions.map((m) => [m.status, one.document.body.slice(m.start, m.end)])).toEqual([
        ['confirmed', NAME],
        ['confirmed', NAME],
      ]);

      // The tag also spreads through the gazetteer, in the background: other spellings become suggestions.
      await extractionSettled();
      const mentionCount = async (id: number) =>
        (await server.api<{ entity: { mentionCount: number } }>(`/api/entities/${id}`)).entity.mentionCount;
      const afterSpread = await mentionCount(entityId);
      expect(afterSpread).toBeGreaterThanOrEqual(4);
      await tagged.click();
      await page.waitForURL((url) => url.pathname === `/entities/${entityId}`);
      await entityPageShows(page, NAME, afterSpread);

      // A second spelling, tagged as its own person in the second cable, merged into the first.
      const two = await documentOf('TRV-TEST-ENT-0002');
      const start = two.document.body.indexOf(OTHER_SPELLING);
      const created = await fetch(`${server.baseUrl}/api/documents/${two.document.id}/mentions`, {
        method: 'POST',
        headers: { ...editor, 'content-type': 'application/json' },
        body: JSON.stringify({ start, end: start + OTHER_SPELLING.length, entity: { type: 'person', name: OTHER_SPELLING } }),
      });
      expect(created.status).toBe(201);
      const otherId = ((await created.json()) as { mention: { entity: { id: number } } }).mention.entity.id;
      await extractionSettled();
      expect(await mentionCount(otherId)).toBeGreaterThanOrEqual(1);
      await mergeInto(page, OTHER_SPELLING, NAME);
      // The merge gives the entity a new spelling, which extraction then spreads in the background:
      // the count is read once that has settled, and the page shows the same after a reload.
      await extractionSettled();
      const merged = await server.api<{ entity: { mentionCount: number; aliases: string[] } }>(`/api/entities/${entityId}`);
      // Only the four confirmed tags are a floor: extraction runs again with the merged spellings and replaces its
      // own suggestions, so the count can end below afterSpread (seen: 5, then 4 after the merge).
      expect(merged.entity.mentionCount).toBeGreaterThanOrEqual(4);
      expect(merged.entity.aliases).toContain(OTHER_SPELLING);
      const moved = await server.api<{ mentions: Array<{ text: string }> }>(`/api/entities/${entityId}/mentions?pageSize=100`);
      expect(moved.mentions.map((m) => m.text)).toContain(OTHER_SPELLING);
      await page.reload();
      await entityPageShows(page, NAME, merged.entity.mentionCount);
      expect(await page.locator('main').textContent()).toContain(OTHER_SPELLING);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('tags a selection as an existing entity found by a spelling in another script', async () => {
    const { document: doc, passages } = await documentOf(CABLE);
    const second = doc.body.indexOf('Blue Lantern', doc.body.indexOf('Blue Lantern') + 1);
    const passage = passages.find((p) => p.start <= second && second < p.end)!;
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/documents/${CABLE}`);
      await readerReady(page);
      await page.locator('.passages .mention').first().waitFor();
      await selectInPassage(page, passage.ordinal, second - passage.start, 'Blue Lantern'.length);
      await page.locator('.tag-toolbar').getByRole('button', { name: 'Tag as entity' }).click();
      const dialog = page.getByRole('dialog', { name: 'Tag “Blue Lantern” as an entity' });
      const search = dialog.getByLabel('Find an existing entity');
      await search.fill('فانوس');
      const option = dialog.getByRole('button', { name: /^Blue Lantern/ });
      await option.waitFor();
      expect(await option.textContent()).toContain(PERSIAN_SPELLING);
      await search.press('ArrowDown');
      expect(await option.evaluate((element) => element === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');

      await page.getByRole('dialog', { name: 'Tag the other occurrences?' }).getByRole('button', { name: 'Not now' }).click();
      const tagged = page.locator(`#p${passage.ordinal} a.mention[data-type="codename"]`).filter({ hasText: 'Blue Lantern' });
      await tagged.first().waitFor();
      const lantern = (await server.api<SearchResponse>('/api/search?q=Blue%20Lantern')).facets.entity.find(
        (f) => f.value === 'Blue Lantern',
      )!;
      expect(await tagged.first().getAttribute('href')).toBe(`/entities/${lantern.entityId}`);
      expect(await tagged.first().getAttribute('data-status')).toBe('confirmed');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('confirms and rejects suggestions with a key or one click, moving on to the next one and announcing each', async () => {
    const { document: doc } = await documentOf(SUGGESTIONS_REF);
    const { page, errors, close } = await openPage(browser, server.baseUrl, '/');
    const active = () => page.evaluate(() => ({ text: document.activeElement?.textContent, id: document.activeElement?.id }));
    try {
      await signInAs(page, EDITOR, `/documents/${SUGGESTIONS_REF}`);
      await readerReady(page);
      await page.locator('.passages .mention').nth(2).waitFor();

      await page.keyboard.press('m');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Blue Lantern');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/: Blue Lantern, suggested$/);
      await page.locator('.mention-bar').getByText('Mention 1 of 3:').waitFor();
      // A key confirms, and focus follows to the next suggestion.
      await page.keyboard.press('c');
      await announcement(page)
        .filter({ hasText: /^Confirmed .*Blue Lantern\.$/ })
        .waitFor();
      await page.waitForFunction(() => document.activeElement?.textContent === 'Karrada');
      expect(await page.locator('a.mention', { hasText: 'Blue Lantern' }).getAttribute('data-status')).toBe('confirmed');

      // One click rejects; focus stays on the button, now for the next suggestion.
      const reject = page.locator('.mention-bar').getByRole('button', { name: 'Reject' });
      await reject.click();
      await announcement(page)
        .filter({ hasText: /^Rejected .*Karrada\.$/ })
        .waitFor();
      expect(await page.locator('.passages .mention', { hasText: 'Karrada' }).count()).toBe(0);
      await page.locator('.mention-bar').getByText('Ramin Sadeghi').waitFor();
      expect(await reject.evaluate((element) => element === document.activeElement)).toBe(true);

      await page.keyboard.press('x');
      await announcement(page)
        .filter({ hasText: /^Rejected .*Ramin Sadeghi\. No suggestions left\.$/ })
        .waitFor();
      // The rejected highlight is gone; focus goes to its passage rather than falling to the page.
      await page.waitForFunction(() => document.activeElement?.id === 'p2');
      expect((await active()).text).toContain('Ramin Sadeghi');

      const stored = await mentionsOf(doc.id, await apiSession(server, EDITOR));
      expect(stored.mentions.map((m) => [m.text, m.status, m.decidedBy])).toEqual([
        ['Blue Lantern', 'confirmed', EDITOR],
        ['Karrada', 'rejected', EDITOR],
        ['Ramin Sadeghi', 'rejected', EDITOR],
      ]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('refuses a selection across paragraphs with a message', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, '/');
    try {
      await signInAs(page, EDITOR, `/documents/${SUGGESTIONS_REF}`);
      await readerReady(page);
      await selectAcross(page, [1, 3], [2, 4]);
      await page.locator('.tag-toolbar .problem').filter({ hasText: 'inside one paragraph' }).waitFor();
      await page.keyboard.press('t');
      expect(await page.getByRole('dialog').count()).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('entities on the search page', () => {
  it('offers an entity facet that filters by entity:"Name", shows it as a chip, and offers the other spellings', async () => {
    const q = 'Blue Lantern';
    const answer = await server.api<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}`);
    expect(answer.facets.entity.map((f) => f.value)).toContain('Blue Lantern');
    expect(answer.alsoSearch).not.toBeNull();
    const filtered = `${q} entity:"Blue Lantern"`;
    const narrowed = await server.api<SearchResponse>(`/api/search?q=${encodeURIComponent(filtered)}`);

    const { page, errors, close } = await openPage(browser, server.baseUrl, `/search?q=${encodeURIComponent(q)}`);
    try {
      await searchSettled(page);
      const offer = page.locator('.also-search a');
      expect(await offer.textContent()).toBe(`Also search ${PERSIAN_SPELLING}?`);
      const facet = page.locator('[data-facet="entity"] button[data-value="Blue Lantern"]');
      expect(await facet.getAttribute('aria-pressed')).toBe('false');
      await facet.click();
      await page.waitForURL((url) => url.searchParams.get('q') === filtered);
      await searchSettled(page);
      const chip = page.locator('[data-filter="entity:Blue Lantern"]');
      expect(await chip.getAttribute('aria-label')).toBe('Remove filter Entity: Blue Lantern');
      expect(await facet.getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator('li.result').count()).toBe(narrowed.results.length);
      await chip.click();
      await page.waitForURL((url) => url.searchParams.get('q') === q);
      await searchSettled(page);

      await offer.click();
      await page.waitForURL((url) => url.searchParams.get('q') === answer.alsoSearch!.query);
      await searchSettled(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** The entity page (built alongside) names the entity and counts its mentions. */
async function entityPageShows(page: Page, name: string, mentions: number): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page
    .locator('main')
    .getByText(new RegExp(`\\b${mentions} mentions\\b`))
    .first()
    .waitFor();
}

/** Merges the entity named `fromName` into the one whose page is open, with the entity page's merge control. */
async function mergeInto(page: Page, fromName: string, intoName: string): Promise<void> {
  await page.getByText('Merge another entity into this one').click();
  const picker = page.getByRole('combobox', { name: 'Entity to merge into this one' });
  await picker.fill(fromName);
  await page.getByRole('option').filter({ hasText: fromName }).first().click();
  // The merge has happened once its request is answered; a check made before then races it.
  const merged = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/entities\/\d+\/merge$/.test(r.url()));
  await page.getByRole('button', { name: `Merge “${fromName}” into “${intoName}”` }).click();
  expect((await merged).status()).toBe(200);
}
