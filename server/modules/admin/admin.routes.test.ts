import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn } from '../../../fixtures/accounts.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp(async (db) => {
    await addAccount(db, 'ada', 'admin');
    await addDocuments(db, [{ ref: 'S-1', body: 'A secret ledger entry about the harbour.' }], 'secret', 'internal');
  });
  admin = await signIn(t.app, 'ada');
});
afterAll(() => t.close());

const send = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, headers = admin) => {
  const response = await t.app.inject({ method, url, payload, headers });
  return { status: response.statusCode, body: response.body ? response.json() : null };
};

describe('account administration', () => {
  it('creates an account that can then sign in, and never returns the password', async () => {
    const created = await send('POST', '/api/admin/accounts', { name: 'zoe', role: 'viewer', password: 'a long enough passphrase' });
    expect(created).toMatchObject({ status: 201, body: { name: 'zoe', role: 'viewer', disabled: false } });
    expect(JSON.stringify(created.body)).not.toContain('passphrase');
    await signIn(t.app, 'zoe', 'a long enough passphrase');
  });

  it('refuses duplicates, weak passwords and bad names with clear errors', async () => {
    expect(
      (await send('POST', '/api/admin/accounts', { name: 'ZOE', role: 'viewer', password: 'a long enough passphrase' })).body.error.code,
    ).toBe('account.exists');
    expect((await send('POST', '/api/admin/accounts', { name: 'yan', role: 'viewer', password: 'short' })).body.error).toEqual({
      code: 'account.weak_password',
      message: 'The password must have at least 10 characters.',
    });
    expect(
      (await send('POST', '/api/admin/accounts', { name: '<script>', role: 'viewer', password: 'a long enough passphrase' })).body.error
        .code,
    ).toBe('account.invalid_name');
    expect((await send('PATCH', '/api/admin/accounts/nobody', { role: 'editor' })).status).toBe(404);
    expect((await send('PATCH', '/api/admin/accounts/zoe', {})).status).toBe(400);
  });

  it('changes roles, disables (ending sessions) and resets passwords', async () => {
    const zoe = await signIn(t.app, 'zoe', 'a long enough passphrase');
    expect((await send('PATCH', '/api/admin/accounts/zoe', { role: 'editor' })).body.role).toBe('editor');
    expect((await send('GET', '/api/session', undefined, zoe)).body.account.role).toBe('editor');
    expect((await send('PATCH', '/api/admin/accounts/zoe', { disabled: true })).body.disabled).toBe(true);
    expect((await send('GET', '/api/session', undefined, zoe)).body.account).toBeNull();
    await send('PATCH', '/api/admin/accounts/zoe', { disabled: false });
    expect((await send('POST', '/api/admin/accounts/zoe/password', { password: 'the second passphrase' })).status).toBe(204);
    await signIn(t.app, 'zoe', 'the second passphrase');
    const names = (await send('GET', '/api/admin/accounts')).body.accounts.map((a: { name: string }) => a.name);
    expect(names).toEqual(['ada', 'zoe']);
  });
});

describe('collection administration', () => {
  it('restricts a collection, grants and revokes membership, and the reader sees the difference at once', async () => {
    const zoe = await signIn(t.app, 'zoe', 'the second passphrase');
    const found = async () => (await send('GET', '/api/search?q=harbour', undefined, zoe)).body.total;
    expect(await found()).toBe(1);
    expect((await send('PATCH', '/api/admin/collections/secret', { visibility: 'restricted' })).status).toBe(204);
    expect(await found()).toBe(0);
    expect((await send('PUT', '/api/admin/collections/secret/members/zoe', { role: 'viewer' })).status).toBe(204);
    expect(await found()).toBe(1);
    expect((await send('GET', '/api/admin/collections/secret/members')).body).toEqual({ members: [{ name: 'zoe', role: 'viewer' }] });
    const list = (await send('GET', '/api/admin/collections')).body.collections;
    expect(list).toEqual([{ id: expect.any(Number), name: 'secret', visibility: 'restricted', documentCount: 1, memberCount: 1 }]);
    expect((await send('DELETE', '/api/admin/collections/secret/members/zoe')).status).toBe(204);
    expect(await found()).toBe(0);
    expect((await send('DELETE', '/api/admin/collections/secret/members/zoe')).body.error.code).toBe('collection.not_member');
    expect((await send('PATCH', '/api/admin/collections/secret', { visibility: 'secret' })).status).toBe(400);
    expect((await send('PATCH', '/api/admin/collections/nope', { visibility: 'public' })).body.error.code).toBe('collection.not_found');
  });

  it('records every change in the audit log, attributed to the admin', async () => {
    const { events } = (await send('GET', '/api/audit?actor=ada&limit=500')).body;
    const actions = events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'account.create',
        'account.set_role',
        'account.disable',
        'account.reset_password',
        'collection.set_visibility',
        'collection.grant',
        'collection.revoke',
      ]),
    );
  });
});
