import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/health', () => {
  it('answers ok without a sign-in, after a query on the database', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('is described in the OpenAPI document with its response', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const schema = spec.paths['/api/health'].get.responses['200'].content['application/json'].schema;
    expect(schema.properties.status).toMatchObject({ enum: ['ok'] });
    expect(schema.properties.database).toMatchObject({ enum: ['ok'] });
  });

  // Last: it stops the app's light-read lane. The check asks that lane, so it fails while searches still answer.
  it('says 503 in words, without the cause, when the light-read lane cannot answer', async () => {
    await t.app.db.lightReader.destroy();
    const response = await t.app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toEqual({
      code: 'health.database_unavailable',
      message: 'The server cannot read its database right now.',
    });
    expect((await t.app.inject({ url: '/api/search?q=meeting' })).statusCode).toBe(200);
  });
});
