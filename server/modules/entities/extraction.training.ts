import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { AuditEntry } from '../../../db/audit.repository.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/viewer.ts';
import { IDLE_JOB, type JobState } from './extraction.service.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const TRAIN_SCRIPT = resolve(ROOT, 'bin/train-ner.ts');
// One model per language; the script prints "<lang>: wrote <file>" as each is done.
const LANGUAGES = 2;
const WROTE = /^\w+: wrote /m;
const MAX_ERROR = 500;

export interface TrainingOptions {
  /** The database the corrections are read from. */
  databasePath: string;
  /** The command to run instead of `train:ner --with-corrections` (tests). */
  command?: { file: string; args: string[] };
  clock?: () => Date;
  audit?: (entry: AuditEntry) => Promise<void>;
}

/**
 * `npm run train:ner -- --with-corrections` as a job an admin starts from the web: a child process,
 * so that hours of training never hold the server's thread; its state has the extraction job's shape.
 */
export class NerTrainingService {
  private job: JobState = { ...IDLE_JOB };
  private child: ChildProcess | null = null;
  private readonly clock: () => Date;

  constructor(private readonly options: TrainingOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  status(): JobState {
    return { ...this.job };
  }

  async start(actor: Actor): Promise<JobState> {
    if (this.child) throw new AppError('training.running', 'The tagger is already being trained; wait until that run finishes.', 409);
    // TROVE_NER_TRAINER names another script taking the same arguments (the tests' stand-in, or a site's own trainer).
    const script = process.env.TROVE_NER_TRAINER ? resolve(process.env.TROVE_NER_TRAINER) : TRAIN_SCRIPT;
    const { file, args } = this.options.command ?? {
      file: process.execPath,
      args: ['--import', 'tsx', script, '--with-corrections', '--db', this.options.databasePath],
    };
    await this.options.audit?.({
      actorId: actor.id,
      actor: actor.name,
      action: 'ner_training.start',
      subjectType: 'ner_training',
      subjectId: 'with-corrections',
    });
    this.job = { state: 'running', done: 0, total: LANGUAGES, startedAt: this.now(), finishedAt: null, error: null };
    const child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let errors = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (WROTE.test(line)) this.job.done = Math.min(this.job.total, this.job.done + 1);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors = (errors + chunk).slice(-MAX_ERROR * 4)));
    const finish = (error: string | null) => {
      if (this.child !== child) return;
      this.child = null;
      this.job = { ...this.job, state: 'idle', finishedAt: this.now(), error };
    };
    child.on('error', (error) => finish(`Training could not start: ${error.message}`));
    child.on('close', (code, signal) => {
      if (code === 0) return finish(null);
      const last = errors.trim().split('\n').at(-1)?.slice(0, MAX_ERROR);
      finish(`Training failed (${signal ?? `exit code ${code}`})${last ? `: ${last}` : '.'}`);
    });
    return this.status();
  }

  /** Stops a run still going (the server is shutting down). */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((done) => {
      child.once('close', () => done());
      child.kill('SIGTERM');
    });
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
