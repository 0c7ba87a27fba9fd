import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ARCHIVE_DIR } from '../../../fixtures/test-db.ts';
import { addAccount, signIn } from '../../../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { skeleton } from '../../pipeline/quotes/skeleton.ts';
import { createServices } from '../../services.ts';
import type { Quotation, ReportResponse } from './quotes.schemas.ts';

interface Row {
  n: number;
  reportRef: string;
  printed: string;
  sourceRef: string;
  sourceText: string;
}

/** QUOTES.md, the ground truth of the sample archive: one table row per quotation. */
function groundTruth(): Row[] {
  const text = readFileSync(join(SAMPLE_ARCHIVE_DIR, 'QUOTES.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '').trim());
      return { n: Number(cells[0]), reportRef: cells[1]!, printed: cells[2]!, sourceRef: cells[3]!, sourceText: cells[4]! };
    });
}

/** The quotation without its marks, as Trove stores it. */
const unquote = (printed: string) => printed.replace(/^> /, '').replace(/^["“«]|["”»]$/g, '');
const words = (text: string) => skeleton(text).text.trim();

let t: TestApp;
const rows = groundTruth();
const reports = new Map<string, ReportResponse>();
const bodies = new Map<number, string>();

async function report(ref: string): Promise<ReportResponse> {
  const response = await t.app.inject({ url: `/api/reports/by-ref/${encodeURIComponent(ref)}` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function body(documentId: number): Promise<string> {
  if (!bodies.has(documentId)) bodies.set(documentId, (await t.app.inject({ url: `/api/documents/${documentId}` })).json().document.body);
  return bodies.get(documentId)!;
}

function quotationFor(row: Row): Quotation {
  const quotation = reports.get(row.reportRef)!.quotations.find((q) => q.text === unquote(row.printed));
  expect(quotation, `row ${row.n}: ${row.printed}`).toBeDefined();
  return quotation!;
}

beforeAll(async () => {
  t = await createTestApp(undefined, { sampleArchive: true });
  for (const ref of ['report-shadow-network', 'TRV-REPORT-LEDGER']) reports.set(ref, await report(ref));
});
afterAll(async () => t.close());

describe('quote linking on the sample archive (QUOTES.md)', () => {
  it('finds all 42 quotations, in order, with offsets into the report body', () => {
    expect(rows).toHaveLength(42);
    for (const [ref, response] of reports) {
      const expected = rows.filter((r) => r.reportRef === ref).map((r) => unquote(r.printed));
      expect(response.quotations.map((q) => q.text)).toEqual(expected);
      expect(response.quotations.map((q) => q.ordinal)).toEqual(expected.map((_, i) => i + 1));
      for (const q of response.quotations) expect(response.report.body.slice(q.start, q.end)).toBe(q.text);
    }
  });

  it.each(rows.filter((r) => r.sourceRef.startsWith('TRV-')).map((r) => [r.n, r] as const))(
    'row %i is linked to its source with the right text',
    async (n, row) => {
      const quotation = quotationFor(row);
      if (n === 15) {
        // "friends": a scare quote found in many cables, never linked.
        expect(quotation.status).toBe('too_short');
        expect(quotation.links).toEqual([]);
        return;
      }
      expect(quotation.status).toBe('linked');
      const [best] = quotation.links;
      expect(best!.document.ref).toBe(row.sourceRef);
      expect(best!.status).toBe('suggested');
      const source = await body(best!.document.id);
      const linked = best!.fragments.map((f) => source.slice(f.start, f.end)).join(' ');
      expect(words(linked)).toBe(words(row.sourceText.replaceAll('⟨…⟩', ' ')));
      expect(best!.passage!.start).toBeLessThanOrEqual(best!.fragments[0]!.start);
      expect(best!.passage!.end).toBeGreaterThan(best!.fragments[0]!.start);
    },
  );

  it('leaves the invented quotations and the unknown scare quote without a link', () => {
    for (const row of rows.filter((r) => r.sourceRef === 'not in archive')) {
      const quotation = quotationFor(row);
      expect(quotation.links, `row ${row.n}`).toEqual([]);
      expect(quotation.status).toBe(row.n === 24 ? 'too_short' : 'unmatched');
    }
  });

  it('classifies the edits: elided text, insertions, [sic], case and punctuation', () => {
    const kinds = (n: number) => quotationFor(rows[n - 1]!).links[0]!.differences.map((d) => d.kind);
    const elided = quotationFor(rows[18]!).links[0]!.differences.find((d) => d.kind === 'elided')!;
    expect(elided.sourceText.length).toBeGreaterThan(300);
    expect(kinds(21)).toEqual(['elided']);
    expect(quotationFor(rows[20]!).links[0]!.differences[0]!.sourceText).toBe(', whether accurate or exaggerated, ');
    expect(kinds(6)).toEqual(['inserted', 'case_or_punctuation', 'case_or_punctuation']);
    expect(kinds(35)).toEqual(['inserted']);
    expect(kinds(2)).toEqual(['case_or_punctuation']);
    expect(kinds(1)).toEqual([]);
  });

  it('counts quotations by status', () => {
    expect(reports.get('report-shadow-network')!.counts).toEqual({ quotations: 26, linked: 22, unmatched: 2, tooShort: 2 });
    expect(reports.get('TRV-REPORT-LEDGER')!.counts).toEqual({ quotations: 16, linked: 15, unmatched: 1, tooShort: 0 });
  });
});

describe('GET quoted-in', () => {
  it('lists the reports quoting a document, with offsets into its body', async () => {
    const cable = (await t.app.inject({ url: '/api/documents/by-ref/TRV-BGD-2014-0451' })).json();
    const response = await t.app.inject({ url: `/api/documents/${cable.document.id}/quoted-in` });
    expect(response.statusCode).toBe(200);
    const { quotedIn } = response.json();
    expect(quotedIn.map((q: { quotation: { ordinal: number } }) => q.quotation.ordinal)).toEqual([7, 8]);
    expect(quotedIn[0].report.ref).toBe('report-shadow-network');
    const [fragment] = quotedIn[1].link.fragments;
    expect(cable.document.body.slice(fragment.start, fragment.end)).toMatch(/^The station judges that money/);
    const passage = await t.app.inject({ url: `/api/passages/${quotedIn[1].link.passageId}/quoted-in` });
    expect(passage.json().quotedIn.map((q: { quotation: { ordinal: number } }) => q.quotation.ordinal)).toEqual([8]);
  });

  it.each([
    ['/api/documents/999999/quoted-in', 404, 'document.not_found'],
    ['/api/passages/1/quoted-in', 404, 'passage.not_found'],
    ['/api/reports/999999', 404, 'report.not_found'],
    ['/api/reports/by-ref/TRV-BGD-2014-0451', 404, 'report.not_found'],
    ['/api/reports/abc', 400, 'request.invalid'],
  ])('%s answers %i', async (url, status, code) => {
    const response = await t.app.inject({ url });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('names the reference it was asked for when the document is not a report', async () => {
    const response = await t.app.inject({ url: '/api/reports/by-ref/TRV-BGD-2014-0451' });
    expect(response.json().error.message).toBe(
      'The document with the reference "TRV-BGD-2014-0451" is a cable, not a report: open it in the document reader.',
    );
  });
});

describe('review by people', () => {
  const sessions = new Map<string, Record<string, string>>();
  beforeAll(async () => {
    for (const name of ['Ana', 'Ben', 'Cy', 'Dee']) {
      await addAccount(t.db, name, 'editor');
      sessions.set(name, await signIn(t.app, name));
    }
  });
  /** Sends a review as the signed-in editor `as`: the API records the account, not anything in the body. */
  const send = async (method: 'PATCH' | 'POST', url: string, payload: object, as = 'Ana') => {
    const response = await t.app.inject({ method, url, payload, headers: sessions.get(as) });
    return { status: response.statusCode, body: response.json() };
  };
  const byText = async (start: string) => (await report('report-shadow-network')).quotations.find((q) => q.text.startsWith(start))!;

  it('confirms and rejects machine links, recording who did it', async () => {
    const q = await byText('The station judges');
    const confirmed = await send('PATCH', `/api/quote-links/${q.links[0]!.id}`, { status: 'confirmed' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.links[0]).toMatchObject({ status: 'confirmed', decidedBy: 'Ana', decidedAt: expect.any(String) });
    const r = await byText('We did not take Kirkuk');
    const rejected = await send('PATCH', `/api/quote-links/${r.links[0]!.id}`, { status: 'rejected' }, 'Ben');
    expect(rejected.body).toMatchObject({ status: 'unmatched', links: [{ status: 'rejected', decidedBy: 'Ben' }] });
  });

  it('attaches a quotation by hand to selected source text, and detaches it', async () => {
    const q = await byText('The Americans have left');
    const cable = (await t.app.inject({ url: '/api/documents/by-ref/TRV-BSR-2014-0301' })).json();
    const start = cable.passages[1].start;
    const attached = await send('POST', `/api/quotations/${q.id}/links`, {
      documentId: cable.document.id,
      fragments: [{ start, end: start + 40 }],
    });
    expect(attached.status).toBe(201);
    expect(attached.body.status).toBe('linked');
    const link = attached.body.links[0];
    expect(link).toMatchObject({ status: 'manual', decidedBy: 'Ana', passage: { id: cable.passages[1].id } });
    expect(link.score).toBeLessThan(0.5);
    const detached = await send('POST', `/api/quote-links/${link.id}/detach`, {});
    expect(detached.body).toMatchObject({ status: 'unmatched', links: [] });
  });

  it('rejects a machine link on detach, so that it is not suggested again', async () => {
    const q = await byText('a serious man');
    const detached = await send('POST', `/api/quote-links/${q.links[0]!.id}/detach`, {}, 'Cy');
    expect(detached.body.links).toMatchObject([{ status: 'rejected', decidedBy: 'Cy' }]);
  });

  it('marks a quotation not in the archive, and refuses while a confirmed link stands', async () => {
    const q = await byText('Our friends in the ministry');
    const marked = await send('PATCH', `/api/quotations/${q.id}`, { decision: 'not_in_archive' });
    expect(marked.body).toMatchObject({ decision: 'not_in_archive', decidedBy: 'Ana', status: 'unmatched' });
    const confirmed = await byText('The station judges');
    const refused = await send('PATCH', `/api/quotations/${confirmed.id}`, { decision: 'not_in_archive' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('quote.has_confirmed_link');
  });

  it('never lets the machine override a person when it links again', async () => {
    const heron = await byText('[Silver Heron]');
    await send('PATCH', `/api/quotations/${heron.id}`, { decision: 'not_in_archive' }, 'Dee');
    createServices(t.db).linking.linkAll(true);
    const after = await report('report-shadow-network');
    const find = (start: string) => after.quotations.find((q) => q.text.startsWith(start))!;
    expect(find('The station judges').links.map((l) => l.status)).toEqual(['confirmed']);
    expect(find('We did not take Kirkuk').links.map((l) => l.status)).toEqual(['rejected']);
    expect(find('a serious man').links.map((l) => l.status)).toEqual(['rejected']);
    expect(find('[Silver Heron]')).toMatchObject({ decision: 'not_in_archive', links: [] });
    expect(find('Our friends in the ministry')).toMatchObject({ decision: 'not_in_archive', links: [] });
    expect(find('Shopkeepers in Karrada').links.map((l) => l.status)).toEqual(['suggested']);
  });

  it.each([
    ['PATCH', '/api/quote-links/999999', 404, 'quote_link.not_found', { status: 'confirmed' }],
    ['PATCH', '/api/quotations/999999', 404, 'quote.not_found', { decision: null }],
    ['POST', '/api/quotations/999999/links', 404, 'quote.not_found', { documentId: 1, fragments: [{ start: 0, end: 5 }] }],
    ['PATCH', '/api/quote-links/1', 400, 'request.invalid', {}],
    ['PATCH', '/api/quote-links/1', 400, 'request.invalid', { status: 'maybe' }],
  ] as const)('%s %s answers %i %s', async (method, url, status, code, payload) => {
    const response = await send(method, url, payload);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('checks the selected source text', async () => {
    const q = await byText('The Americans have left');
    const cable = (await t.app.inject({ url: '/api/documents/by-ref/TRV-BSR-2014-0301' })).json();
    const bad = await send('POST', `/api/quotations/${q.id}/links`, {
      documentId: cable.document.id,
      fragments: [{ start: 10, end: 5 }],
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'quote.invalid_fragments' } } });
    const self = await send('POST', `/api/quotations/${q.id}/links`, {
      documentId: (await report('report-shadow-network')).report.id,
      fragments: [{ start: 0, end: 5 }],
    });
    expect(self.body.error.code).toBe('quote.invalid_source');
  });

  it('publishes the routes in OpenAPI', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/reports/{id}',
        '/api/passages/{id}/quoted-in',
        '/api/documents/{id}/quoted-in',
        '/api/quote-links/{id}',
        '/api/quotations/{id}/links',
      ]),
    );
  });
});
