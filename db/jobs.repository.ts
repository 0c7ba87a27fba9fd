import type BetterSqlite3 from 'better-sqlite3';
import { auditEventInsert, type AuditEntry } from './audit.repository.ts';
import type { Db, TroveDatabase } from './client.ts';
import type { JobStateName } from './schema.ts';

export interface JobRow {
  id: number;
  kind: string;
  state: JobStateName;
  cancelRequested: boolean;
  done: number;
  total: number | null;
  unit: string;
  params: Record<string, unknown>;
  checkpoint: unknown;
  error: string | null;
  createdById: number | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  runStartedAt: string | null;
  runDoneBefore: number;
  updatedAt: string;
  finishedAt: string | null;
}

export interface NewJob {
  kind: string;
  unit: string;
  params?: Record<string, unknown>;
  total?: number | null;
  /** A command-line import records itself already running; work started from the web waits its turn. */
  state: 'queued' | 'running';
  createdById: number | null;
  createdBy: string;
}

export interface JobProgress {
  done: number;
  total?: number | null;
  checkpoint?: unknown;
}

type RawJob = {
  id: number;
  kind: string;
  state: JobStateName;
  cancel_requested: number;
  done: number;
  total: number | null;
  unit: string;
  params: string;
  checkpoint: string | null;
  error: string | null;
  created_by_id: number | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  run_started_at: string | null;
  run_done_before: number;
  updated_at: string;
  finished_at: string | null;
};

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
const ACTIVE = `state in ('queued', 'running')`;

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function toJobRow(r: RawJob): JobRow {
  const params = parse(r.params);
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    cancelRequested: r.cancel_requested === 1,
    done: r.done,
    total: r.total,
    unit: r.unit,
    params: typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {},
    checkpoint: parse(r.checkpoint),
    error: r.error,
    createdById: r.created_by_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    runStartedAt: r.run_started_at,
    runDoneBefore: r.run_done_before,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

/**
 * The job table. Writes are prepared statements on the writer's connection, so that a batch of a job's work and
 * the progress and checkpoint it made commit in one transaction (better-sqlite3 nests them as savepoints).
 * The admin page's reads go through `reads` (the light-read lane): a few rows by key or the newest ones.
 */
export class JobsRepository {
  private readonly s: Record<string, BetterSqlite3.Statement<any[], any>>;

  constructor(
    private readonly db: TroveDatabase,
    private readonly reads: Db = db.lightReader,
  ) {
    const c = db.writerConnection;
    this.s = {
      insert: c.prepare(
        `insert into job (kind, state, unit, params, total, created_by_id, created_by, started_at, run_started_at)
         values (?, ?, ?, ?, ?, ?, ?, case when ? = 'running' then ${NOW} end, case when ? = 'running' then ${NOW} end)
         returning *`,
      ),
      byId: c.prepare('select * from job where id = ?'),
      latest: c.prepare('select * from job where kind = ? order by id desc limit 1'),
      active: c.prepare(`select * from job where kind = ? and ${ACTIVE} order by id limit 1`),
      runningOf: c.prepare(`select * from job where state = 'running' and kind in (select value from json_each(?)) order by id`),
      nextQueued: c.prepare(`select * from job where state = 'queued' and kind in (select value from json_each(?)) order by id limit 1`),
      begin: c.prepare(
        `update job set state = 'running', total = ?, checkpoint = ?, started_at = ${NOW}, run_started_at = ${NOW},
         run_done_before = 0, updated_at = ${NOW} where id = ? and state = 'queued'`,
      ),
      resume: c.prepare(`update job set run_started_at = ${NOW}, run_done_before = done, updated_at = ${NOW} where id = ?`),
      progress: c.prepare(
        `update job set done = ?, total = coalesce(?, total), checkpoint = coalesce(?, checkpoint), updated_at = ${NOW} where id = ?`,
      ),
      finish: c.prepare(
        `update job set state = ?, error = ?, finished_at = ${NOW}, updated_at = ${NOW} where id = ? and ${ACTIVE} returning *`,
      ),
      requestCancel: c.prepare(`update job set cancel_requested = 1, updated_at = ${NOW} where id = ? and ${ACTIVE} returning *`),
      cancelRequested: c.prepare('select cancel_requested from job where id = ?').pluck(),
    };
  }

  create(job: NewJob): JobRow {
    const params = JSON.stringify(job.params ?? {});
    const raw = this.s.insert!.get(
      job.kind,
      job.state,
      job.unit,
      params,
      job.total ?? null,
      job.createdById,
      job.createdBy,
      job.state,
      job.state,
    );
    return toJobRow(raw as RawJob);
  }

  /** Read on the writer: the runner and the routes that change a job need it as it is now. */
  find(id: number): JobRow | null {
    const raw = this.s.byId!.get(id) as RawJob | undefined;
    return raw ? toJobRow(raw) : null;
  }

  /** The newest job of this kind, if any. */
  latest(kind: string): JobRow | null {
    const raw = this.s.latest!.get(kind) as RawJob | undefined;
    return raw ? toJobRow(raw) : null;
  }

  /** The queued or running job of this kind, if any. */
  active(kind: string): JobRow | null {
    const raw = this.s.active!.get(kind) as RawJob | undefined;
    return raw ? toJobRow(raw) : null;
  }

  /** Jobs of these kinds left running: by a process that stopped, when the one asking has just started. */
  running(kinds: readonly string[]): JobRow[] {
    return (this.s.runningOf!.all(JSON.stringify(kinds)) as RawJob[]).map(toJobRow);
  }

  nextQueued(kinds: readonly string[]): JobRow | null {
    const raw = this.s.nextQueued!.get(JSON.stringify(kinds)) as RawJob | undefined;
    return raw ? toJobRow(raw) : null;
  }

  /** A queued job starts: what it has to do and where it starts. False when it was cancelled meanwhile. */
  begin(id: number, total: number | null, checkpoint: unknown): boolean {
    return this.s.begin!.run(total, JSON.stringify(checkpoint ?? null), id).changes === 1;
  }

  /** A job left running is taken up again: its rate counts from here. */
  resume(id: number): void {
    this.s.resume!.run(id);
  }

  progress(id: number, p: JobProgress): void {
    const checkpoint = p.checkpoint === undefined ? null : JSON.stringify(p.checkpoint);
    this.s.progress!.run(p.done, p.total ?? null, checkpoint, id);
  }

  /** Ends a queued or running job; null when it had ended already. */
  finish(id: number, state: 'done' | 'failed' | 'cancelled', error: string | null = null): JobRow | null {
    const raw = this.s.finish!.get(state, error, id) as RawJob | undefined;
    return raw ? toJobRow(raw) : null;
  }

  /** Asks a queued or running job to stop; null when it had ended already. */
  requestCancel(id: number): JobRow | null {
    const raw = this.s.requestCancel!.get(id) as RawJob | undefined;
    return raw ? toJobRow(raw) : null;
  }

  cancelRequested(id: number): boolean {
    return this.s.cancelRequested!.get(id) === 1;
  }

  /** Records an admin's start or cancel; inside transaction(), it lands with the change or not at all. */
  audit(entry: AuditEntry): void {
    const { sql, parameters } = auditEventInsert(this.db.writer, entry).compile();
    this.db.writerConnection.prepare(sql).run(...parameters);
  }

  /** Runs `work` in one write transaction (a savepoint inside one already open). */
  transaction<T>(work: () => T): T {
    return this.db.writerConnection.transaction(work).immediate();
  }

  /** The newest jobs first. */
  async list(limit: number): Promise<JobRow[]> {
    const rows = await this.reads.selectFrom('job').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => toJobRow(r as RawJob));
  }

  async get(id: number): Promise<JobRow | null> {
    const row = await this.reads.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJobRow(row as RawJob) : null;
  }
}
