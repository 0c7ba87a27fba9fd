// Hostile requests: each gets a clear 4xx with a stable code, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn } from '../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../fixtures/test-app.ts';
import { buildApp } from './app.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';

let t: TestApp;
let editor: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp((db) => addAccount(db, 'ed', 'editor'), { sampleArchive: true });
  editor = await signIn(t.app, 'ed');
});
afterAll(() => t.close());

describe('request bodies', () => {
  const patch = (body: string, contentType = 'application/json') =>
    t.app.inject({ method: 'PATCH', url: '/api/quotations/1', body, headers: { ...editor, 'content-type': contentType } });

  it.each([
    ['larger than 1 MB', JSON.stringify({ decision: null, padding: 'x'.repeat(1_100_000) }), 'application/json', 413, 'request.too_large'],
    ['not JSON', '{"decision": nul', 'application/json', 400, 'request.invalid_json'],
    ['empty', '', 'application/json', 400, 'request.invalid_json'],
    ['of another type', 'decision=null', 'application/x-www-form-urlencoded', 415, 'request.unsupported_media_type'],
    ['of the wrong shape', JSON.stringify({ decision: 'maybe' }), 'application/json', 400, 'request.invalid'],
    ['a JSON array', JSON.stringify([1, 2]), 'application/json', 400, 'request.invalid'],
  ])('a body %s answers %i %s', async (_, body, contentType, status, code) => {
    const response = await patch(body, contentType);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toMatch(/\.$/);
  });
});

describe('parameters', () => {
  it.each([
    '/api/documents/abc',
    '/api/documents/0',
    '/api/documents/1.5',
    '/api/documents/99999999999999999999999',
    '/api/documents?page=-1',
    '/api/documents?pageSize=100000',
    '/api/documents?sort=evil',
    '/api/documents?from=yesterday',
    '/api/search?page=0',
    '/api/search?pageSize=abc',
    `/api/search?q=${'a'.repeat(5000)}`,
    '/api/search?kind=cable&to=2015-13-99x',
    '/api/documents/1/highlights',
    '/api/passages/-4/quoted-in',
    '/api/reports/NaN',
    '/api/audit?limit=100000',
  ])('GET %s answers 400 or 404 with a JSON error, never 500', async (url) => {
    const response = await t.app.inject({ url });
    expect([400, 401, 404]).toContain(response.statusCode);
    expect(response.json().error.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });

  it.each(['"unclosed', 'NEAR(', '(((', '*', 'title:', 'a AND', '-', '"""', '\u0000', '🙂 OR', 'x'.repeat(300)])(
    'search for %j never fails',
    async (q) => {
      const response = await t.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}` });
      expect([200, 400]).toContain(response.statusCode);
      if (response.statusCode === 400) expect(response.json().error.code).toBe('search.invalid_query');
    },
  );
});

describe('unknown routes', () => {
  it('answer JSON under /api, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await t.app.inject({ method, url: '/api/no/such/thing' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('route.not_found');
    }
  });

  it('hand other paths to the web app, which shows its own not-found page', async () => {
    const response = await t.app.inject({ url: '/no/such/page' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('rate limits', () => {
  it('limit searches per client, and say when to try again', async () => {
    const file = await createTestDatabase();
    const app = await buildApp({ databasePath: file.path, security: { searchesPerMinute: 5 } });
    try {
      const search = (remoteAddress: string) => app.inject({ url: '/api/search?q=meeting', remoteAddress });
      for (let i = 0; i < 5; i++) expect((await search('10.1.1.1')).statusCode).toBe(200);
      const limited = await search('10.1.1.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('request.rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await search('10.1.1.2')).statusCode).toBe(200);
    } finally {
      await app.close();
      file.cleanup();
    }
  });
});
