import type { ServerResponse } from 'node:http';
import type { JobsRepository } from '../../../db/jobs.repository.ts';
import { LIST_LIMIT, type JobsService } from './jobs.service.ts';
import type { Job } from './jobs.schemas.ts';

export interface JobEventsOptions {
  /** How often the job table is read while someone listens; another process (trove import) writes it too. */
  pollMs?: number;
  /** How long one stream lasts before the client must ask again (and be let in again). */
  streamMs?: number;
}

const DEFAULT_POLL_MS = 1000;
// A stream is ended after this long and the browser opens it again (EventSource does): asking again is what
// shuts out an admin who signed out or lost the role meanwhile, since the server answers that request 401 or 403.
const STREAM_MS = 5 * 60_000;
// A comment line now and then, so that proxies do not take a quiet stream for a dead one.
const KEEP_ALIVE_TICKS = 15;

// Two writes within a millisecond share updated_at: the counts tell them apart.
const signature = (job: Job) => `${job.updatedAt}|${job.state}|${job.done}|${job.total}|${job.cancelRequested}`;
const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Server-sent events of job progress: each listener gets the list when it connects, then each job whose row
 * changed (a batch, a state, a cancel). One timer reads the table for every listener, and only while there is one.
 */
export class JobEvents {
  /** Each open stream, with the timer that ends it. */
  private readonly clients = new Map<ServerResponse, NodeJS.Timeout>();
  private readonly seen = new Map<number, string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private ticks = 0;
  private closed = false;

  constructor(
    private readonly repository: JobsRepository,
    private readonly service: JobsService,
    private readonly options: JobEventsOptions = {},
  ) {}

  /** Takes over a response: headers, the first snapshot, then changes until the client leaves or the server closes. */
  async add(response: ServerResponse): Promise<void> {
    if (this.closed) {
      response.end();
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise hold events back to fill a buffer.
      'x-accel-buffering': 'no',
    });
    const expire = () => {
      this.remove(response);
      response.end();
    };
    this.clients.set(response, setTimeout(expire, this.options.streamMs ?? STREAM_MS));
    response.on('close', () => this.remove(response));
    const list = await this.service.list();
    if (this.clients.has(response)) response.write(`retry: 3000\n${frame('jobs', list)}`);
    if (this.seen.size === 0) for (const job of list.jobs) this.seen.set(job.id, signature(job));
    this.timer ??= setInterval(() => void this.tick(), this.options.pollMs ?? DEFAULT_POLL_MS);
  }

  /** Ends every stream (the server is closing), so that closing does not wait for clients that never leave. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const [client, expiry] of this.clients) {
      clearTimeout(expiry);
      client.end();
    }
    this.clients.clear();
  }

  private remove(response: ServerResponse): void {
    clearTimeout(this.clients.get(response));
    this.clients.delete(response);
    if (this.clients.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.seen.clear();
    }
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.clients.size === 0) return;
    this.ticking = true;
    try {
      const rows = await this.repository.list(LIST_LIMIT);
      let out = '';
      for (const row of rows.reverse()) {
        const job = this.service.view(row);
        if (this.seen.get(row.id) === signature(job)) continue;
        this.seen.set(row.id, signature(job));
        out += frame('job', job);
      }
      if (++this.ticks % KEEP_ALIVE_TICKS === 0) out += ': keep-alive\n\n';
      if (out) for (const client of this.clients.keys()) client.write(out);
    } catch {
      // The database closing under a last tick: the next tick, if there is one, reads again.
    } finally {
      this.ticking = false;
    }
  }
}
