// Synthetic documents written for these tests.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, signIn } from '../../../fixtures/accounts.ts';
import { addDocuments } from '../../../fixtures/factories.ts';
import { createTestApp, type TestApp } from '../../../fixtures/test-app.ts';

let t: TestApp;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  process.env.TROVE_NER_TRAINER = resolve(import.meta.dirname, '../../../fixtures/ner-trainer-stub.mjs');
  t = await createTestApp(async (db) => {
    await addDocuments(db, [
      { ref: 'C-1', body: 'On 14 November 2014 the envoy paid 62.5 euros in Baghdad.' },
      { ref: 'C-2', body: 'The courier codenamed BLUE LANTERN wrote to desk@example.org.' },
    ]);
    for (const [name, role] of [
      ['ada', 'admin'],
      ['ed', 'editor'],
      ['vic', 'viewer'],
    ] as const)
      await addAccount(db, name, role);
  });
  for (const name of ['ada', 'ed', 'vic']) as[name] = await signIn(t.app, name);
});
afterAll(async () => {
  delete process.env.TROVE_NER_TRAINER;
  await t.close();
});

const ask = (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: who ? as[who] : {} });

async function until(url: string, who: string) {
  for (let i = 0; i < 600; i++) {
    const job = (await ask(who, 'GET', url)).json();
    if (job.state === 'idle' && job.finishedAt) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} never finished`);
}

describe('extraction routes', () => {
  it('shows progress to editors and admins only', async () => {
    expect((await ask(null, 'GET', '/api/extraction')).statusCode).toBe(401);
    expect((await ask('vic', 'GET', '/api/extraction')).statusCode).toBe(403);
    const job = (await ask('ed', 'GET', '/api/extraction')).json();
    expect(job).toEqual({ state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null, error: null });
  });

  it('lets an admin start extraction of every document, audited, and reports it to the end', async () => {
    expect((await ask('ed', 'POST', '/api/admin/extraction', { all: true })).statusCode).toBe(403);
    const started = await ask('ada', 'POST', '/api/admin/extraction', { all: true });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', done: 0, total: 2, error: null });
    const job = await until('/api/extraction', 'ed');
    expect(job).toMatchObject({ done: 2, total: 2, error: null });
    const types = t.db.writerConnection.prepare('select distinct type from mention order by type').pluck().all();
    expect(types).toEqual(expect.arrayContaining(['date', 'email', 'money']));
    const audit = t.db.writerConnection.prepare(`select actor, subject_id from audit_event where action = 'extraction.start'`).all();
    expect(audit).toEqual([{ actor: 'ada', subject_id: 'all' }]);
  });

  it('starts only what is not scanned yet without a body, and refuses unknown fields', async () => {
    const started = await ask('ada', 'POST', '/api/admin/extraction');
    expect(started.statusCode).toBe(202);
    expect(started.json().total).toBe(0);
    const bad = await ask('ada', 'POST', '/api/admin/extraction', { everything: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
  });

  it('lets an admin train the tagger with corrections, one run at a time, and reports it', async () => {
    expect((await ask('ed', 'POST', '/api/admin/ner-training')).statusCode).toBe(403);
    expect((await ask('ed', 'GET', '/api/admin/ner-training')).statusCode).toBe(403);
    const started = await ask('ada', 'POST', '/api/admin/ner-training');
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', done: 0, total: 2 });
    const again = await ask('ada', 'POST', '/api/admin/ner-training');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('training.running');
    expect(await until('/api/admin/ner-training', 'ada')).toMatchObject({ state: 'idle', done: 2, total: 2, error: null });
    const audit = t.db.writerConnection.prepare(`select actor, after from audit_event where action = 'job.start'`).all();
    expect(audit).toEqual([{ actor: 'ada', after: JSON.stringify({ kind: 'entities.train' }) }]);
    // The run is a job: the jobs page shows it, a language a unit.
    const jobs = (await ask('ada', 'GET', '/api/admin/jobs')).json().jobs;
    expect(jobs[0]).toMatchObject({ kind: 'entities.train', state: 'done', done: 2, total: 2, unit: 'languages', createdBy: 'ada' });
  });

  it('reports a failed training run in its state', async () => {
    process.env.STUB_TRAINER_FAIL = '1';
    try {
      expect((await ask('ada', 'POST', '/api/admin/ner-training')).statusCode).toBe(202);
      const job = await until('/api/admin/ner-training', 'ada');
      expect(job.error).toBe('Training failed (exit code 1): The corrections could not be read.');
    } finally {
      delete process.env.STUB_TRAINER_FAIL;
    }
  });

  it("spreads a person's new entity at once to the other documents that write its name, in any case", async () => {
    await addDocuments(t.db, [{ ref: 'C-3', body: 'Signed at dawn: ABU MAHDI AL-MUHANDIS, with two guards.' }]);
    const created = await ask('ed', 'POST', '/api/entities', { type: 'person', name: 'Abu Mahdi al-Muhandis' });
    expect(created.statusCode).toBe(201);
    const id = created.json().entity.id as number;
    await until('/api/extraction', 'ed');
    const { mentions } = (await ask('ed', 'GET', `/api/entities/${id}/mentions`)).json();
    expect(mentions.map((m: { document: { ref: string }; text: string; status: string }) => [m.document.ref, m.text, m.status])).toEqual([
      ['C-3', 'ABU MAHDI AL-MUHANDIS', 'suggested'],
    ]);
  });
});
