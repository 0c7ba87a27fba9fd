import { expect, it } from 'vitest';
import type { Job } from '../src/lib/api/jobs.ts';
import { changeAnnouncement, progressText, rateText, stateText, timeLeftText } from '../src/lib/jobs-format.ts';

const at = '2026-12-01T10:52:14.000Z';
const running: Job = {
  id: 4,
  kind: 'quotes.relink',
  label: 'Re-link every quotation to its sources',
  state: 'running',
  cancelRequested: false,
  done: 1200,
  total: 4500,
  unit: 'reports',
  percent: 26.7,
  ratePerSecond: 12.34,
  secondsLeft: 267.4,
  error: null,
  createdBy: 'ada',
  createdAt: at,
  startedAt: at,
  updatedAt: at,
  finishedAt: null,
};

it('says how far a job is, how fast it goes and how long it has left', () => {
  expect(progressText(running)).toBe('1,200 of 4,500 reports (26%)');
  expect(progressText({ ...running, done: 3, percent: 0.7 })).toBe('3 of 4,500 reports (0.7%)');
  expect(progressText({ ...running, total: null, percent: null })).toBe('1,200 reports');
  expect(rateText(running)).toBe('12 reports/s');
  expect(rateText({ ...running, ratePerSecond: 2.5 })).toBe('2.5 reports/s');
  expect(rateText({ ...running, ratePerSecond: null })).toBe('—');
  expect(timeLeftText(running)).toBe('4m 27s');
  expect(timeLeftText({ ...running, secondsLeft: 7300 })).toBe('2h 01m');
  expect(timeLeftText({ ...running, secondsLeft: null })).toBe('—');
  expect(stateText({ ...running, cancelRequested: true })).toBe('Cancelling…');
});

it('announces a change of state once, and nothing when only the count moved', () => {
  const name = 'Re-link every quotation to its sources (job 4)';
  expect(changeAnnouncement(undefined, running)).toBe(`${name} started.`);
  expect(changeAnnouncement(running, { ...running, done: 1300 })).toBeNull();
  expect(changeAnnouncement(running, { ...running, cancelRequested: true })).toBe(`${name} is stopping after its current batch.`);
  const done = { ...running, state: 'done' as const, done: 4500, percent: 100 };
  expect(changeAnnouncement(running, done)).toBe(`${name} finished: 4,500 of 4,500 reports (100%).`);
  expect(changeAnnouncement(running, { ...running, state: 'failed', error: 'The disk is full.' })).toBe(
    `${name} failed: The disk is full.`,
  );
  expect(changeAnnouncement(running, { ...running, state: 'cancelled' })).toBe(`${name} was cancelled after 1,200 of 4,500 reports (26%).`);
});
