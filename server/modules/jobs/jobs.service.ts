import type { JobRow, JobsRepository } from '../../../db/jobs.repository.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/viewer.ts';
import { IMPORT_KIND } from './job-kind.ts';
import type { JobRunner } from './job-runner.ts';
import type { Job, JobList } from './jobs.schemas.ts';

/** Jobs listed on the admin page: the running ones and the recent past. */
export const LIST_LIMIT = 50;

/** A job's rate over its current run, and the time left at that rate. */
export function jobView(row: JobRow, label: string, now: Date): Job {
  const until = row.state === 'running' ? now.getTime() : Date.parse(row.finishedAt ?? row.updatedAt);
  const seconds = row.runStartedAt ? (until - Date.parse(row.runStartedAt)) / 1000 : 0;
  const doneInRun = row.done - row.runDoneBefore;
  const rate = seconds > 0.5 && doneInRun > 0 ? doneInRun / seconds : null;
  const percent = row.total !== null && row.total > 0 ? Math.min(100, (row.done / row.total) * 100) : row.total === 0 ? 100 : null;
  const left = row.state === 'running' && rate !== null && row.total !== null ? Math.max(0, row.total - row.done) / rate : null;
  return {
    id: row.id,
    kind: row.kind,
    label,
    state: row.state,
    cancelRequested: row.cancelRequested,
    done: row.done,
    total: row.total,
    unit: row.unit,
    percent: percent === null ? null : Math.round(percent * 10) / 10,
    ratePerSecond: rate === null ? null : Math.round(rate * 100) / 100,
    secondsLeft: left === null ? null : Math.round(left),
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

/** Admins' view of long work: what runs, starting a kind, and cancelling; every start and cancel is audited. */
export class JobsService {
  constructor(
    private readonly repository: JobsRepository,
    private readonly runner: JobRunner,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  label(kind: string): string {
    return kind === IMPORT_KIND.name ? IMPORT_KIND.label : (this.runner.kind(kind)?.label ?? kind);
  }

  view(row: JobRow): Job {
    return jobView(row, this.label(row.kind), this.clock());
  }

  async list(): Promise<JobList> {
    const rows = await this.repository.list(LIST_LIMIT);
    const kinds = [
      ...this.runner.list().map((k) => ({ kind: k.name, label: k.label, unit: k.unit, startable: true })),
      { kind: IMPORT_KIND.name, label: IMPORT_KIND.label, unit: IMPORT_KIND.unit, startable: false },
    ];
    return { jobs: rows.map((r) => this.view(r)), kinds };
  }

  /** The newest job of `kind`, whatever its state. */
  latest(kind: string): JobRow | null {
    return this.repository.latest(kind);
  }

  /** Queues a job of `kind`; 409 while one of that kind is queued or running. */
  async start(kindName: string, actor: Actor): Promise<Job> {
    if (kindName === IMPORT_KIND.name) {
      throw new AppError('job.command_line_only', 'Imports are started on the command line: trove import <folder>.', 400);
    }
    const kind = this.runner.kind(kindName);
    if (!kind) {
      const known = this.runner
        .list()
        .map((k) => k.name)
        .join(', ');
      throw new AppError('job.unknown_kind', `There is no job kind "${kindName}". The kinds are: ${known}.`, 400);
    }
    const row = this.repository.transaction(() => {
      const active = this.repository.active(kind.name);
      if (active) {
        throw new AppError('job.already_running', `A "${kind.label}" job is already ${active.state} (job ${active.id}).`, 409, {
          jobId: active.id,
        });
      }
      const created = this.repository.create({
        kind: kind.name,
        unit: kind.unit,
        state: 'queued',
        createdById: actor.id,
        createdBy: actor.name,
      });
      this.record(actor, 'job.start', created, { kind: created.kind });
      return created;
    });
    this.runner.kick();
    return this.view(row);
  }

  /** A queued job ends at once; a running one after its current batch (a command-line import between files). */
  async cancel(id: number, actor: Actor): Promise<Job> {
    const row = this.repository.transaction(() => {
      const found = this.repository.find(id);
      if (!found) throw notFound('job.not_found', `There is no job ${id}.`);
      if (found.state !== 'queued' && found.state !== 'running') {
        throw new AppError('job.finished', `Job ${id} has ended already (${found.state}); there is nothing to cancel.`, 409);
      }
      const changed = found.state === 'queued' ? this.repository.finish(id, 'cancelled')! : this.repository.requestCancel(id)!;
      this.record(actor, 'job.cancel', changed, { kind: changed.kind, state: changed.state, done: changed.done });
      return changed;
    });
    return this.view(row);
  }

  /** Called inside the change's transaction. */
  private record(actor: Actor, action: string, row: JobRow, after: Record<string, unknown>): void {
    this.repository.audit({ actorId: actor.id, actor: actor.name, action, subjectType: 'job', subjectId: row.id, after });
  }
}
