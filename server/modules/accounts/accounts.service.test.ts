import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { TEST_ACTOR, TEST_PASSWORD } from '../../../fixtures/accounts.ts';
import { AppError } from '../../errors.ts';
import { createServices } from '../../services.ts';

let db: TroveDatabase;
beforeEach(async () => {
  db = await openDatabase(':memory:', { readers: 0 });
});
afterEach(() => db.close());

describe('AccountsService', () => {
  it('stores an argon2id hash, never the password', async () => {
    await createServices(db).accounts.add('ana', 'editor', TEST_PASSWORD, TEST_ACTOR);
    const stored = db.writerConnection.prepare('select password_hash from account').pluck().get() as string;
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain(TEST_PASSWORD);
  });

  it('answers 409 to the second of two simultaneous creations of one name, in any letter case', async () => {
    const { accounts } = createServices(db);
    const results = await Promise.allSettled([
      accounts.add('ana', 'editor', TEST_PASSWORD, TEST_ACTOR),
      accounts.add('ANA', 'viewer', TEST_PASSWORD, TEST_ACTOR),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected')!.reason;
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'account.exists', statusCode: 409 });
    expect(db.writerConnection.prepare(`select count(*) from audit_event where action = 'account.create'`).pluck().get()).toBe(1);
  });

  it('answers 409 to two simultaneous creations of one collection', async () => {
    const { collections } = createServices(db);
    const results = await Promise.allSettled([
      collections.add('vault', 'restricted', TEST_ACTOR),
      collections.add('vault', 'restricted', TEST_ACTOR),
    ]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([
      'collection.exists',
    ]);
  });
});

describe('keeping an admin', () => {
  it('refuses to let an admin demote or disable themselves, or the last active admin go', async () => {
    const { accounts } = createServices(db);
    const ada = await accounts.add('ada', 'admin', TEST_PASSWORD, TEST_ACTOR);
    const asAda = { id: ada.id, name: 'ada' };
    await expect(accounts.setRole('ada', 'editor', asAda)).rejects.toMatchObject({ code: 'account.self_lockout', statusCode: 409 });
    await expect(accounts.setDisabled('ada', true, asAda)).rejects.toMatchObject({ code: 'account.self_lockout' });
    await expect(accounts.setRole('ada', 'editor', TEST_ACTOR)).rejects.toMatchObject({ code: 'account.last_admin' });
    await expect(accounts.setDisabled('ada', true, TEST_ACTOR)).rejects.toMatchObject({ code: 'account.last_admin' });
    await accounts.add('bo', 'admin', TEST_PASSWORD, TEST_ACTOR);
    await accounts.setRole('ada', 'editor', TEST_ACTOR);
    expect((await accounts.list()).map((a) => `${a.name}:${a.role}`)).toEqual(['ada:editor', 'bo:admin']);
    await expect(accounts.setDisabled('bo', true, TEST_ACTOR)).rejects.toMatchObject({ code: 'account.last_admin' });
  });
});
