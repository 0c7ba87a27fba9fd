// The job runner against a real SQLite database: batches that write their work and their progress in one
// transaction, cancellation between batches, resuming a job a stopped process left running, and failures.
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from '../../../db/client.ts';
import { JobsRepository } from '../../../db/jobs.repository.ts';
import { JobEvents } from './job-events.ts';
import { nextIds, type AfterId, type JobKind } from './job-kind.ts';
import { IMPORT_INTERRUPTED, JobRunner } from './job-runner.ts';
import { jobView, JobsService } from './jobs.service.ts';

const UNITS = 50;
const BATCH = 10;
const ADA = { id: 1, name: 'ada' };

let db: TroveDatabase;
let jobs: JobsRepository;
let runners: JobRunner[];

/** Units 1..50, ten a batch; each batch inserts its units into a table whose key refuses a unit done twice. */
function countingKind(hooks: { onBatch?: (jobId: number, batch: number) => void } = {}): JobKind<AfterId> {
  const all = Array.from({ length: UNITS }, (_, i) => i + 1);
  const insert = db.writerConnection.prepare('insert into unit_done (n) values (?)');
  let batches = 0;
  return {
    name: 'count',
    label: 'Count to fifty',
    unit: 'units',
    mode: 'transaction',
    plan: () => ({ total: UNITS, checkpoint: { after: 0 } }),
    batch(checkpoint, done) {
      const next = nextIds(all, checkpoint.after, BATCH);
      if (next.length === 0) return { done, checkpoint, finished: true };
      for (const n of next) insert.run(n);
      hooks.onBatch?.(jobs.active('count')!.id, ++batches);
      return { done: done + next.length, checkpoint: { after: next.at(-1)! }, finished: false };
    },
  };
}

const audited = () =>
  db.writerConnection.prepare<[], { action: string; actor: string }>('select action, actor from audit_event order by id').all();
const unitsDone = () => db.writerConnection.prepare('select n from unit_done order by n').pluck().all() as number[];

async function runOnce(kind: JobKind<AfterId>, options: { isAlive?: (pid: number) => boolean } = {}) {
  const runner = new JobRunner(jobs, options).register(kind);
  runners.push(runner);
  const service = new JobsService(jobs, runner);
  runner.start();
  return { runner, service };
}

beforeEach(async () => {
  db = await openDatabase(':memory:');
  db.writerConnection.exec('create table unit_done (n integer primary key)');
  jobs = new JobsRepository(db);
  runners = [];
});
afterEach(async () => {
  for (const runner of runners) await runner.close();
  await db.close();
});

describe('the job runner', () => {
  it('runs a queued job in batches to done, with progress, checkpoint and a rate, and audits who started it', async () => {
    const { runner, service } = await runOnce(countingKind());
    const started = await service.start('count', ADA);
    expect(started).toMatchObject({ state: 'queued', createdBy: 'ada', done: 0 });
    await runner.whenIdle();
    const row = jobs.find(started.id)!;
    expect(row).toMatchObject({ state: 'done', done: UNITS, total: UNITS, checkpoint: { after: UNITS }, error: null });
    expect(row.startedAt).not.toBeNull();
    expect(row.finishedAt).not.toBeNull();
    expect(unitsDone()).toEqual(Array.from({ length: UNITS }, (_, i) => i + 1));
    expect(audited()).toEqual([{ action: 'job.start', actor: 'ada' }]);
    // The rate is the run's units over its time; a finished job has no time left.
    const view = jobView({ ...row, runStartedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:10.000Z' }, 'Count', new Date());
    expect(view).toMatchObject({ percent: 100, ratePerSecond: 5, secondsLeft: null });
  });

  it('refuses a second job of a kind while one is queued or running, and a kind it does not know', async () => {
    const { service } = await runOnce(countingKind());
    jobs.create({ kind: 'count', unit: 'units', state: 'running', createdById: null, createdBy: 'elsewhere' });
    await expect(service.start('count', ADA)).rejects.toMatchObject({ statusCode: 409, code: 'job.already_running' });
    await expect(service.start('nope', ADA)).rejects.toMatchObject({ statusCode: 400, code: 'job.unknown_kind' });
    await expect(service.start('import', ADA)).rejects.toMatchObject({ statusCode: 400, code: 'job.command_line_only' });
    await expect(service.cancel(999, ADA)).rejects.toMatchObject({ statusCode: 404, code: 'job.not_found' });
    // A refused start or cancel records nothing: its audit event is written in the same transaction.
    expect(audited()).toEqual([]);
    expect(jobs.transaction(() => jobs.active('count'))?.createdBy).toBe('elsewhere');
  });

  it('stops between batches when cancelled, keeping the batches it finished', async () => {
    const started = await runOnce(
      countingKind({
        onBatch: (id, batch) => {
          // Asked while the second batch runs: it is finished, and no third begins.
          if (batch === 2) void started.service.cancel(id, ADA);
        },
      }),
    );
    const { service } = started;
    const job = await service.start('count', ADA);
    await started.runner.whenIdle();
    expect(jobs.find(job.id)).toMatchObject({ state: 'cancelled', done: 2 * BATCH, cancelRequested: true });
    expect(unitsDone().length).toBe(2 * BATCH);
    expect(audited().map((a) => a.action)).toEqual(['job.start', 'job.cancel']);
    // A cancelled job has nothing left to cancel.
    await expect(service.cancel(job.id, ADA)).rejects.toMatchObject({ statusCode: 409, code: 'job.finished' });
  });

  it('resumes a job a stopped process left running from its checkpoint, without redoing finished units', async () => {
    // What a server killed after its third batch leaves: the units and the progress of three batches, committed together.
    const left = jobs.create({ kind: 'count', unit: 'units', state: 'running', createdById: 1, createdBy: 'ada' });
    jobs.transaction(() => {
      for (let n = 1; n <= 30; n++) db.writerConnection.prepare('insert into unit_done (n) values (?)').run(n);
      jobs.progress(left.id, { done: 30, total: UNITS, checkpoint: { after: 30 } });
    });
    const { runner } = await runOnce(countingKind());
    await runner.whenIdle();
    // A unit done twice would have broken the primary key and failed the job.
    expect(jobs.find(left.id)).toMatchObject({ state: 'done', done: UNITS, runDoneBefore: 30, error: null });
    expect(unitsDone()).toEqual(Array.from({ length: UNITS }, (_, i) => i + 1));
  });

  it('cuts short a long async batch when its job is cancelled, counting nothing for it', async () => {
    // A batch that would run for a minute unless its signal stops it (a language of the tagger's training).
    const long: JobKind<AfterId> = {
      name: 'long',
      label: 'Long',
      unit: 'units',
      mode: 'async',
      plan: () => ({ total: 2, checkpoint: { after: 0 } }),
      batch: (checkpoint, done, signal) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve({ done: done + 1, checkpoint: { after: 1 }, finished: false }), 60_000);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve({ done, checkpoint, finished: false });
          });
        }),
    };
    const { runner, service } = await runOnce(long);
    const job = await service.start('long', ADA);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(jobs.find(job.id)).toMatchObject({ state: 'running' });
    const asked = Date.now();
    await service.cancel(job.id, ADA);
    await runner.whenIdle();
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(jobs.find(job.id)).toMatchObject({ state: 'cancelled', done: 0 });
  });

  it('records a failure with its error, and rolls back the batch that failed', async () => {
    const failing = countingKind({
      onBatch: (_, batch) => {
        if (batch === 3) throw new Error('The disk is full.');
      },
    });
    const { runner, service } = await runOnce(failing);
    const job = await service.start('count', ADA);
    await runner.whenIdle();
    expect(jobs.find(job.id)).toMatchObject({ state: 'failed', error: 'The disk is full.', done: 2 * BATCH });
    expect(unitsDone().length).toBe(2 * BATCH);
  });

  it('ends a cancelled job left running without running it, and fails imports whose process is gone', async () => {
    const left = jobs.create({ kind: 'count', unit: 'units', state: 'running', createdById: 1, createdBy: 'ada' });
    jobs.requestCancel(left.id);
    const dead = jobs.create({
      kind: 'import',
      unit: 'files',
      state: 'running',
      params: { pid: 4242 },
      createdById: null,
      createdBy: 'cli:x',
    });
    const alive = jobs.create({
      kind: 'import',
      unit: 'files',
      state: 'running',
      params: { pid: 4343 },
      createdById: null,
      createdBy: 'cli:y',
    });
    const { runner } = await runOnce(countingKind(), { isAlive: (pid) => pid === 4343 });
    await runner.whenIdle();
    expect(jobs.find(left.id)?.state).toBe('cancelled');
    expect(unitsDone()).toEqual([]);
    expect(jobs.find(dead.id)).toMatchObject({ state: 'failed', error: IMPORT_INTERRUPTED });
    expect(jobs.find(alive.id)?.state).toBe('running');
  });
});

describe('the job event stream', () => {
  it('sends the list, then each job that changed, and ends the stream when it expires', async () => {
    const { runner, service } = await runOnce(countingKind());
    const events = new JobEvents(jobs, service, { pollMs: 20, streamMs: 400 });
    const server = createServer((_, response) => void events.add(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const text = await new Promise<string>((resolve, reject) => {
        get(`http://127.0.0.1:${port}/`, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            // Started once the list has come: its progress must come as changes.
            if (body === '') void service.start('count', ADA);
            body += chunk;
          });
          response.on('end', () => resolve(body));
        }).on('error', reject);
      });
      await runner.whenIdle();
      expect(text).toMatch(/^retry: 3000\nevent: jobs\ndata: \{"jobs":\[\],"kinds":\[\{"kind":"count"/);
      const changes = [...text.matchAll(/event: job\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!) as { state: string; done: number });
      expect(changes.at(-1)).toMatchObject({ state: 'done', done: UNITS });
      // Only changes: no state of the job is sent twice.
      expect(new Set(changes.map((c) => `${c.state}${c.done}`)).size).toBe(changes.length);
    } finally {
      events.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
