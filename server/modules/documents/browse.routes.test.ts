import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, createToken, grant } from '../../../fixtures/accounts.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

// Browsing with the counting threshold made tiny, so that a dozen documents are "a large archive"
// whose filtered totals are estimated, while unfiltered totals stay exact from the kept counts.
let t: TestApp;
let member: Record<string, string>;

const doc = (ref: string, kind: 'cable' | 'report', date?: string) => ({ ref, kind, title: ref, dateText: date, body: `Text of ${ref}.` });

beforeAll(async () => {
  t = await createTestApp(
    async (db) => {
      await addDocuments(db, [
        doc('OPEN-1', 'cable', '2011-01-01'),
        doc('OPEN-2', 'cable', '2012-01-01'),
        doc('OPEN-3', 'report', '2013-01-01'),
        doc('OPEN-4', 'cable'),
        doc('OPEN-5', 'report', '2015-01-01'),
        doc('OPEN-6', 'cable', '2016-01-01'),
        doc('OPEN-7', 'report', '2017-01-01'),
        doc('OPEN-8', 'cable', '2018-01-01'),
      ]);
      await addDocuments(
        db,
        [doc('VAULT-1', 'report', '2019-01-01'), doc('VAULT-2', 'report', '2020-01-01'), doc('VAULT-3', 'cable'), doc('VAULT-4', 'cable')],
        'vault',
        'restricted',
      );
      await addAccount(db, 'mo', 'viewer');
      await addAccount(db, 'vic', 'viewer');
      await grant(db, 'vault', 'mo', 'viewer');
      member = { authorization: `Bearer ${await createToken(db, 'mo')}` };
    },
    { browseCounting: { exactUpTo: 3, sampleSize: 100 } },
  );
});
afterAll(async () => t.close());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await t.app.inject({ url, headers });
  expect(response.statusCode).toBe(200);
  return response.json();
};
const refs = (list: { documents: Array<{ ref: string }> }) => list.documents.map((d) => d.ref);

describe('GET /api/documents totals', () => {
  it('are exact without filters, whatever the threshold, and count only what the reader may see', async () => {
    expect(await get('/api/documents?pageSize=2')).toMatchObject({ total: 8, totalApproximate: false, page: 1, pageSize: 2 });
    expect(await get('/api/documents?pageSize=2', member)).toMatchObject({ total: 12, totalApproximate: false });
    expect(await get('/api/documents?pageSize=2&collection=vault', member)).toMatchObject({ total: 4, totalApproximate: false });
  });

  it('say nothing of a collection the reader may not see', async () => {
    expect(await get('/api/documents?collection=vault')).toEqual({
      total: 0,
      totalApproximate: false,
      page: 1,
      pageSize: 20,
      documents: [],
    });
    const vic = { authorization: `Bearer ${await createToken(t.db, 'vic')}` };
    expect(await get('/api/documents?collection=vault&kind=report', vic)).toMatchObject({ total: 0, documents: [] });
    const reports = await get('/api/documents?kind=report&pageSize=1');
    expect(reports).toMatchObject({ total: 3, totalApproximate: true });
    expect(refs(reports)).toEqual(['OPEN-7']);
  });

  it('are estimated and labelled beyond the threshold when other filters narrow the list', async () => {
    const reports = await get('/api/documents?kind=report&pageSize=2', member);
    // The sample here reads every document, so the estimate is right; what matters is the label.
    expect(reports).toMatchObject({ total: 5, totalApproximate: true });
    expect(refs(reports)).toEqual(['VAULT-2', 'VAULT-1']);
    expect(await get('/api/documents?kind=report&pageSize=10', member)).toMatchObject({ total: 5, totalApproximate: false });
  });
});

describe('GET /api/documents order and pages', () => {
  it('pages newest first without gaps or repeats, undated last, and by reference', async () => {
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(...refs(await get(`/api/documents?pageSize=3&page=${page}`, member)));
    expect(pages).toEqual([
      'VAULT-2',
      'VAULT-1',
      'OPEN-8',
      'OPEN-7',
      'OPEN-6',
      'OPEN-5',
      'OPEN-3',
      'OPEN-2',
      'OPEN-1',
      'OPEN-4',
      'VAULT-3',
      'VAULT-4',
    ]);
    expect(refs(await get('/api/documents?sort=date&pageSize=3'))).toEqual(['OPEN-1', 'OPEN-2', 'OPEN-3']);
    expect(refs(await get('/api/documents?sort=ref&pageSize=3&page=3'))).toEqual(['OPEN-7', 'OPEN-8']);
    expect(await get('/api/documents?page=9')).toMatchObject({ total: 8, documents: [] });
  });

  it.each(['pageSize=0', 'pageSize=101', 'page=0', 'page=abc', 'sort=-ref', 'from=yesterday'])('answers ?%s with a 400', async (query) => {
    const response = await t.app.inject({ url: `/api/documents?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('request.invalid');
  });
});

describe('GET /api/collections', () => {
  it('gives each readable collection its kept count', async () => {
    const counts = async (headers?: Record<string, string>) =>
      (await get('/api/collections', headers)).collections.map((c: { name: string; documentCount: number }) => [c.name, c.documentCount]);
    expect(await counts()).toEqual([['test', 8]]);
    expect(await counts(member)).toEqual([
      ['test', 8],
      ['vault', 4],
    ]);
  });

  it('are documented as estimates in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const list = spec.paths['/api/documents'].get.responses['200'].content['application/json'].schema;
    expect(list.required).toEqual(expect.arrayContaining(['total', 'totalApproximate']));
    expect(list.properties.totalApproximate.type).toBe('boolean');
  });
});
