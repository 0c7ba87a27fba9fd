import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

// Synthetic cables dated in both calendars, written for this test.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp((db) =>
    addDocuments(db, [
      { ref: 'D-AUTUMN', dateText: '۱۲ آبان ۱۳۹۳', language: 'fa', body: 'گزارش پرداخت‌ها' },
      { ref: 'D-SUMMER', dateText: '2014-08-21', language: 'en', body: 'payments report' },
      { ref: 'D-WINTER', dateText: '1393/10/10', language: 'fa', body: 'گزارش پرداخت‌ها' },
    ]),
  );
});
afterAll(async () => t.close());

async function refs(q: string, extra = '') {
  const response = await t.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}${extra}` });
  return { status: response.statusCode, body: response.json() };
}

describe('date filters in either calendar', () => {
  it('filters by Solar Hijri bounds in the query', async () => {
    const { body } = await refs('from:1393/08/01 to:1393/09');
    expect(body.results.map((r: { document: { ref: string } }) => r.document.ref)).toEqual(['D-AUTUMN']);
  });

  it('combines query bounds with the URL ones, the narrower winning', async () => {
    const { body } = await refs('from:1393', '&to=2014-12-30');
    expect(body.results.map((r: { document: { ref: string } }) => r.document.ref).sort()).toEqual(['D-AUTUMN', 'D-SUMMER']);
  });

  it('refuses a date that does not exist, in words', async () => {
    const { status, body } = await refs('payments from:1393/07/31');
    expect(status).toBe(400);
    expect(body.error).toEqual({
      code: 'search.invalid_query',
      message: 'from: at position 10: "1393/07/31" has no day 31: that Solar Hijri month has 30 days.',
      position: 9,
    });
  });
});
