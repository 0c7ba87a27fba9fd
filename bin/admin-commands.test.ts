import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { signIn } from '../fixtures/accounts.ts';
import { createTestDatabase } from '../fixtures/test-db.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { serve } from '../server/main.ts';
import { createServices } from '../server/services.ts';
import { registerAdminCommands } from './admin-commands.ts';
import { runInProcess } from './cli-in-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TROVE = join(ROOT, 'bin/trove.js');
const ACTOR = `cli:${userInfo().username}`;
const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'another long password';
const SLOW = 180_000;

let database: { path: string; cleanup(): void };
let dir: string;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command line against the test database; `input` is written to its standard input (a pipe, not a TTY). */
function trove(args: string[], input = ''): Promise<Result> {
  const child = spawn(process.execPath, [TROVE, '--db', database.path, ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

/**
 * The same command in this process (bin/cli-in-process.ts), for what a command answers; the real process above is
 * kept for each command family, and wherever several commands write to the database at once.
 */
const inProcess = (args: string[], input = '') => runInProcess(registerAdminCommands, database.path, args, input);

const ok = (result: Result) => {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
};

function failed(result: Result, message: string) {
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`error: ${message}`);
}

async function withApp(check: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const app = await buildApp({ databasePath: database.path });
  try {
    await check(app);
  } finally {
    await app.close();
  }
}

async function signInStatus(app: FastifyInstance, name: string, password: string) {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  return response.statusCode;
}

async function sessionAccount(app: FastifyInstance, headers: Record<string, string>) {
  return (await app.inject({ url: '/api/session', headers })).json().account;
}

beforeAll(async () => {
  // Migrated up front, so that commands started at the same time do not race to migrate it.
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'trove-admin-'));
});

afterAll(() => {
  database.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

// The tests build on each other's accounts and collections, in order.
describe('trove users', () => {
  it(
    'adds accounts with the password from standard input, and says what is wrong with bad input',
    async () => {
      const [alice, bob, carol] = await Promise.all([
        trove(['users', 'add', 'alice', '--role', 'admin'], `${PASSWORD}\n`),
        trove(['users', 'add', 'bob', '--role', 'viewer'], `${PASSWORD}\nignored second line\n`),
        trove(['users', 'add', 'carol', '--role', 'editor'], PASSWORD),
      ]);
      const weak = await inProcess(['users', 'add', 'erin', '--role', 'viewer'], 'short\n');
      const badRole = await inProcess(['users', 'add', 'dave', '--role', 'superuser'], `${PASSWORD}\n`);
      const noPassword = await inProcess(['users', 'add', 'frank', '--role', 'viewer']);
      expect(ok(alice)).toBe('Added alice as admin.\n');
      expect(ok(bob)).not.toContain(PASSWORD);
      ok(carol);
      failed(weak, 'The password must have at least 10 characters.');
      failed(badRole, "option '--role <role>' argument 'superuser' is invalid. Allowed choices are admin, editor, viewer.");
      failed(noPassword, 'No password on standard input');

      const list = JSON.parse(ok(await inProcess(['users', 'list', '--json'])));
      expect(list.map((a: { name: string; role: string }) => [a.name, a.role])).toEqual([
        ['alice', 'admin'],
        ['bob', 'viewer'],
        ['carol', 'editor'],
      ]);
      await withApp(async (app) => {
        expect(await signInStatus(app, 'alice', PASSWORD)).toBe(200);
        expect(await signInStatus(app, 'bob', `${PASSWORD}\nignored second line`)).toBe(401);
      });
    },
    SLOW,
  );

  it(
    'changes roles, disables, enables and resets passwords, ending sessions where it should',
    async () => {
      await withApp(async (app) => {
        const carolSession = await signIn(app, 'carol', PASSWORD);
        const aliceSession = await signIn(app, 'alice', PASSWORD);
        const [role, disable, reset, unknown] = await Promise.all([
          trove(['users', 'set-role', 'bob', 'editor']),
          trove(['users', 'disable', 'carol']),
          trove(['users', 'reset-password', 'alice'], `${NEW_PASSWORD}\n`),
          inProcess(['users', 'disable', 'nobody']),
        ]);
        expect(ok(role)).toBe('bob is now editor.\n');
        expect(ok(disable)).toContain('Disabled carol');
        expect(ok(reset)).toBe('Set a new password for alice; their sessions have ended.\n');
        expect(reset.stdout).not.toContain(NEW_PASSWORD);
        failed(unknown, 'There is no account named "nobody".');

        expect(await sessionAccount(app, carolSession)).toBeNull();
        expect(await sessionAccount(app, aliceSession)).toBeNull();
        expect(await signInStatus(app, 'carol', PASSWORD)).toBe(401);
        expect(await signInStatus(app, 'alice', PASSWORD)).toBe(401);
        expect(await signInStatus(app, 'alice', NEW_PASSWORD)).toBe(200);
        const bob = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'bob', password: PASSWORD } });
        expect(bob.json().account).toMatchObject({ name: 'bob', role: 'editor' });

        const [enable, list] = await Promise.all([inProcess(['users', 'enable', 'carol']), inProcess(['users', 'list'])]);
        expect(ok(enable)).toBe('Enabled carol.\n');
        expect(ok(list)).toMatch(
          /^NAME +ROLE +STATUS +CREATED\nalice +admin +active .*\nbob +editor +active .*\ncarol +editor +(active|disabled)/,
        );
        expect(await signInStatus(app, 'carol', PASSWORD)).toBe(200);
      });
    },
    SLOW,
  );
});

describe('trove tokens', () => {
  it(
    'creates a token shown once that works as a Bearer token, lists it without the secret, and revokes it',
    async () => {
      const created = ok(await trove(['tokens', 'create', '--user', 'alice', '--name', 'ci']));
      const token = /^ {2}(trove_\S+)$/m.exec(created)?.[1];
      expect(token).toBeDefined();
      expect(created).toContain('It will not be shown again');
      expect(created).toContain('Authorization: Bearer <token>');
      const id = Number(/API token (\d+)/.exec(created)?.[1]);

      const list = ok(await inProcess(['tokens', 'list', '--user', 'alice', '--json']));
      expect(list).not.toContain(token);
      expect(JSON.parse(list)).toEqual([expect.objectContaining({ id, name: 'ci', account: 'alice', revoked_at: null })]);

      await withApp(async (app) => {
        const bearer = { authorization: `Bearer ${token}` };
        expect(await sessionAccount(app, bearer)).toMatchObject({ name: 'alice', role: 'admin' });
        expect(ok(await inProcess(['tokens', 'revoke', String(id)]))).toBe(`Revoked API token ${id}.\n`);
        expect((await app.inject({ url: '/api/session', headers: bearer })).statusCode).toBe(401);
      });
    },
    SLOW,
  );
});

describe('trove collections', () => {
  it(
    'adds collections, changes visibility, grants and revokes membership',
    async () => {
      const text = join(dir, 'memo.txt');
      writeFileSync(text, 'A memo about the harbour contract, for the restricted collection.\n');
      const [added, imported] = await Promise.all([
        trove(['collections', 'add', 'secret', '--visibility', 'restricted']),
        trove(['import', text, '--collection', 'leaks', '--visibility', 'restricted', '--json']),
      ]);
      expect(ok(added)).toBe('Added collection "secret" (restricted).\n');
      expect(JSON.parse(ok(imported))).toMatchObject({ imported: 1 });

      const [grantBob, grantCarol, visibility] = await Promise.all([
        trove(['collections', 'grant', 'secret', 'bob', '--role', 'viewer']),
        inProcess(['collections', 'grant', 'secret', 'carol', '--role', 'editor']),
        trove(['collections', 'set-visibility', 'leaks', 'public']),
      ]);
      expect(ok(grantBob)).toBe('bob is now a member of "secret" as viewer.\n');
      ok(grantCarol);
      expect(ok(visibility)).toBe('"leaks" is now public: anyone can read it.\n');

      const [members, list] = await Promise.all([
        inProcess(['collections', 'members', 'secret']),
        inProcess(['collections', 'list', '--json']),
      ]);
      expect(ok(members)).toMatch(/^NAME +ROLE\nbob +viewer\ncarol +editor\n$/);
      expect(JSON.parse(ok(list))).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'leaks', visibility: 'public', documentCount: 1, memberCount: 0 }),
          expect.objectContaining({ name: 'secret', visibility: 'restricted', documentCount: 0, memberCount: 2 }),
        ]),
      );

      expect(ok(await inProcess(['collections', 'revoke', 'secret', 'bob']))).toBe('bob is no longer a member of "secret".\n');
      const db = await openDatabase(database.path, { readers: 0 });
      try {
        expect(await createServices(db).collections.members('secret')).toEqual([
          expect.objectContaining({ name: 'carol', role: 'editor' }),
        ]);
      } finally {
        await db.close();
      }
    },
    SLOW,
  );
});

describe('trove backup', () => {
  it(
    'copies the database, and replaces an existing file only with --force',
    async () => {
      const file = join(dir, 'backup.db');
      expect(ok(await trove(['backup', file]))).toMatch(/^Backed up .+ to .+backup\.db: [\d.]+ (KB|MB) in [\d.]+ s\.\n(Originals: .+\n)?$/);
      const again = await inProcess(['backup', file]);
      failed(again, `${file} already exists. Choose another file, or pass --force to replace it.`);
      ok(await inProcess(['backup', file, '--force']));

      const copy = new BetterSqlite3(file, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(copy.prepare('select name from account order by name').pluck().all()).toEqual(['alice', 'bob', 'carol']);
      } finally {
        copy.close();
      }
    },
    SLOW,
  );
});

describe('the audit log', () => {
  it('records every change made at the command line, as cli:<user>, and never a password', () => {
    const db = new BetterSqlite3(database.path, { readonly: true });
    const events = db.prepare('select actor, actor_id, action, before, after from audit_event order by id').all() as Array<{
      actor: string;
      actor_id: number | null;
      action: string;
      before: string | null;
      after: string | null;
    }>;
    db.close();
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([ACTOR]));
    expect(events.every((e) => e.actor_id === null)).toBe(true);
    expect(events.map((e) => e.action).sort()).toEqual(
      [
        ...['account.create', 'account.create', 'account.create'],
        ...['account.set_role', 'account.disable', 'account.reset_password', 'account.enable'],
        ...['token.create', 'token.revoke'],
        ...['collection.create', 'collection.grant', 'collection.grant', 'collection.set_visibility', 'collection.revoke'],
        'import.run',
      ].sort(),
    );
    const text = JSON.stringify(events);
    for (const password of [PASSWORD, NEW_PASSWORD]) expect(text).not.toContain(password);
  });
});

describe('trove serve', () => {
  it('says how to create the first admin when the database has no accounts, and only then', async () => {
    const empty = await createTestDatabase();
    try {
      for (const [path, expected] of [
        [empty.path, true],
        [database.path, false],
      ] as const) {
        const lines: string[] = [];
        const config = { ...loadConfig({ db: path, port: 0 }), host: '127.0.0.1' };
        const app = await serve(config, { sample: false, log: (line) => lines.push(line) });
        await app.close();
        expect(lines.some((line) => line.includes(`npx trove --db ${path} users add NAME --role admin`))).toBe(expected);
      }
    } finally {
      empty.cleanup();
    }
  });
});
