import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setVisibility } from '../../../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import type { QuoteLink, ReportResponse } from './quotes.schemas.ts';

// The sample archive's reports quote English translations of Persian cables (fixtures/sample-archive/QUOTES.md rows 14 and 33).
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp(undefined, { sampleArchive: true });
});
afterAll(async () => t.close());

async function linksInto(reportRef: string, documentRef: string): Promise<QuoteLink[]> {
  const report = (await t.app.inject({ url: `/api/reports/by-ref/${reportRef}` })).json() as ReportResponse;
  return report.quotations.flatMap((q) => q.links).filter((l) => l.document.ref === documentRef);
}

async function reportRefs(): Promise<string[]> {
  const list = (await t.app.inject({ url: '/api/documents?kind=report' })).json() as { documents: Array<{ ref: string }> };
  return list.documents.map((d) => d.ref);
}

describe('quotations of a translation', () => {
  it('lead to the paragraph of the Persian original that the quoted passage translates', async () => {
    const all = (await Promise.all((await reportRefs()).map((ref) => linksInto(ref, 'TRV-NJF-2014-0233')))).flat();
    expect(all.length).toBeGreaterThan(0);
    const [link] = all;
    expect(link!.original).toMatchObject({ document: { ref: 'TRV-NJF-2014-0233-FA', language: 'fa' } });
    const persian = (await t.app.inject({ url: '/api/documents/by-ref/TRV-NJF-2014-0233-FA' })).json().document;
    expect(persian.body.slice(link!.original!.start, link!.original!.end)).toBe(link!.original!.text);
    expect(link!.original!.text).toContain('داوطلب برای وطن رفت، ولی برای حزب برگشت.');
  });

  it('leave the original out for a reader who may not read it', async () => {
    await setVisibility(t.db, 'sample', 'public');
    const refs = await reportRefs();
    // The translations stay public; their originals move to a restricted collection.
    t.db.writerConnection.prepare(`insert into collection (name, visibility) values ('originals', 'restricted')`).run();
    t.db.writerConnection
      .prepare(`update document set collection_id = (select id from collection where name = 'originals') where ref like '%-FA'`)
      .run();
    const all = (await Promise.all(refs.map((ref) => linksInto(ref, 'TRV-NJF-2014-0233')))).flat();
    expect(all.length).toBeGreaterThan(0);
    for (const link of all) expect(link.original).toBeNull();
  });
});

describe('npx trove quotes --json', () => {
  it('adds the original to each link into a translation', () => {
    // The CLI reads the same database the app serves.
    const out = execFileSync(
      process.execPath,
      [resolve(import.meta.dirname, '../../../bin/trove.js'), '--db', t.db.path, 'quotes', 'TRV-REPORT-LEDGER', '--json'],
      {
        encoding: 'utf8',
      },
    );
    const links = (
      JSON.parse(out) as Array<{ links: Array<{ document_ref: string; original?: { document_ref: string; start: number; end: number } }> }>
    ).flatMap((q) => q.links);
    const intoTranslation = links.filter((l) => l.document_ref === 'TRV-SUL-2015-0044');
    expect(intoTranslation.length).toBeGreaterThan(0);
    for (const link of intoTranslation) expect(link.original).toMatchObject({ document_ref: 'TRV-SUL-2015-0044-FA' });
    expect(
      links.filter((l) => !l.document_ref.endsWith('-0044') && !l.document_ref.endsWith('-0233')).every((l) => l.original === undefined),
    ).toBe(true);
  });
});
