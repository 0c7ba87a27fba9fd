import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, grant, signIn } from '../../../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import type { Visibility } from '../../../db/schema.ts';
import { createServices } from '../../services.ts';
import type { SearchResponse } from './search.schemas.ts';

// Synthetic cables written for this test: Persian originals and their English translations. The
// vault original is restricted; its translation is public.
const persian = (ref: string, word: string) =>
  `---\nref: ${ref}\nlanguage: fa\n---\n۱. (س) منبع در بازار نجف با افسر دیدار کرد.\n\n۲. (س) او گفت که ${word} دیر رسیده است.\n\n۳. (س) پایان گزارش.\n`;
const english = (ref: string, word: string, original: string) =>
  `---\nref: ${ref}\nlanguage: en\ntranslation_of: ${original}\n---\n1. (S) The source met the officer in the Najaf bazaar.\n\n2. (S) He said that the ${word} had arrived late.\n\n3. (S) End of report.\n`;

let t: TestApp;
let dir: string;

async function importInto(collection: string, visibility: Visibility, files: Record<string, string>) {
  const folder = mkdtempSync(join(dir, 'batch-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  const summary = await createServices(t.db).import.importPaths([folder], {
    collection,
    visibility,
    maxFileBytes: 1 << 20,
    baseDir: folder,
  });
  expect(summary.failed).toEqual([]);
}

async function search(q: string, headers: Record<string, string> = {}): Promise<SearchResponse> {
  const response = await t.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}`, headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const resultFor = (body: SearchResponse, ref: string) => body.results.find((r) => r.document.ref === ref)!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trove-search-sides-'));
  t = await createTestApp(async (db) => addAccount(db, 'member', 'viewer'));
  await importInto('open', 'public', { 'o.md': persian('OPEN-1-FA', 'پرداخت‌ها'), 't.md': english('OPEN-1', 'payments', 'OPEN-1-FA') });
  await importInto('vault', 'restricted', { 'v.md': persian('VAULT-1-FA', 'رسیدها') });
  await importInto('open', 'public', { 'w.md': english('VAULT-1', 'receipts', 'VAULT-1-FA') });
  await importInto('open', 'public', { 'l.md': '---\nref: LONE-1\nlanguage: en\n---\nThe lonely courier crossed at dawn.\n' });
  await grant(t.db, 'vault', 'member', 'viewer');
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search on both sides of a translation', () => {
  it('says a hit is in a translation and shows the original paragraph beside it', async () => {
    const result = resultFor(await search('payments'), 'OPEN-1');
    expect(result.side).toBe('translation');
    const [hit] = result.passages;
    expect(hit!.ordinal).toBe(2);
    expect(hit!.counterparts).toEqual([
      {
        document: expect.objectContaining({ ref: 'OPEN-1-FA', language: 'fa' }),
        role: 'original',
        passageIds: [expect.any(Number)],
        ordinal: 2,
        start: expect.any(Number),
        end: expect.any(Number),
        excerpt: '۲. (س) او گفت که پرداخت‌ها دیر رسیده است.',
      },
    ]);
  });

  it('says a hit is in an original and offers the translated paragraph', async () => {
    const result = resultFor(await search('پرداخت‌ها'), 'OPEN-1-FA');
    expect(result.side).toBe('original');
    expect(result.passages[0]!.counterparts).toMatchObject([
      {
        document: { ref: 'OPEN-1', language: 'en' },
        role: 'translation',
        ordinal: 2,
        excerpt: '2. (S) He said that the payments had arrived late.',
      },
    ]);
  });

  it('gives counterpart offsets into the other body', async () => {
    const [counterpart] = resultFor(await search('payments'), 'OPEN-1').passages[0]!.counterparts!;
    const detail = (await t.app.inject({ url: `/api/documents/${counterpart!.document.id}` })).json().document;
    expect(detail.body.slice(counterpart!.start, counterpart!.end)).toBe(counterpart!.excerpt);
  });

  it('shows no original the reader may not read, and does not say there is one', async () => {
    const anonymous = resultFor(await search('receipts'), 'VAULT-1');
    expect(anonymous.side).toBeNull();
    expect(anonymous.passages[0]!.counterparts).toEqual([]);
    expect(JSON.stringify(anonymous)).not.toContain('VAULT-1-FA');

    const member = resultFor(await search('receipts', await signIn(t.app, 'member')), 'VAULT-1');
    expect(member.side).toBe('translation');
    expect(member.passages[0]!.counterparts![0]).toMatchObject({
      document: { ref: 'VAULT-1-FA' },
      excerpt: expect.stringContaining('رسیدها'),
    });
  });

  it('leaves documents without an original or a translation as they were', async () => {
    const result = resultFor(await search('courier'), 'LONE-1');
    expect(result.side).toBeNull();
    expect(result.passages[0]!.counterparts).toEqual([]);
  });
});
