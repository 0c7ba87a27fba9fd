import type { Command } from 'commander';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../server/config.ts';
import type { Job } from '../server/modules/jobs/jobs.schemas.ts';
import { createServices } from '../server/services.ts';
import { formatDuration } from './progress.ts';

/** `trove jobs [--json]`: the jobs the admin page shows, newest first. Only reads; the server runs them. */
export function registerJobsCommand(program: Command): void {
  program
    .command('jobs')
    .description('List long work (imports, re-extraction, re-linking, index rebuilds) with its progress, newest first.')
    .option('--json', 'print the same JSON as GET /api/admin/jobs')
    .action(async (flags: { json?: boolean }) => {
      const db = await openDatabase(loadConfig({ db: program.opts().db }).databasePath, { readers: 0 });
      try {
        const list = await createServices(db).jobs.service.list();
        if (flags.json) console.log(JSON.stringify(list, null, 2));
        else if (list.jobs.length === 0) console.log('No jobs yet.');
        else for (const job of list.jobs) console.log(jobLine(job));
      } finally {
        await db.close();
      }
    });
}

/** "12  quotes.relink  running  40/120 reports (33.3%)  2.5 reports/s  32s left  by ada". */
export function jobLine(job: Job): string {
  const count = job.total === null ? `${job.done} ${job.unit}` : `${job.done}/${job.total} ${job.unit}`;
  const parts = [
    String(job.id).padStart(4),
    job.kind.padEnd(16),
    (job.cancelRequested && job.state === 'running' ? 'cancelling' : job.state).padEnd(10),
    job.percent === null ? count : `${count} (${job.percent}%)`,
    job.ratePerSecond === null ? '' : `${job.ratePerSecond} ${job.unit}/s`,
    job.secondsLeft === null ? '' : `${formatDuration(job.secondsLeft)} left`,
    `by ${job.createdBy}`,
    job.error ?? '',
  ];
  return parts.filter(Boolean).join('  ');
}
