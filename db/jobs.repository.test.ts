import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type TroveDatabase } from './client.ts';
import { JobsRepository } from './jobs.repository.ts';

let db: TroveDatabase;
let jobs: JobsRepository;

beforeEach(async () => {
  db = await openDatabase(':memory:');
  jobs = new JobsRepository(db);
});
afterEach(() => db.close());

const job = (kind: string, state: 'queued' | 'running') => jobs.create({ kind, unit: 'units', state, createdById: 7, createdBy: 'ada' });

it('lists the newest jobs first, and reads one by id', async () => {
  const first = job('a', 'queued');
  const second = job('b', 'running');
  expect((await jobs.list(10)).map((j) => j.id)).toEqual([second.id, first.id]);
  expect(await jobs.get(first.id)).toMatchObject({ kind: 'a', state: 'queued', createdById: 7, createdBy: 'ada', params: {} });
  expect(await jobs.get(999)).toBeNull();
  // Only a job recorded as already running (a command-line import) has begun.
  expect(first.startedAt).toBeNull();
  expect(second.startedAt).not.toBeNull();
});

it('begins a queued job once, and ends or cancels only a job that has not ended', () => {
  const queued = job('a', 'queued');
  expect(jobs.begin(queued.id, 5, { after: 0 })).toBe(true);
  expect(jobs.begin(queued.id, 5, { after: 0 })).toBe(false);
  expect(jobs.find(queued.id)).toMatchObject({ state: 'running', total: 5, checkpoint: { after: 0 }, runDoneBefore: 0 });
  jobs.progress(queued.id, { done: 3, checkpoint: { after: 3 } });
  jobs.resume(queued.id);
  expect(jobs.find(queued.id)).toMatchObject({ done: 3, total: 5, runDoneBefore: 3, checkpoint: { after: 3 } });
  expect(jobs.finish(queued.id, 'done')?.state).toBe('done');
  expect(jobs.finish(queued.id, 'failed', 'late')).toBeNull();
  expect(jobs.requestCancel(queued.id)).toBeNull();
  expect(jobs.find(queued.id)).toMatchObject({ state: 'done', error: null, cancelRequested: false });
});

it('finds the active job of a kind and the running jobs of some kinds', () => {
  const a = job('a', 'running');
  job('b', 'queued');
  expect(jobs.active('a')?.id).toBe(a.id);
  expect(jobs.active('c')).toBeNull();
  expect(jobs.running(['a', 'b']).map((j) => j.kind)).toEqual(['a']);
  expect(jobs.nextQueued(['a', 'b'])?.kind).toBe('b');
  expect(jobs.nextQueued(['a'])).toBeNull();
});
