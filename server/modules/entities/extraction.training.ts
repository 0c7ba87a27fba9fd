import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { JobRow } from '../../../db/jobs.repository.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/viewer.ts';
import type { Job } from '../jobs/jobs.schemas.ts';
import { IDLE_JOB, type JobState } from './extraction.service.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const TRAIN_SCRIPT = resolve(ROOT, 'bin/train-ner.ts');
/** One model per language, trained one after the other: the job's units. */
export const TRAINED_LANGUAGES = ['en', 'fa'] as const;
export type TrainedLanguage = (typeof TRAINED_LANGUAGES)[number];
export const TRAINING_KIND = 'entities.train';
const MAX_ERROR = 500;

export interface TrainerOptions {
  /** The database the corrections are read from. */
  databasePath: string;
  /** The command to run instead of `train:ner --with-corrections` (tests). */
  command?: { file: string; args: string[] };
}

/**
 * `npm run train:ner -- --with-corrections --lang <language>` in a child process, so that hours of training
 * never hold the server's thread. The script writes its model whole or not at all, so a run stopped halfway
 * leaves the model it had.
 */
export class NerTrainer {
  constructor(private readonly options: TrainerOptions) {}

  /** Resolves once the language's model is written; rejects with what the script said when it fails. */
  train(language: TrainedLanguage, signal: AbortSignal): Promise<void> {
    // TROVE_NER_TRAINER names another script taking the same arguments (the tests' stand-in, or a site's own trainer).
    const script = process.env.TROVE_NER_TRAINER ? resolve(process.env.TROVE_NER_TRAINER) : TRAIN_SCRIPT;
    const { file, args } = this.options.command ?? {
      file: process.execPath,
      args: ['--import', 'tsx', script, '--with-corrections', '--db', this.options.databasePath],
    };
    // An abort event that already fired would never reach the listener below.
    if (signal.aborted) return Promise.reject(new Error('Training was stopped before it began.'));
    return new Promise((done, fail) => {
      const child = spawn(file, [...args, '--lang', language], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let errors = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors = (errors + chunk).slice(-MAX_ERROR * 4)));
      const stop = () => child.kill('SIGTERM');
      signal.addEventListener('abort', stop, { once: true });
      const end = (error: Error | null) => {
        signal.removeEventListener('abort', stop);
        if (error) fail(error);
        else done();
      };
      child.on('error', (error) => end(new Error(`Training could not start: ${error.message}`)));
      child.on('close', (code, signal) => {
        if (code === 0) return end(null);
        const last = errors.trim().split('\n').at(-1)?.slice(0, MAX_ERROR);
        end(new Error(`Training failed (${signal ?? `exit code ${code}`})${last ? `: ${last}` : '.'}`));
      });
    });
  }
}

interface TrainingJobs {
  start(kind: string, actor: Actor): Promise<Job>;
  latest(kind: string): JobRow | null;
}

/**
 * The Entities panel's view of training: the newest `entities.train` job (server/modules/jobs), in the shape
 * the extraction's progress has, so that the panel and the jobs page show one run.
 */
export class NerTrainingService {
  constructor(private readonly jobs: TrainingJobs) {}

  status(): JobState {
    const job = this.jobs.latest(TRAINING_KIND);
    if (!job) return { ...IDLE_JOB };
    const active = job.state === 'queued' || job.state === 'running';
    return {
      state: active ? 'running' : 'idle',
      done: job.done,
      total: job.total ?? TRAINED_LANGUAGES.length,
      startedAt: job.startedAt ?? job.createdAt,
      finishedAt: active ? null : job.finishedAt,
      error: job.state === 'cancelled' ? 'Training was cancelled.' : job.error,
    };
  }

  async start(actor: Actor): Promise<JobState> {
    try {
      await this.jobs.start(TRAINING_KIND, actor);
    } catch (error) {
      if (error instanceof AppError && error.code === 'job.already_running') {
        throw new AppError('training.running', 'The tagger is already being trained; wait until that run finishes.', 409);
      }
      throw error;
    }
    return this.status();
  }
}
