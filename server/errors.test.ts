import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from './errors.ts';

// Real SQLite errors, raised as a route would raise them, mapped by the one error handler.
const db = new BetterSqlite3(':memory:');
const app = Fastify();

beforeAll(async () => {
  db.exec('create table thing (name text primary key)');
  db.prepare('insert into thing values (?)').run('one');
  registerErrorHandler(app);
  app.get('/duplicate', async () => db.prepare('insert into thing values (?)').run('one'));
  app.get('/broken', async () => db.prepare('select * from missing').all());
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.close();
});

describe('the error handler', () => {
  it('answers a change refused by a uniqueness constraint (two people at once) with 409, not 500', async () => {
    const response = await app.inject({ url: '/duplicate' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('request.conflict');
  });

  it('answers any other database error with a bare 500 that names nothing of the database', async () => {
    const response = await app.inject({ url: '/broken' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('missing');
  });
});
