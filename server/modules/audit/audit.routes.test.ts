import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn, TEST_ACTOR } from '../../../fixtures/accounts.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';
import { createServices } from '../../services.ts';

let t: TestApp;
let admin: Record<string, string>;
let linkId: number;

beforeAll(async () => {
  t = await createTestApp(
    async (db) => {
      await addAccount(db, 'ada', 'admin');
      await addAccount(db, 'ed', 'editor');
    },
    { sampleArchive: true },
  );
  admin = await signIn(t.app, 'ada');
  const editor = await signIn(t.app, 'ed');
  linkId = t.db.writerConnection.prepare('select min(id) from quote_link').pluck().get() as number;
  await t.app.inject({ method: 'PATCH', url: `/api/quote-links/${linkId}`, payload: { status: 'confirmed' }, headers: editor });
  await t.app.inject({ method: 'PATCH', url: `/api/quote-links/${linkId}`, payload: { status: 'rejected' }, headers: editor });
  await createServices(t.db).collections.setVisibility('sample', 'internal', TEST_ACTOR);
});
afterAll(() => t.close());

const audit = async (query = '') => (await t.app.inject({ url: `/api/audit${query}`, headers: admin })).json();

describe('GET /api/audit', () => {
  it('records who changed what, when, with the state before and after, newest first', async () => {
    const { events } = await audit();
    expect(events[0]).toMatchObject({
      actor: 'cli:test',
      action: 'collection.set_visibility',
      subjectType: 'collection',
      before: { visibility: 'public' },
      after: { visibility: 'internal' },
    });
    expect(events[1]).toMatchObject({
      actor: 'ed',
      actorId: 2,
      action: 'quote_link.review',
      subjectType: 'quote_link',
      subjectId: String(linkId),
      before: { status: 'confirmed' },
      after: { status: 'rejected' },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(events.map((e: { action: string }) => e.action)).toContain('account.create');
  });

  it('filters by actor, action and subject, and pages with nextBefore', async () => {
    expect((await audit('?actor=ed')).events.map((e: { actor: string }) => e.actor)).toEqual(['ed', 'ed']);
    const subject = await audit(`?subjectType=quote_link&subjectId=${linkId}`);
    expect(subject.events.map((e: { after: { status: string } }) => e.after.status)).toEqual(['rejected', 'confirmed']);
    const first = await audit('?limit=2');
    expect(first.events).toHaveLength(2);
    const next = await audit(`?limit=2&before=${first.nextBefore}`);
    expect(next.events[0].id).toBeLessThan(first.events[1].id);
    expect((await audit('?action=account.create&limit=500')).nextBefore).toBeNull();
    expect((await audit(`?since=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).events).toEqual([]);
  });

  it('never records a password', async () => {
    await createServices(t.db).accounts.resetPassword('ed', 'another long passphrase', TEST_ACTOR);
    const { events } = await audit('?action=account.reset_password');
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('another long passphrase');
    const all = t.db.writerConnection.prepare('select * from audit_event').all();
    expect(JSON.stringify(all)).not.toMatch(/passphrase|correct horse|argon2/);
  });

  it('answers bad filters with 400', async () => {
    const response = await t.app.inject({ url: '/api/audit?since=yesterday', headers: admin });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('request.invalid');
  });

  it('is append-only, enforced by the database', () => {
    const c = t.db.writerConnection;
    expect(() => c.prepare(`update audit_event set actor = 'someone else'`).run()).toThrow('The audit log is append-only.');
    expect(() => c.prepare('delete from audit_event').run()).toThrow('The audit log is append-only.');
  });
});
