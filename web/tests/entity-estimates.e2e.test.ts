// An entity in many passages: its page says that the co-mention counts are estimates from a sample,
// in the words of the list itself ("about …"), and an entity in few passages shows exact counts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TroveDatabase } from '../../db/client.ts';
import { EntitySeeder } from '../../fixtures/entity-fixture.ts';
import { addDocuments } from '../../fixtures/factories.ts';
import { closeBrowser, launchBrowser, openPage } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

/** Passages of the bulk document, each with both entities: past the sampling threshold (500 mentions). */
const BULK = 800;
const ids = { sparrow: 0, crowd: 0, lone: 0, other: 0 };

async function seed(db: TroveDatabase): Promise<void> {
  // Synthetic documents written for this test.
  await addDocuments(
    db,
    [
      { ref: 'TRV-TEST-EST-0001', dateText: '2013-06-01', body: 'Synthetic test text. Sparrow '.repeat(BULK) },
      { ref: 'TRV-TEST-EST-0002', dateText: '2013-07-01', body: 'Synthetic test text. Lonely Heron met Other Heron.' },
    ],
    'estimates',
    'public',
  );
  for (const table of ['mention', 'entity_merge', 'entity_alias', 'entity'] as const) await db.writer.deleteFrom(table).execute();
  const s = new EntitySeeder(db);
  ids.sparrow = s.entity('codename', 'Sparrow');
  ids.crowd = s.entity('person', 'Crowd of Sparrows');
  ids.lone = s.entity('person', 'Lonely Heron');
  ids.other = s.entity('person', 'Other Heron');
  s.mention('TRV-TEST-EST-0002', 'Lonely Heron', ids.lone);
  s.mention('TRV-TEST-EST-0002', 'Other Heron', ids.other);
  const document = s.documentId('TRV-TEST-EST-0001');
  const add = db.writerConnection.prepare(
    `insert into mention (document_id, passage_id, start, "end", text, type, entity_id, source) values (?, ?, ?, ?, ?, ?, ?, 'model')`,
  );
  const step = 'Synthetic test text. Sparrow '.length;
  db.writerConnection.transaction(() => {
    for (let i = 0; i < BULK; i++) {
      // A numbered passage per occurrence, so that the two entities share BULK passages.
      const at = i * step + 'Synthetic test text. '.length;
      add.run(document, 1_000_000 + i, at, at + 7, 'Sparrow', 'codename', ids.sparrow);
      add.run(document, 1_000_000 + i, at + 1, at + 7, 'parrow', 'person', ids.crowd);
    }
  })();
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

describe('estimated co-mentions', () => {
  it('are labelled as estimates on a busy entity’s page, and exact counts are not', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, `/entities/${ids.sparrow}`);
    try {
      const co = page.locator('ul[data-list="co-mentioned"]');
      await co.waitFor();
      await expect(page.locator('[data-note="co-mentions-sampled"]').textContent()).resolves.toMatch(/sample.*estimates/);
      const meta = (await co.locator('li .meta').first().textContent())?.replace(/\s+/g, ' ').trim();
      expect(meta).toMatch(/^Person · about \d+ passages$/);
      await page.goto(`/entities/${ids.lone}`);
      await page.locator(`ul[data-list="co-mentioned"] a[href$="/entities/${ids.other}"]`).waitFor();
      expect(await page.locator('[data-note="co-mentions-sampled"]').count()).toBe(0);
      const exact = (await page.locator('ul[data-list="co-mentioned"] li .meta').first().textContent())?.replace(/\s+/g, ' ').trim();
      expect(exact).toBe('Person · 1 passage');
    } finally {
      await close();
    }
  });
});
