import { untrack } from 'svelte';
import { ApiError } from '../api/client.ts';
import { JOB_EVENTS_URL, jobsApi, type Job, type JobKind, type JobList } from '../api/jobs.ts';
import { changeAnnouncement } from '../jobs-format.ts';
import { Action, Announcer, refused, type AdminOwner } from './admin-action.svelte.ts';

/**
 * The jobs panel: the list as the server's event stream sends it (the whole list on connecting, then each job
 * that changed), starting a kind and cancelling a job. The stream is open only while an admin has the panel open.
 */
export class JobsState {
  status: 'loading' | 'ready' | 'error' = $state('loading');
  jobs: Job[] = $state.raw([]);
  kinds: JobKind[] = $state.raw([]);
  failure: ApiError | null = $state(null);
  /** False while the stream is down; the browser reconnects by itself and the list then comes again whole. */
  live = $state(false);
  announcer = new Announcer();
  starting: Action;
  cancelling: Action;
  startable = $derived(this.kinds.filter((k) => k.startable));

  constructor(private readonly owner: () => AdminOwner) {
    this.starting = new Action(() => this.announcer);
    this.cancelling = new Action(() => this.announcer);
    $effect(() => {
      if (!owner().enabled) return;
      return untrack(() => this.#connect());
    });
  }

  /** Whether a job of the kind is queued or running: its start button then says so instead of starting another. */
  busy(kind: string): boolean {
    return this.jobs.some((j) => j.kind === kind && (j.state === 'queued' || j.state === 'running'));
  }

  async start(kind: JobKind): Promise<void> {
    if (this.busy(kind.kind)) return;
    let started: Job | null = null;
    const ok = await this.starting.run(
      async () => {
        started = await jobsApi.start({ kind: kind.kind });
        this.#merge(started, false);
        this.owner().changed();
      },
      () => {
        // The event stream may have told of it running or ending before this answer came: that is the news then.
        const now = this.jobs.find((j) => j.id === started!.id);
        const later = now && now !== started ? changeAnnouncement(started!, now) : null;
        return later ?? `${kind.label} is queued as job ${started!.id}.`;
      },
    );
    // Started meanwhile elsewhere (another admin, another tab): the list shows that job instead.
    if (!ok && this.starting.error?.status === 409) await this.refresh();
  }

  async cancel(job: Job): Promise<void> {
    await this.cancelling.run(
      async () => {
        this.#merge(await jobsApi.cancel(job.id), false);
        this.owner().changed();
      },
      () =>
        job.state === 'queued'
          ? `${job.label} (job ${job.id}) was cancelled.`
          : `${job.label} (job ${job.id}) stops after its current batch.`,
    );
  }

  /** The list by a plain request: before the stream's first event, and when a refusal needs its reason in words. */
  async refresh(signal?: AbortSignal): Promise<void> {
    try {
      this.#show(await jobsApi.list(signal));
    } catch (error) {
      if (signal?.aborted) return;
      this.failure = refused(error);
      if (this.status === 'loading') this.status = 'error';
    }
  }

  #connect(): () => void {
    const controller = new AbortController();
    const source = new EventSource(JOB_EVENTS_URL);
    source.addEventListener('jobs', (event) => {
      this.live = true;
      this.#show(JSON.parse((event as MessageEvent<string>).data) as JobList);
    });
    source.addEventListener('job', (event) => this.#merge(JSON.parse((event as MessageEvent<string>).data) as Job, true));
    source.addEventListener('error', () => {
      this.live = false;
      // Closed for good (the server refused: signed out, no longer an admin): the plain request says why.
      if (source.readyState === EventSource.CLOSED) void this.refresh(controller.signal);
    });
    return () => {
      controller.abort();
      source.close();
    };
  }

  #show(list: JobList): void {
    this.kinds = list.kinds;
    const before = this.jobs;
    this.jobs = list.jobs;
    if (this.status === 'ready')
      for (const job of list.jobs)
        this.#announce(
          before.find((j) => j.id === job.id),
          job,
        );
    this.failure = null;
    this.status = 'ready';
  }

  /** One job as it is now: replaced in place, or added at the top (the list is newest first). */
  #merge(job: Job, announce: boolean): void {
    const index = this.jobs.findIndex((j) => j.id === job.id);
    const before = index === -1 ? undefined : this.jobs[index];
    // An event from before a change made here must not undo it on the page.
    if (before && before.updatedAt > job.updatedAt) return;
    this.jobs = index === -1 ? [job, ...this.jobs] : this.jobs.map((j) => (j.id === job.id ? job : j));
    if (announce) this.#announce(before, job);
  }

  #announce(before: Job | undefined, job: Job): void {
    const text = changeAnnouncement(before, job);
    if (text) this.announcer.say(text);
  }
}
