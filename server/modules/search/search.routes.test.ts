import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import type { SearchResponse } from './search.schemas.ts';

let t: TestApp;

const docs = [
  {
    ref: 'TRV-BGD-2014-0001',
    kind: 'cable' as const,
    title: 'Expenses of the Baghdad station',
    dateText: '2014-11-03',
    language: 'en',
    origin: 'Baghdad station',
    body: '1. (S) The station paid € 2,500 to the source for travel.\n\n2. (S) The officer met MÜLLER at the ministry and discussed recruitment of new sources.',
  },
  {
    ref: 'TRV-BSR-2015-0002',
    kind: 'cable' as const,
    title: 'Meeting report',
    dateText: '2015-02-10',
    language: 'en',
    origin: 'Basra station',
    body: 'The militia commander asked for weapons.\n\nThe recruitment of the commander’s brother was discussed at length.',
  },
  {
    ref: 'TRV-REPORT-1',
    kind: 'report' as const,
    title: 'A report on recruitment',
    dateText: '2019-11-18',
    language: 'en',
    origin: 'Newsroom',
    body: 'Reporters found that recruitment was a constant theme. <script>alert(1)</script>',
  },
];

async function search(
  query: string,
): Promise<{ status: number; body: SearchResponse & { error?: { code: string; message: string; position?: number } } }> {
  const response = await t.app.inject({ method: 'GET', url: `/api/search?${query}` });
  return { status: response.statusCode, body: response.json() };
}

beforeAll(async () => {
  t = await createTestApp((db) => addDocuments(db, docs));
});
afterAll(async () => t.close());

describe('GET /api/search', () => {
  it('returns documents with their best passages, snippets carrying markers', async () => {
    const { status, body } = await search('q=muller');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    const [result] = body.results;
    expect(result!.document).toMatchObject({
      ref: 'TRV-BGD-2014-0001',
      kind: 'cable',
      date: '2014-11-03',
      origin: 'Baghdad station',
      collection: 'test',
    });
    expect(result!.passages[0]!.snippet).toContain('\u0002MÜLLER\u0003');
    expect(result!.passages[0]!.ordinal).toBe(2);
  });

  it('ranks a title match first and counts facets over the filtered set', async () => {
    const { body } = await search('q=recruitment');
    expect(body.total).toBe(3);
    expect(body.results[0]!.document.ref).toBe('TRV-REPORT-1');
    expect(body.facets.kind).toEqual([
      { value: 'cable', count: 2 },
      { value: 'report', count: 1 },
    ]);
    expect(body.facets.year.map((f) => f.value).sort()).toEqual(['2014', '2015', '2019']);
    const filtered = await search('q=recruitment&kind=cable');
    expect(filtered.body.total).toBe(2);
    expect(filtered.body.facets.kind).toEqual([{ value: 'cable', count: 2 }]);
  });

  it('supports phrases, prefixes, OR, exclusion and field filters', async () => {
    expect((await search(`q=${encodeURIComponent('"militia commander"')}`)).body.total).toBe(1);
    expect((await search('q=recruit*')).body.total).toBe(3);
    expect((await search(`q=${encodeURIComponent('weapons OR travel')}`)).body.total).toBe(2);
    expect((await search(`q=${encodeURIComponent('weapons -militia')}`)).body.total).toBe(0);
    expect((await search(`q=${encodeURIComponent('recruitment -reporters')}`)).body.total).toBe(2);
    expect((await search(`q=${encodeURIComponent('recruitment origin:"Basra station"')}`)).body.total).toBe(1);
    expect((await search(`q=${encodeURIComponent('recruitment year:2014')}`)).body.results.map((r) => r.document.ref)).toEqual([
      'TRV-BGD-2014-0001',
    ]);
    expect((await search(`q=${encodeURIComponent('title:expenses')}`)).body.total).toBe(1);
    expect((await search('q=recruitment&from=2015-01-01&to=2015-12-31')).body.total).toBe(1);
  });

  it('matches within one passage: words in different passages of a document do not meet', async () => {
    expect((await search('q=militia%20brother')).body.total).toBe(0);
    expect((await search('q=commander%20brother')).body.total).toBe(1);
  });

  it('lists filtered documents, newest first, when the query has no words', async () => {
    const { body } = await search('kind=cable');
    expect(body.total).toBe(2);
    expect(body.results.map((r) => r.document.ref)).toEqual(['TRV-BSR-2015-0002', 'TRV-BGD-2014-0001']);
    expect(body.results[0]!.passages).toEqual([]);
  });

  it('pages through results', async () => {
    const first = await search('q=recruitment&pageSize=2&page=1');
    const second = await search('q=recruitment&pageSize=2&page=2');
    expect(first.body.results).toHaveLength(2);
    expect(second.body.results).toHaveLength(1);
    expect(second.body.total).toBe(3);
  });

  it.each([
    ['q=%22unclosed', 'search.invalid_query', 'The query has an unclosed quote at position 1.'],
    ['q=colour%3Ared', 'search.invalid_query', undefined],
    ['q=-alone', 'search.invalid_query', undefined],
    ['page=0', 'request.invalid', undefined],
    ['from=yesterday', 'request.invalid', undefined],
    [`q=${'x'.repeat(1001)}`, 'request.invalid', undefined],
  ])('answers %s with a 400 and a message', async (query, code, message) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.error!.code).toBe(code);
    expect(body.error!.message.length).toBeGreaterThan(10);
    if (message) expect(body.error!.message).toBe(message);
  });

  it('never returns a 500 for hostile FTS syntax', async () => {
    for (const q of ['NEAR(a b', '"a" NOT', '*', 'a AND AND b', '^', '(', ')', '{', 'a:', 'OR', '\u0000', '🙂', 'ﷺ']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      expect([200, 400], `query ${q}`).toContain(response.statusCode);
    }
  });
});

describe('GET /api/documents/:id/highlights', () => {
  it('gives hits as body offsets that slice to the matched text', async () => {
    const { body } = await search('q=muller');
    const id = body.results[0]!.document.id;
    const response = await t.app.inject({ url: `/api/documents/${id}/highlights?q=${encodeURIComponent('muller OR station')}` });
    expect(response.statusCode).toBe(200);
    const doc = (await t.app.inject({ url: `/api/documents/${id}` })).json();
    const texts = response.json().hits.map((h: { start: number; end: number }) => doc.document.body.slice(h.start, h.end));
    expect(texts).toEqual(['station', 'MÜLLER']);
  });

  it('404s for a missing document', async () => {
    const response = await t.app.inject({ url: '/api/documents/999999/highlights?q=x' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('document.not_found');
  });
});

describe('the full-text index', () => {
  it('stays in sync with passages', async () => {
    await sql`insert into passage_fts(passage_fts, rank) values ('integrity-check', 1)`.execute(t.db.writer);
    const { rows } = await sql<{ missing: number; extra: number }>`
      select (select count(*) from passage where id not in (select rowid from passage_fts)) as missing,
             (select count(*) from passage_fts where rowid not in (select id from passage)) as extra`.execute(t.db.writer);
    expect(rows[0]).toEqual({ missing: 0, extra: 0 });
  });
});
