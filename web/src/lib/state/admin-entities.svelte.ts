import { untrack } from 'svelte';
import { ApiError, isAbort } from '../api/client.ts';
import { extractionApi, type JobState } from '../api/extraction.ts';
import { EXTRACTION_WORDS, finishedText, startedText, TRAINING_WORDS, type JobWords } from '../components/admin/job-words.ts';
import { Action, Announcer, refused, type AdminOwner } from './admin-action.svelte.ts';

/** How often a running job's progress is asked for. */
export const POLL_MS = 1500;

/**
 * One background job on the administration page: read once an admin is signed in, and read again every
 * POLL_MS while it runs, until it ends or the page is left (the effects end with the component).
 */
export class JobWatch {
  status: 'loading' | 'ready' | 'error' = $state('loading');
  job: JobState | null = $state.raw(null);
  /** Reading the state failed: the first time (status 'error'), or while polling. */
  failure: ApiError | null = $state(null);
  /** Starting a run; its error is the API's refusal (409 when one is running already). */
  action: Action;
  running = $derived(this.job?.state === 'running');

  constructor(
    private readonly owner: () => AdminOwner,
    readonly words: JobWords,
    private readonly read: (signal?: AbortSignal) => Promise<JobState>,
    private readonly announcer: Announcer,
  ) {
    this.action = new Action(() => announcer);
    $effect(() => {
      if (!owner().enabled) return;
      const controller = new AbortController();
      untrack(() => void this.refresh(controller.signal));
      return () => controller.abort();
    });
    $effect(() => {
      if (!owner().enabled || !this.running) return;
      return untrack(() => this.#poll());
    });
  }

  #poll(): () => void {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      await this.refresh(controller.signal);
      // Once the run has ended the effect is gone, and with it the controller: no further tick.
      if (!controller.signal.aborted) timer = setTimeout(() => void tick(), POLL_MS);
    };
    timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }

  async refresh(signal?: AbortSignal): Promise<void> {
    try {
      const job = await this.read(signal);
      if (signal?.aborted) return;
      this.failure = null;
      this.#show(job);
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      this.failure = refused(error);
      if (this.status === 'loading') this.status = 'error';
    }
  }

  #show(job: JobState): void {
    const before = this.job;
    this.job = job;
    if (before?.state === 'running' && job.state === 'idle') this.announcer.say(finishedText(this.words, job));
  }

  /** Starts a run, unless one is running; a refusal because one started elsewhere shows that run instead. */
  async start(begin: () => Promise<JobState>): Promise<void> {
    if (this.running) return;
    let started: JobState | null = null;
    const ok = await this.action.run(
      async () => {
        started = await begin();
        this.job = started;
        this.status = 'ready';
        this.owner().changed();
      },
      () => startedText(this.words, started!),
    );
    if (!ok && this.action.error?.status === 409) await this.refresh();
  }
}

/** The Entities panel: extraction over the archive, and retraining the tagger with journalists' corrections. */
export class EntityJobsState {
  announcer = new Announcer();
  extraction: JobWatch;
  training: JobWatch;

  /** `owner` is read when needed, so that components may pass their props through it. */
  constructor(owner: () => AdminOwner) {
    this.extraction = new JobWatch(owner, EXTRACTION_WORDS, extractionApi.extraction, this.announcer);
    this.training = new JobWatch(owner, TRAINING_WORDS, extractionApi.training, this.announcer);
  }

  /** Without `all`, the documents never scanned or changed since; with it, every document again. */
  extract(all: boolean): Promise<void> {
    return this.extraction.start(() => extractionApi.startExtraction({ all }));
  }

  retrain(): Promise<void> {
    return this.training.start(() => extractionApi.startTraining());
  }
}
