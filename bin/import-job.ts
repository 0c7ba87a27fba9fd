import type { JobsRepository } from '../db/jobs.repository.ts';
import type { Actor } from '../server/modules/auth/viewer.ts';
import type { ImportProgress } from '../server/modules/import/import.service.ts';
import { IMPORT_KIND } from '../server/modules/jobs/job-kind.ts';
import { IMPORT_INTERRUPTED, processAlive } from '../server/modules/jobs/job-runner.ts';

// The row is written at most this often: the jobs page polls about once a second, and each write takes the lock.
const WRITE_MS = 1000;
// A cancel is looked for more often (a read by key), so that an import stops soon after it is asked to.
const CHECK_MS = 200;

export interface ImportJob {
  id: number;
  /** Aborted when an admin cancels the import on the jobs page. */
  signal: AbortSignal;
  progress(p: ImportProgress): void;
  finish(outcome: { failed?: string; documents: number }): void;
}

/**
 * `trove import` as a row of the job table, so that the admin page shows an import running in another process:
 * files done of files found, documents in the checkpoint. Between writes it looks whether the import was
 * cancelled there, and stops between files if so (what was read is stored; the same import again resumes).
 */
export function recordImport(
  jobs: JobsRepository,
  actor: Actor,
  params: Record<string, unknown>,
  every: { writeMs?: number; checkMs?: number } = {},
): ImportJob {
  // An earlier import killed before it could say so is over; this one resumes its work.
  for (const stale of jobs.running([IMPORT_KIND.name])) {
    const pid = stale.params.pid;
    if (!(typeof pid === 'number' && pid !== process.pid && processAlive(pid))) jobs.finish(stale.id, 'failed', IMPORT_INTERRUPTED);
  }
  const row = jobs.create({
    kind: IMPORT_KIND.name,
    unit: IMPORT_KIND.unit,
    state: 'running',
    params: { ...params, pid: process.pid },
    createdById: actor.id,
    createdBy: actor.name,
  });
  const controller = new AbortController();
  let written = 0;
  let checked = 0;
  let latest: ImportProgress | null = null;
  const write = (p: ImportProgress) => {
    written = Date.now();
    try {
      jobs.progress(row.id, {
        done: p.filesDone,
        total: p.filesTotal,
        checkpoint: { documents: p.documents, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal },
      });
    } catch {
      // The database busy past its timeout (another process writing): the progress is written at the next step,
      // and the import itself must not fail for the sake of its progress line on the jobs page.
    }
  };
  return {
    id: row.id,
    signal: controller.signal,
    progress(p) {
      latest = p;
      const now = Date.now();
      if (now - written >= (every.writeMs ?? WRITE_MS)) write(p);
      if (now - checked >= (every.checkMs ?? CHECK_MS) && !controller.signal.aborted) {
        checked = now;
        if (jobs.cancelRequested(row.id)) controller.abort();
      }
    },
    finish({ failed, documents }) {
      // A cancel asked for once every file was read came too late to stop anything: the import is done.
      const cancelled = controller.signal.aborted;
      if (latest) write(latest);
      else jobs.progress(row.id, { done: 0, total: 0, checkpoint: { documents } });
      const state = failed !== undefined ? 'failed' : cancelled ? 'cancelled' : 'done';
      jobs.finish(row.id, state, failed ?? null);
    },
  };
}

/** Runs the import, ending its row either way: done, cancelled, or failed with the error the command prints. */
export async function importAsJob<T extends { documents: unknown[] }>(job: ImportJob, run: () => Promise<T>): Promise<T> {
  let summary: T;
  try {
    summary = await run();
  } catch (error) {
    job.finish({ failed: error instanceof Error ? error.message : String(error), documents: 0 });
    throw error;
  }
  job.finish({ documents: summary.documents.length });
  return summary;
}
