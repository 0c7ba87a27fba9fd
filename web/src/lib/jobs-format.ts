// The jobs panel's words: a job's state, progress, rate and time left as people read them.
import type { Job } from './api/jobs.ts';
import { formatCount } from './format.ts';

export function stateText(job: Job): string {
  if (job.cancelRequested && (job.state === 'running' || job.state === 'queued')) return 'Cancelling…';
  return { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' }[job.state];
}

/** "3 of 10 files (30%)", or "120 documents" while the total is not known. */
export function progressText(job: Job): string {
  if (job.total === null) return `${formatCount(job.done)} ${job.unit}`;
  const percent = job.percent === null ? '' : ` (${formatPercent(job.percent)})`;
  return `${formatCount(job.done)} of ${formatCount(job.total)} ${job.unit}${percent}`;
}

export function formatPercent(percent: number): string {
  return `${percent >= 10 || percent === 0 ? Math.floor(percent) : percent.toFixed(1)}%`;
}

/** "2.5 files/s", "—" before there is a rate to go by. */
export function rateText(job: Job): string {
  if (job.ratePerSecond === null) return '—';
  const rate = job.ratePerSecond >= 10 ? Math.round(job.ratePerSecond).toLocaleString('en') : String(job.ratePerSecond);
  return `${rate} ${job.unit}/s`;
}

/** "45s", "3m 05s", "2h 10m" (as the command line's progress line says it); "—" without an estimate. */
export function timeLeftText(job: Job): string {
  if (job.secondsLeft === null) return '—';
  const s = Math.max(0, Math.round(job.secondsLeft));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Announced when a job the page shows changes state. */
export function changeAnnouncement(before: Job | undefined, job: Job): string | null {
  const name = `${job.label} (job ${job.id})`;
  if (before && before.state === job.state && before.cancelRequested === job.cancelRequested) return null;
  switch (job.state) {
    case 'queued':
      return job.cancelRequested ? null : `${name} is queued.`;
    case 'running':
      return job.cancelRequested ? `${name} is stopping after its current batch.` : `${name} started.`;
    case 'done':
      return `${name} finished: ${progressText(job)}.`;
    case 'failed':
      return `${name} failed: ${job.error ?? 'no reason was given'}`;
    case 'cancelled':
      return `${name} was cancelled after ${progressText(job)}.`;
  }
}
