import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

let t: TestApp;
const body = '1. (S) First paragraph about the meeting.\n\n2. (S) Second paragraph, with “quotes” and فارسی.\n\n3. (C) Third.';

beforeAll(async () => {
  t = await createTestApp((db) =>
    addDocuments(db, [
      {
        ref: 'TRV-A-1',
        kind: 'cable',
        title: 'Older',
        dateText: '2014-03-01',
        origin: 'Najaf station',
        language: 'en',
        body,
        metadata: { synthetic: true },
      },
      {
        ref: 'TRV-A-2',
        kind: 'cable',
        title: 'Newer',
        dateText: '2015-06-01',
        origin: 'Erbil station',
        language: 'en',
        body: 'Only one passage.',
      },
      { ref: 'TRV/with slash', kind: 'report', title: 'Undated', body: 'A report without a date.' },
    ]),
  );
});
afterAll(async () => t.close());

describe('GET /api/documents/:id and by-ref', () => {
  it('returns metadata, body and passages whose offsets slice the body exactly', async () => {
    const response = await t.app.inject({ url: '/api/documents/by-ref/TRV-A-1' });
    expect(response.statusCode).toBe(200);
    const { document, passages } = response.json();
    expect(document).toMatchObject({
      ref: 'TRV-A-1',
      kind: 'cable',
      date: '2014-03-01',
      dateText: '2014-03-01',
      origin: 'Najaf station',
      metadata: { synthetic: true },
      collection: 'test',
    });
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(passages).toHaveLength(3);
    for (const p of passages) expect(document.body.slice(p.start, p.end)).toBe(p.text);
    const byId = await t.app.inject({ url: `/api/documents/${document.id}` });
    expect(byId.json().document.ref).toBe('TRV-A-1');
  });

  it('finds refs that need URL encoding', async () => {
    const response = await t.app.inject({ url: `/api/documents/by-ref/${encodeURIComponent('TRV/with slash')}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().document.title).toBe('Undated');
  });

  it.each([
    ['/api/documents/999999', 404, 'document.not_found'],
    ['/api/documents/by-ref/NOPE', 404, 'document.not_found'],
    ['/api/documents/abc', 400, 'request.invalid'],
    ['/api/documents/-1', 400, 'request.invalid'],
    ['/api/nothing-here', 404, 'route.not_found'],
  ])('%s answers %i with a JSON error', async (url, status, code) => {
    const response = await t.app.inject({ url });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });
});

describe('GET /api/documents', () => {
  it('browses newest first by default, oldest first on request, undated last', async () => {
    const newest = (await t.app.inject({ url: '/api/documents' })).json();
    expect(newest.total).toBe(3);
    expect(newest.documents.map((d: { ref: string }) => d.ref)).toEqual(['TRV-A-2', 'TRV-A-1', 'TRV/with slash']);
    const oldest = (await t.app.inject({ url: '/api/documents?sort=date' })).json();
    expect(oldest.documents.map((d: { ref: string }) => d.ref)).toEqual(['TRV-A-1', 'TRV-A-2', 'TRV/with slash']);
  });

  it('filters by kind, origin and date range', async () => {
    expect((await t.app.inject({ url: '/api/documents?kind=report' })).json().total).toBe(1);
    expect((await t.app.inject({ url: '/api/documents?origin=Erbil%20station&origin=Najaf%20station' })).json().total).toBe(2);
    expect((await t.app.inject({ url: '/api/documents?from=2015' })).json().documents.map((d: { ref: string }) => d.ref)).toEqual([
      'TRV-A-2',
    ]);
    expect((await t.app.inject({ url: '/api/documents?sort=sideways' })).statusCode).toBe(400);
  });
});

describe('GET /api/collections and /api/openapi.json', () => {
  it('counts documents per collection', async () => {
    const { collections } = (await t.app.inject({ url: '/api/collections' })).json();
    expect(collections).toEqual([{ id: expect.any(Number), name: 'test', visibility: 'public', documentCount: 3 }]);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/search', '/api/documents', '/api/documents/{id}', '/api/documents/by-ref/{ref}']),
    );
    expect(spec.paths['/api/search'].get.responses['400']).toBeDefined();
  });
});

describe('pages outside the API', () => {
  it('answers HEAD for a shareable page URL like GET', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: '/documents/TRV-A-1' });
    const get = await t.app.inject({ method: 'GET', url: '/documents/TRV-A-1' });
    expect(head.statusCode).toBe(get.statusCode);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
  });
});
