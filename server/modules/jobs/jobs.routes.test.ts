// The jobs API on buildApp() over a cable and a report quoting it: starting the real kinds, 409s, 404s and 400s in words,
// the audit log, and the server-sent events of progress (read with inject, the stream ended by closing the app).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn } from '../../../fixtures/accounts.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

const CABLE = 'The ambassador met Minister Hassan in Baghdad on 3 March and said the harbour tolls would be lowered before the summer.';
const REPORT = `A cable seen by this paper says that "the harbour tolls would be lowered before the summer", a promise the minister denies.`;

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp(async (db) => {
    await addAccount(db, 'ada', 'admin');
    await addDocuments(db, [
      { ref: 'CABLE-1', kind: 'cable', body: CABLE },
      { ref: 'REPORT-1', kind: 'report', body: REPORT },
    ]);
  });
  admin = await signIn(t.app, 'ada');
});
afterAll(() => t.close());

const ask = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: admin });

async function finished(id: number) {
  for (let i = 0; i < 400; i++) {
    const job = (await ask('GET', '/api/admin/jobs')).json().jobs.find((j: { id: number }) => j.id === id);
    if (job && job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Job ${id} did not finish.`);
}

const lastAudit = () =>
  t.db.writerConnection.prepare('select actor, action, subject_type, subject_id from audit_event order by id desc limit 1').get();

describe('the jobs API', () => {
  it('lists the kinds an admin may start, and the import as one only the command line starts', async () => {
    const { kinds, jobs } = (await ask('GET', '/api/admin/jobs')).json();
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual([
      'entities.extract',
      'quotes.relink',
      'quotes.index',
      'entities.train',
      'import',
    ]);
    expect(kinds.find((k: { kind: string }) => k.kind === 'import').startable).toBe(false);
    expect(jobs).toEqual([]);
  });

  it.each(['quotes.relink', 'quotes.index', 'entities.extract'])('runs %s to done, audited as the admin', async (kind) => {
    const started = await ask('POST', '/api/admin/jobs', { kind });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ kind, state: 'queued', createdBy: 'ada' });
    expect(lastAudit()).toEqual({ actor: 'ada', action: 'job.start', subject_type: 'job', subject_id: String(started.json().id) });
    const job = await finished(started.json().id);
    expect(job).toMatchObject({ state: 'done', error: null, percent: 100 });
    expect(job.done).toBe(job.total);
    expect(job.done).toBeGreaterThan(0);
  });

  it('left the report linked to the cable it quotes, and the cable’s entities suggested', () => {
    const one = (query: string) => t.db.writerConnection.prepare(query).pluck().get();
    expect(one(`select count(*) from quote_link l join document d on d.id = l.document_id where d.ref = 'CABLE-1'`)).toBeGreaterThan(0);
    expect(one(`select count(*) from mention m join document d on d.id = m.document_id where d.ref = 'CABLE-1'`)).toBeGreaterThan(0);
  });

  it('answers 409 while a job of the kind is running, and cancels it in the audit log', async () => {
    // A job of the kind another process holds: the runner took up what was running when it started, not this one.
    const running = t.db.writerConnection
      .prepare(`insert into job (kind, state, unit, created_by) values ('quotes.relink', 'running', 'reports', 'cli:x') returning id`)
      .pluck()
      .get() as number;
    const refused = await ask('POST', '/api/admin/jobs', { kind: 'quotes.relink' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'job.already_running', jobId: running });
    const cancelled = await ask('POST', `/api/admin/jobs/${running}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'running', cancelRequested: true });
    expect(lastAudit()).toEqual({ actor: 'ada', action: 'job.cancel', subject_type: 'job', subject_id: String(running) });
    t.db.writerConnection.prepare(`update job set state = 'cancelled' where id = ?`).run(running);
    const again = await ask('POST', `/api/admin/jobs/${running}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('job.finished');
  });

  it.each([
    ['POST', '/api/admin/jobs', { kind: 'reticulate' }, 400, 'job.unknown_kind'],
    ['POST', '/api/admin/jobs', { kind: 'import' }, 400, 'job.command_line_only'],
    ['POST', '/api/admin/jobs', { kind: 'quotes.index', extra: 1 }, 400, 'request.invalid'],
    ['POST', '/api/admin/jobs', {}, 400, 'request.invalid'],
    ['POST', '/api/admin/jobs/999999/cancel', undefined, 404, 'job.not_found'],
    ['POST', '/api/admin/jobs/abc/cancel', undefined, 400, 'request.invalid'],
    ['POST', '/api/admin/jobs/0/cancel', undefined, 400, 'request.invalid'],
    ['POST', '/api/admin/jobs/99999999999999999999/cancel', undefined, 400, 'request.invalid'],
  ] as const)('%s %s %j: %i %s', async (method, url, payload, status, code) => {
    const response = await ask(method, url, payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toMatch(/\.$/);
  });

  it('sends the list as the first server-sent event (changes: job-runner.test.ts, over a socket)', async () => {
    const response = await t.app.inject({ url: '/api/admin/jobs/events', headers: admin, payloadAsStream: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const stream = response.stream();
    const first = await new Promise<string>((resolve) => stream.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    const list = JSON.parse(/^retry: 3000\nevent: jobs\ndata: (.*)\n\n$/.exec(first)![1]!);
    expect(list.jobs.map((j: { kind: string }) => j.kind)).toEqual(
      expect.arrayContaining(['quotes.relink', 'quotes.index', 'entities.extract']),
    );
    // Left open: closing the app ends it (afterAll would time out otherwise).
    stream.destroy();
  });
});
