import Fastify from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../fixtures/test-app.ts';
import { CONTENT_SECURITY_POLICY, securityHeadersPlugin } from './security-headers.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toBe(CONTENT_SECURITY_POLICY);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  expect(response.headers['permissions-policy']).toMatch(/(^|, )camera=\(\)/);
  expect(response.headers['permissions-policy']).toMatch(/(^|, )geolocation=\(\)/);
  // Only a deployment that says it runs behind HTTPS may pin browsers to it.
  expect(response.headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
  it('are on API answers, which no cache may keep', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expectSecurityHeaders(response);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('are on API errors: validation failures and unknown routes', async () => {
    const invalid = await t.app.inject({ url: '/api/search?page=first' });
    expect(invalid.statusCode).toBe(400);
    expectSecurityHeaders(invalid);
    expect(invalid.headers['cache-control']).toBe('no-store');

    const missing = await t.app.inject({ url: '/api/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('route.not_found');
    expectSecurityHeaders(missing);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('are on the web app page and on the assets it loads, which stay cacheable', async () => {
    const index = await t.app.inject({ url: '/documents/TRV-BGD-2014-0412' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(index);
    // Always revalidated, so a new build is never hidden behind a cached page that names old assets.
    expect(index.headers['cache-control']).toBe('no-cache');
    // The strict policy only works because the page holds no inline script or style.
    expect(index.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(index.body).not.toMatch(/<style|\sstyle=/);

    const script = /<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    expect(script, 'index.html should load a bundled module script').toBeDefined();
    const asset = await t.app.inject({ url: script! });
    expect(asset.statusCode).toBe(200);
    expectSecurityHeaders(asset);
    expect(asset.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(asset.headers['cache-control']).not.toContain('no-store');
  });

  it('are on not-found answers outside the API', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/no/such/form' });
    expect(response.statusCode).toBe(404);
    expectSecurityHeaders(response);
    expect(response.headers['cache-control']).toBeUndefined();
  });
});

describe('security headers behind HTTPS', () => {
  it('add Strict-Transport-Security only when the deployment says it runs behind HTTPS', async () => {
    for (const secureCookies of [true, false]) {
      const app = Fastify();
      await app.register(securityHeadersPlugin, { secureCookies });
      app.get('/', async () => 'ok');
      const response = await app.inject({ url: '/' });
      expect(response.headers['strict-transport-security']).toBe(secureCookies ? 'max-age=31536000; includeSubDomains' : undefined);
      expect(response.headers['x-frame-options']).toBe('DENY');
      await app.close();
    }
  });
});
