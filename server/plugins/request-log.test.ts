import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../fixtures/test-db.ts';
import { buildApp } from '../app.ts';

const lines: Array<Record<string, any>> = [];
let app: Awaited<ReturnType<typeof buildApp>>;
let cleanup: () => void;

beforeAll(async () => {
  const file = await createTestDatabase();
  cleanup = file.cleanup;
  app = await buildApp({ databasePath: file.path, logger: true, logStream: { write: (line: string) => lines.push(JSON.parse(line)) } });
});
afterAll(async () => {
  await app.close();
  cleanup();
});

it('writes one line per request, when it ends, with the method, path, status and time', async () => {
  lines.length = 0;
  await app.inject('/api/search?q=harbour');
  await app.inject('/api/no-such-route');
  const requests = lines.filter((line) => line.reqId !== undefined);
  expect(requests.map((line) => [line.msg, line.req?.method, line.req?.url, line.res?.statusCode])).toEqual([
    ['request completed', 'GET', '/api/search?q=harbour', 200],
    ['request completed', 'GET', '/api/no-such-route', 404],
  ]);
  expect(requests.every((line) => typeof line.responseTime === 'number')).toBe(true);
});
