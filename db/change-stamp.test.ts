import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { hashSecret } from '../server/modules/auth/secrets.ts';
import { createServices } from '../server/services.ts';
import { AccountsRepository } from './accounts.repository.ts';
import { changeStamp } from './change-stamp.ts';
import { openDatabase, type TroveDatabase } from './client.ts';

let file: Awaited<ReturnType<typeof createTestDatabase>>;
let db: TroveDatabase;
const actor = { id: null, name: 'cli:test' };

beforeAll(async () => {
  file = await createTestDatabase();
  db = await openDatabase(file.path, { readers: 0 });
});
afterAll(async () => {
  await db.close();
  file.cleanup();
});

it('keeps a token lookup only until something is written, here or by another connection', async () => {
  const services = createServices(db);
  await services.accounts.add('reporter', 'viewer', 'a long enough password', actor);
  const first = await services.accounts.createToken('reporter', 'laptop', actor);
  const second = await services.accounts.createToken('reporter', 'phone', actor);
  expect(await services.auth.viewerFromToken(first.token)).toMatchObject({ name: 'reporter', via: 'token' });
  // Nothing written in between: the same row, not a new read.
  const repository = new AccountsRepository(db.writer, changeStamp(db.writerConnection));
  expect(await repository.findToken(hashSecret(first.token))).toBe(await repository.findToken(hashSecret(first.token)));

  // Revoked through this server: refused on the very next request.
  await services.accounts.revokeToken(first.id, actor);
  expect(await services.auth.viewerFromToken(first.token)).toBeNull();

  // Disabled by another process (a `trove users` command): refused too.
  expect(await services.auth.viewerFromToken(second.token)).not.toBeNull();
  const other = new BetterSqlite3(file.path);
  other.prepare(`update account set disabled_at = '2026-01-01T00:00:00.000Z' where name = 'reporter'`).run();
  other.close();
  expect(await services.auth.viewerFromToken(second.token)).toBeNull();
});

it('forgets a session as soon as it is signed out', async () => {
  const services = createServices(db);
  await services.accounts.add('editor', 'editor', 'a long enough password', actor);
  const { sessionId } = await services.auth.signIn('editor', 'a long enough password', '127.0.0.1');
  const viewer = await services.auth.viewerFromSession(sessionId);
  expect(await services.auth.viewerFromSession(sessionId)).toEqual(viewer);
  await services.auth.signOut(hashSecret(sessionId));
  expect(await services.auth.viewerFromSession(sessionId)).toBeNull();
});
