import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn } from '../../../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { createServices } from '../../services.ts';
import type { Quotation, ReportResponse } from './quotes.schemas.ts';

// Two synthetic press articles (fixtures/press-articles/) over the sample archive, read through the API.
const FOLDER = resolve(import.meta.dirname, '../../../fixtures/press-articles');

let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp(
    async (db) => {
      const paths = ['kirkuk-found-empty.md', 'the-sheikh-and-the-tents.md'].map((name) => join(FOLDER, name));
      await createServices(db).import.importPaths(paths, { collection: 'press', maxFileBytes: 1e8, baseDir: FOLDER });
    },
    { sampleArchive: true },
  );
  await addAccount(t.db, 'Ana', 'editor');
  headers = await signIn(t.app, 'Ana');
}, 120_000);
afterAll(async () => t.close());

async function report(ref: string): Promise<ReportResponse> {
  const response = await t.app.inject({ url: `/api/reports/by-ref/${ref}`, headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function cable(ref: string) {
  return (await t.app.inject({ url: `/api/documents/by-ref/${ref}`, headers })).json() as {
    document: { id: number; body: string };
    passages: Array<{ id: number; start: number; end: number }>;
  };
}

const byText = (r: ReportResponse, start: string): Quotation => r.quotations.find((q) => q.text.startsWith(start))!;

describe('quotations in messy press copy, through the API', () => {
  it('finds quotations between mixed marks and after no-break spaces, with exact offsets', async () => {
    const r = await report('PRESS-kirkuk-found-empty');
    for (const q of r.quotations) expect(r.report.body.slice(q.start, q.end)).toBe(q.text);
    expect(byText(r, 'We did not take Kirkuk').status).toBe('linked');
    expect(byText(r, 'silence these questions').status).toBe('linked');
    expect(byText(r, 'never met a foreign intelligence officer').status).toBe('unmatched');
  });

  it('gives a quotation across two cable paragraphs one link with a fragment in each passage', async () => {
    const q = byText(await report('PRESS-kirkuk-found-empty'), 'He also asked for medical treatment');
    const { document, passages } = await cable('TRV-SUL-2014-0188');
    const [link] = q.links;
    expect(link!.passage!.id).toBe(passages[6]!.id);
    expect(link!.fragments.map((f) => passages.findIndex((p) => f.start >= p.start && f.end <= p.end))).toEqual([6, 7]);
    expect(document.body.slice(link!.fragments[1]!.start, link!.fragments[1]!.end)).toMatch(/^The case officer gave Falconer/);
    expect(link!.differences).toEqual([]);
  });

  it('shows round-bracket edits: the same word as punctuation, another ending as the report’s insertion', async () => {
    const r = await report('PRESS-the-sheikh-and-the-tents');
    const asked = byText(r, 'ask(ed) whether');
    expect(asked.links[0]!.differences.map((d) => [d.kind, d.reportText, d.sourceText])).toContainEqual([
      'case_or_punctuation',
      'ask(ed)',
      'asked',
    ]);
    const refused = byText(r, 'refus(ing) a gift');
    expect(refused.links[0]!.document.ref).toBe('TRV-BSR-2015-0188');
    expect(refused.links[0]!.differences.map((d) => [d.kind, d.reportText, d.sourceText])).toContainEqual([
      'inserted',
      'refus(ing)',
      'refused',
    ]);
  });

  it('measures source text a person selects across a paragraph lead like the machine would', async () => {
    const q = byText(await report('PRESS-kirkuk-found-empty'), 'He also asked for medical treatment');
    const { document, passages } = await cable('TRV-SUL-2014-0188');
    const from = document.body.indexOf('He also asked for medical treatment');
    const to = document.body.indexOf('a carpet for his home.') + 'a carpet for his home.'.length;
    const leadEnd = passages[7]!.start + '8. (C) '.length;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/quotations/${q.id}/links`,
      headers,
      payload: {
        documentId: document.id,
        fragments: [
          { start: from, end: passages[6]!.end },
          { start: leadEnd, end: to },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    const manual = (response.json() as Quotation).links.find((l) => l.status === 'manual');
    expect(manual).toBeDefined();
    expect(manual!.differences).toEqual([]);
    expect(manual!.score).toBe(1);
  });
});
