import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addAccount, createToken, signIn, TEST_ACTOR, TEST_PASSWORD } from '../../../fixtures/accounts.ts';
import { createTestDatabase } from '../../../fixtures/test-db.ts';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { buildApp, type AppOptions } from '../../app.ts';
import { createServices } from '../../services.ts';
import type { FastifyInstance } from 'fastify';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** An app on a fresh database with an editor "ana", and a clock the test can move. */
async function setUp(options: Partial<AppOptions> = {}) {
  const file = await createTestDatabase();
  // The test's own connection reads on its thread; the app under test has its reader threads.
  const db: TroveDatabase = await openDatabase(file.path, { readers: 0 });
  await addAccount(db, 'ana', 'editor');
  let now = Date.parse('2026-01-10T09:00:00Z');
  const clock = { advance: (ms: number) => (now += ms) };
  const app: FastifyInstance = await buildApp({ databasePath: file.path, clock: () => new Date(now), ...options });
  cleanups.push(
    () => file.cleanup(),
    () => db.close(),
    () => app.close(),
  );
  return { app, db, clock, services: createServices(db) };
}

/**
 * One app for the tests of a describe block that only send requests it refuses (they change nothing a later test
 * could see): building an app costs about a second, most of these tests' time.
 */
function sharedSetUp(): () => Promise<FastifyInstance> {
  let built: Promise<{ app: FastifyInstance; close(): Promise<void> }> | undefined;
  afterAll(async () => (await built)?.close());
  return async () => {
    built ??= (async () => {
      const file = await createTestDatabase();
      const db = await openDatabase(file.path, { readers: 0 });
      await addAccount(db, 'ana', 'editor');
      await db.close();
      const app = await buildApp({ databasePath: file.path });
      return { app, close: async () => void (await app.close(), file.cleanup()) };
    })();
    return (await built).app;
  };
}

const session = (app: FastifyInstance, headers: Record<string, string>) => app.inject({ url: '/api/session', headers });
const signInRaw = (app: FastifyInstance, name: string, password: string, remoteAddress = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/session', payload: { name, password }, remoteAddress });

describe('signing in and out', () => {
  const refusing = sharedSetUp();
  it('sets an HttpOnly, SameSite=Strict session cookie and answers who is signed in', async () => {
    const { app } = await setUp();
    const response = await signInRaw(app, 'ana', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ account: { id: 1, name: 'ana', role: 'editor' }, csrfToken: expect.any(String) });
    const cookie = response.cookies.find((c) => c.name === 'trove_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeUndefined();
    const me = await session(app, { cookie: `trove_session=${cookie.value}` });
    expect(me.json().account.name).toBe('ana');
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    const { app } = await setUp({ security: { https: true } });
    const response = await signInRaw(app, 'ana', TEST_PASSWORD);
    expect(response.cookies[0]).toMatchObject({
      name: '__Host-trove_session',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(response.cookies[0]!.domain).toBeUndefined();
    const me = await session(app, { cookie: `__Host-trove_session=${response.cookies[0]!.value}` });
    expect(me.json().account.name).toBe('ana');
  });

  it('answers an unknown name and a wrong password the same way, in about the same time', async () => {
    const { app } = await setUp();
    const timed = async (name: string) => {
      const started = performance.now();
      const response = await signInRaw(app, name, 'not the password at all');
      return { ms: performance.now() - started, status: response.statusCode, body: response.json(), cookies: response.cookies };
    };
    await timed('warm-up');
    // The fastest of a few tries each: a busy machine only ever adds time, so the minimum is the cost itself.
    const fastest = async (name: string) => {
      const tries = [];
      for (let i = 0; i < 3; i++) tries.push(await timed(name));
      return tries.reduce((a, b) => (b.ms < a.ms ? b : a));
    };
    const wrong = await fastest('ana');
    const unknown = await fastest('nobody');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({ code: 'auth.invalid_credentials', message: 'The name or password is wrong.' });
    expect(wrong.cookies).toEqual([]);
    // Both verify an argon2id hash; without the decoy an unknown name would answer in well under a millisecond.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 4);
  });

  it('signs out: the session ends on the server, not only in the browser', async () => {
    const { app } = await setUp();
    const headers = await signIn(app, 'ana');
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers });
    expect(out.statusCode).toBe(204);
    expect(out.headers['set-cookie']).toMatch(/trove_session=;.*Max-Age=0/);
    expect((await session(app, headers)).json()).toEqual({ account: null, csrfToken: null });
  });

  it('refuses a disabled account, and disabling ends its sessions at once', async () => {
    const { app, services } = await setUp();
    const headers = await signIn(app, 'ana');
    await services.accounts.setDisabled('ana', true, TEST_ACTOR);
    expect((await session(app, headers)).json().account).toBeNull();
    expect((await signInRaw(app, 'ana', TEST_PASSWORD)).json().error.code).toBe('auth.invalid_credentials');
    await services.accounts.setDisabled('ana', false, TEST_ACTOR);
    expect((await signInRaw(app, 'ana', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends every session when the password is reset', async () => {
    const { app, services } = await setUp();
    const headers = await signIn(app, 'ana');
    await services.accounts.resetPassword('ana', 'a brand new passphrase', TEST_ACTOR);
    expect((await session(app, headers)).json().account).toBeNull();
    expect((await signInRaw(app, 'ana', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signInRaw(app, 'ana', 'a brand new passphrase')).statusCode).toBe(200);
  });

  it.each([
    ['no password', { name: 'ana' }],
    ['an empty name', { name: '', password: 'x' }],
    ['a 2,000-character password', { name: 'ana', password: 'x'.repeat(2000) }],
    ['an extra field', { name: 'ana', password: TEST_PASSWORD, role: 'admin' }],
  ])('answers a sign-in with %s with 400', async (_, payload) => {
    const app = await refusing();
    const response = await app.inject({ method: 'POST', url: '/api/session', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('request.invalid');
  });
});

describe('session expiry', () => {
  it('ends a session left idle too long', async () => {
    const { app, clock } = await setUp({ security: { sessionIdleMinutes: 30 } });
    const headers = await signIn(app, 'ana');
    clock.advance(20 * 60_000);
    expect((await session(app, headers)).json().account?.name).toBe('ana');
    clock.advance(20 * 60_000); // 20 minutes after the last request: still within 30 idle minutes
    expect((await session(app, headers)).json().account?.name).toBe('ana');
    clock.advance(31 * 60_000);
    expect((await session(app, headers)).json().account).toBeNull();
  });

  it('ends a session at its absolute lifetime, however busy', async () => {
    const { app, clock } = await setUp({ security: { sessionIdleMinutes: 60, sessionAbsoluteHours: 2 } });
    const headers = await signIn(app, 'ana');
    for (let i = 0; i < 3; i++) {
      clock.advance(50 * 60_000);
      const me = (await session(app, headers)).json();
      expect(me.account === null).toBe(i === 2);
    }
  });
});

describe('rate limits on sign-in', () => {
  it('limits failures per account, whatever the address, and for unknown names alike', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 5; i++) expect((await signInRaw(app, 'ana', 'wrong password', `10.0.1.${i}`)).statusCode).toBe(401);
    const limited = await signInRaw(app, 'ana', TEST_PASSWORD, '10.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('auth.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await signInRaw(app, 'ghost', 'wrong password', `10.0.3.${i}`);
    expect((await signInRaw(app, 'ghost', 'wrong password', '10.0.4.1')).statusCode).toBe(429);
  });

  it('limits failures per address, across names, but not successful sign-ins from a shared address', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 25; i++) expect((await signInRaw(app, 'ana', TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) await signInRaw(app, `name${i}`, 'wrong password', '10.9.9.9');
    expect((await signInRaw(app, 'ana', TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(429);
    expect((await signInRaw(app, 'ana', TEST_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });

  it('lets the account in again once the window has passed', async () => {
    const { app, clock } = await setUp();
    for (let i = 0; i < 6; i++) await signInRaw(app, 'ana', 'wrong password');
    clock.advance(16 * 60_000);
    expect((await signInRaw(app, 'ana', TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  const refusing = sharedSetUp();
  it('authenticate a script with Authorization: Bearer until revoked', async () => {
    const { app, db, services } = await setUp();
    const token = await createToken(db, 'ana');
    const stored = db.writerConnection.prepare('select token_hash from api_token').pluck().get() as string;
    expect(stored).not.toContain(token);
    const me = await session(app, { authorization: `Bearer ${token}` });
    expect(me.json()).toEqual({ account: { id: 1, name: 'ana', role: 'editor' }, csrfToken: null });
    const [listed] = await services.accounts.listTokens('ana');
    await services.accounts.revokeToken(listed!.id, TEST_ACTOR);
    const revoked = await session(app, { authorization: `Bearer ${token}` });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('auth.invalid_token');
  });

  it('stop working while their account is disabled', async () => {
    const { app, db, services } = await setUp();
    const token = await createToken(db, 'ana');
    await services.accounts.setDisabled('ana', true, TEST_ACTOR);
    expect((await session(app, { authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });

  it.each(['Bearer', 'Bearer nonsense', 'Basic YW5hOnB3', `Bearer trove_${'x'.repeat(43)}`])(
    'refuse the header %j with 401',
    async (header) => {
      const app = await refusing();
      const response = await session(app, { authorization: header });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('auth.invalid_token');
    },
  );

  it('need no CSRF token: they are not sent by browsers on their own', async () => {
    const { app, db } = await setUp();
    const token = await createToken(db, 'ana');
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/quotations/999999',
      payload: { decision: null },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.json().error.code).toBe('quote.not_found');
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated change without the session’s CSRF token', async () => {
    const { app } = await setUp();
    const { cookie, 'x-csrf-token': csrf } = await signIn(app, 'ana');
    const send = (headers: Record<string, string>) =>
      app.inject({ method: 'PATCH', url: '/api/quotations/999999', payload: { decision: null }, headers: { cookie, ...headers } });
    expect((await send({})).json().error.code).toBe('auth.csrf');
    expect((await send({ 'x-csrf-token': 'x'.repeat(csrf!.length) })).json().error.code).toBe('auth.csrf');
    expect((await send({ 'x-csrf-token': csrf! })).json().error.code).toBe('quote.not_found');
  });

  it.each(['cross-site', 'same-site'])('refuses any change sent from another site (%s), even sign-in', async (site) => {
    const { app } = await setUp();
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'ana', password: TEST_PASSWORD },
      headers: { 'sec-fetch-site': site },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.cross_site');
    const sameOrigin = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'ana', password: TEST_PASSWORD },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });
});

describe('request logs', () => {
  it('never contain passwords, cookies, tokens or CSRF tokens', async () => {
    const lines: string[] = [];
    const file = await createTestDatabase({ sampleArchive: true });
    const db = await openDatabase(file.path, { readers: 0 });
    await addAccount(db, 'ana', 'editor');
    const token = await createToken(db, 'ana');
    const app = await buildApp({ databasePath: file.path, logger: true, logStream: { write: (line: string) => lines.push(line) } });
    cleanups.push(
      () => file.cleanup(),
      () => db.close(),
      () => app.close(),
    );
    const signedIn = await signIn(app, 'ana');
    await signInRaw(app, 'ana', 'a wrong password guess');
    await app.inject({ url: '/api/search?q=meeting', headers: signedIn });
    await app.inject({ url: '/api/session', headers: { authorization: `Bearer ${token}` } });
    const log = lines.join('\n');
    expect(log).toContain('/api/search?q=meeting');
    for (const secret of [TEST_PASSWORD, 'a wrong password guess', token, signedIn.cookie!.split('=')[1]!, signedIn['x-csrf-token']!]) {
      expect(log).not.toContain(secret);
    }
  });
});
