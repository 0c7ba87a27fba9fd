import type { JobRow, JobsRepository } from '../../../db/jobs.repository.ts';
import type { JobKind } from './job-kind.ts';
import { IMPORT_KIND } from './job-kind.ts';

export interface JobRunnerOptions {
  log?: (line: string) => void;
  /** Whether a process is still alive (a command-line import's); tests stand in for the operating system. */
  isAlive?: (pid: number) => boolean;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
// How often a running async batch looks whether its job was cancelled: one indexed read on the writer's connection.
const CANCEL_POLL_MS = 500;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs the registered kinds of job in the process that owns the writer, one job at a time and a batch at a
 * time: after each batch its progress and checkpoint are written (in the batch's own transaction when the kind
 * allows it), and a cancellation asked for meanwhile is honoured. Jobs a stopped process left running are
 * taken up again from their checkpoint when the runner starts.
 */
export class JobRunner {
  private readonly kinds = new Map<string, JobKind<any>>();
  private readonly stop = new AbortController();
  private running: Promise<void> | null = null;
  private started = false;
  private resumed = false;

  constructor(
    private readonly repository: JobsRepository,
    private readonly options: JobRunnerOptions = {},
  ) {}

  register(kind: JobKind<any>): this {
    this.kinds.set(kind.name, kind);
    return this;
  }

  kind(name: string): JobKind<any> | undefined {
    return this.kinds.get(name);
  }

  list(): Array<JobKind<any>> {
    return [...this.kinds.values()];
  }

  /** Resumes what a stopped process left running, then the queued jobs; returns at once. */
  start(): void {
    if (this.started || this.stop.signal.aborted) return;
    this.started = true;
    this.failDeadImports();
    this.kick();
  }

  /** Looks for queued work now; a no-op while a job runs (the loop takes the next one when it ends). */
  kick(): void {
    if (!this.started || this.running || this.stop.signal.aborted) return;
    this.running = this.loop()
      .catch((error) => {
        // The database closing under the runner, or a row it cannot update: said, and tried again at the next kick.
        if (!this.stop.signal.aborted) this.options.log?.(`Jobs: the runner stopped: ${message(error)}`);
      })
      .finally(() => {
        this.running = null;
      });
  }

  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the batch in progress; the job stays running, to be resumed from its checkpoint on the next start. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.whenIdle();
  }

  private async loop(): Promise<void> {
    // After the caller's request is answered: starting a job never holds up its response.
    await new Promise((resolve) => setImmediate(resolve));
    const names = [...this.kinds.keys()];
    // Only the first run looks for jobs left running: after that, a running job is this runner's own.
    const resumable = this.resumed ? [] : this.repository.running(names);
    this.resumed = true;
    for (const job of resumable) {
      if (this.stop.signal.aborted) return;
      this.repository.resume(job.id);
      this.options.log?.(`Jobs: resuming job ${job.id} (${job.kind}) at ${job.done} ${job.unit}.`);
      await this.run(job);
    }
    for (let job = this.repository.nextQueued(names); job && !this.stop.signal.aborted; job = this.repository.nextQueued(names)) {
      const kind = this.kinds.get(job.kind)!;
      let plan;
      try {
        plan = kind.plan(job.params);
      } catch (error) {
        this.repository.finish(job.id, 'failed', message(error));
        continue;
      }
      if (!this.repository.begin(job.id, plan.total, plan.checkpoint)) continue;
      await this.run({ ...job, state: 'running', total: plan.total, checkpoint: plan.checkpoint, done: 0 });
    }
  }

  private async run(job: JobRow): Promise<void> {
    const kind = this.kinds.get(job.kind)!;
    let checkpoint = job.checkpoint;
    let done = job.done;
    try {
      for (;;) {
        if (this.stop.signal.aborted) return;
        if (this.repository.cancelRequested(job.id)) {
          this.repository.finish(job.id, 'cancelled');
          return;
        }
        let result;
        if (kind.mode === 'transaction') {
          result = this.repository.transaction(() => {
            const r = kind.batch(checkpoint, done);
            this.repository.progress(job.id, r);
            return r;
          });
        } else {
          result = await this.asyncBatch(kind, job.id, checkpoint, done);
          // Cut short by closing: its work is done again on the next start rather than counted now.
          if (this.stop.signal.aborted) return;
          this.repository.progress(job.id, result);
        }
        checkpoint = result.checkpoint;
        done = result.done;
        if (result.finished) {
          this.repository.finish(job.id, 'done');
          return;
        }
        // Between batches the event loop answers requests.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (this.stop.signal.aborted) return;
      this.options.log?.(`Jobs: job ${job.id} (${job.kind}) failed: ${message(error)}`);
      this.repository.finish(job.id, 'failed', message(error));
    }
  }

  /**
   * An async batch may run for minutes (a language of the tagger's training): its signal also aborts when the
   * job is cancelled, looked for every CANCEL_POLL_MS, so the batch can stop its work instead of finishing it.
   */
  private async asyncBatch<C>(kind: JobKind<C> & { mode: 'async' }, jobId: number, checkpoint: C, done: number) {
    const batch = new AbortController();
    const stop = () => batch.abort();
    this.stop.signal.addEventListener('abort', stop, { once: true });
    if (this.stop.signal.aborted) batch.abort();
    const poll = setInterval(() => {
      if (this.repository.cancelRequested(jobId)) batch.abort();
    }, CANCEL_POLL_MS);
    try {
      return await kind.batch(checkpoint, done, batch.signal);
    } finally {
      clearInterval(poll);
      this.stop.signal.removeEventListener('abort', stop);
    }
  }

  /** Command-line imports whose process is gone (killed, crashed) are over: `trove import` again resumes them. */
  private failDeadImports(): void {
    const alive = this.options.isAlive ?? processAlive;
    for (const job of this.repository.running([IMPORT_KIND.name])) {
      const pid = job.params.pid;
      if (typeof pid === 'number' && alive(pid)) continue;
      this.repository.finish(job.id, 'failed', IMPORT_INTERRUPTED);
    }
  }
}

export const IMPORT_INTERRUPTED =
  'The import stopped before it finished (its process ended). Run the same trove import again: it resumes where this one stopped.';
