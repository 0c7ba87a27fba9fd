import type { AuditEntry } from '../../../db/audit.repository.ts';
import type { EntityExtractionRepository } from '../../../db/entity-extraction.repository.ts';
import type { GazetteerEntry } from '../../pipeline/entities/entity.types.ts';
import { EXTRACTOR_VERSION } from '../../pipeline/entities/extract-entities.ts';
import type { Actor } from '../auth/viewer.ts';
import { WorkerExtractor, type DocumentText, type ExtractedDocument, type Extractor } from './extraction.extractor.ts';

/** A background job as the API shows it: extraction runs and NER training share the shape. */
export interface JobState {
  state: 'idle' | 'running';
  done: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** What a run stored, for the command line's summary. */
export interface RunCounts {
  /** Machine suggestions stored. */
  suggested: number;
  /** Mentions a person decided, moved to where their text went in a changed body, or dropped because it is gone. */
  moved: number;
  dropped: number;
}

export const IDLE_JOB: JobState = { state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null, error: null };

export interface ExtractionOptions {
  /** False once the database is closed: a run still going then stops quietly. */
  isOpen: () => boolean;
  createExtractor?: () => Extractor;
  /**
   * Extraction threads. The server keeps to one, leaving the other cores to searches; a command-line
   * run, with nobody searching, may use every core.
   */
  threads?: number;
  clock?: () => Date;
  audit?: (entry: AuditEntry) => Promise<void>;
}

// What one message to the thread carries: enough to keep it busy while the main thread writes the last batch.
const BATCH_DOCUMENTS = 64;
const BATCH_CHARS = 1_000_000;
// Documents per write transaction (each on its own savepoint): sharing a commit is what makes writing fast.
const WRITE_GROUP = 16;

/**
 * Runs entity extraction as a queued job: imports queue the documents they stored, admins and
 * `trove entities extract` queue the stale ones (or all). The thread finds the mentions; the main
 * thread writes them, each document all or nothing, yielding between small groups so requests are answered.
 */
export class ExtractionService {
  private readonly queued = new Set<number>();
  private job: JobState = { ...IDLE_JOB };
  private counts: RunCounts = { suggested: 0, moved: 0, dropped: 0 };
  private running: Promise<void> | null = null;
  // Set when a spread asks a running run to send the threads the gazetteer as it is now.
  private freshGazetteer = false;
  private closed = false;
  private readonly clock: () => Date;
  /** Threads for the next run (see ExtractionOptions.threads). */
  threads: number;

  constructor(
    private readonly repository: EntityExtractionRepository,
    private readonly options: ExtractionOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.threads = options.threads ?? 1;
  }

  status(): JobState {
    return { ...this.job };
  }

  /** What the current or last run stored. */
  runCounts(): RunCounts {
    return { ...this.counts };
  }

  /** Queues documents (an import's new and changed ones); returns at once. */
  queue(documentIds: Iterable<number>): JobState {
    if (this.closed) return this.status();
    let added = 0;
    for (const id of documentIds) {
      if (this.queued.has(id)) continue;
      this.queued.add(id);
      added++;
    }
    if (added === 0) return this.status();
    if (this.running) this.job.total += added;
    else this.kick();
    return this.status();
  }

  /**
   * Queues those of these documents that were never scanned: an import run again over files it had stored
   * before it was stopped (kill -9, a crash) finishes their extraction too.
   */
  queueUnscanned(documentIds: readonly number[]): JobState {
    return this.queue(this.repository.unscanned(documentIds));
  }

  private kick(): void {
    this.running = this.run().finally(() => {
      this.running = null;
      // Documents queued while the last run was finishing start the next one.
      if (this.queued.size > 0 && !this.closed) this.kick();
    });
  }

  /**
   * Queues the documents never scanned or changed since, or with `all` every document — how a person's
   * corrections (the gazetteer of confirmed entities) reach the whole archive. Audited when someone asks for it.
   */
  async start(options: { all?: boolean }, actor?: Actor): Promise<JobState> {
    const all = options.all ?? false;
    const ids = this.repository.documentsToScan(all, EXTRACTOR_VERSION);
    await this.options.audit?.({
      actorId: actor?.id ?? null,
      actor: actor?.name ?? 'system',
      action: 'extraction.start',
      subjectType: 'extraction',
      subjectId: all ? 'all' : 'pending',
      after: { all, documents: ids.length },
    });
    if (ids.length === 0 && !this.running && !this.closed) {
      // Nothing to do is a run that is already over, not the state of the run before.
      const now = this.now();
      this.job = { state: 'idle', done: 0, total: 0, startedAt: now, finishedAt: now, error: null };
      this.counts = { suggested: 0, moved: 0, dropped: 0 };
    }
    return this.queue(ids);
  }

  /**
   * After a person confirms, creates or edits an entity: the documents holding one of its spellings are
   * extracted again with the gazetteer as it is now, so that the correction reaches them at once; a full
   * run (`start({ all: true })`) also reaches spellings that are not aliases yet. Returns at once.
   */
  spread(entityId: number): JobState {
    if (this.closed || !this.options.isOpen()) return this.status();
    this.freshGazetteer = true;
    return this.queue(this.repository.documentsWithSpellings(entityId));
  }

  /** Resolves when nothing is queued or running; with the final state of the last run. */
  async whenIdle(): Promise<JobState> {
    while (this.running) await this.running;
    return this.status();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queued.clear();
    await this.whenIdle();
  }

  private async run(): Promise<void> {
    this.job = { state: 'running', done: 0, total: this.queued.size, startedAt: this.now(), finishedAt: null, error: null };
    this.counts = { suggested: 0, moved: 0, dropped: 0 };
    // Yield first: the import that queued this returns before any extraction work starts.
    await new Promise((resolve) => setImmediate(resolve));
    let extractor: Extractor | null = null;
    try {
      if (!this.open()) return;
      this.repository.beginRun();
      extractor = (this.options.createExtractor ?? (() => new WorkerExtractor(this.threads)))();
      // Batches in flight: one per thread, plus one, so that no thread waits while this one writes.
      const inFlight: Array<Promise<ExtractedDocument[]>> = [];
      let gazetteer: GazetteerEntry[] | null = this.repository.gazetteerEntries();
      this.freshGazetteer = false;
      const fill = (target: Extractor) => {
        if (this.freshGazetteer) {
          this.freshGazetteer = false;
          gazetteer = this.repository.gazetteerEntries();
        }
        while (inFlight.length <= target.parallelism) {
          const next = this.send(target, gazetteer);
          if (!next) break;
          gazetteer = null;
          inFlight.push(next);
        }
      };
      fill(extractor);
      while (inFlight.length > 0 && this.open()) {
        const results = await inFlight.shift()!;
        fill(extractor);
        await this.write(results);
        fill(extractor);
      }
    } catch (error) {
      // What was still queued is left for the next run (the documents stay unscanned, so `start` finds them).
      this.queued.clear();
      this.job.error = `Extraction stopped: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (!this.open()) this.queued.clear();
      await extractor?.close().catch(() => undefined);
      this.job = { ...this.job, state: 'idle', finishedAt: this.now() };
    }
  }

  /** The next batch, sent to the thread now so that it works while this thread writes; null when the queue is empty. */
  private send(extractor: Extractor, gazetteer: GazetteerEntry[] | null): Promise<ExtractedDocument[]> | null {
    const documents: DocumentText[] = [];
    let chars = 0;
    for (const id of this.queued) {
      if (documents.length >= BATCH_DOCUMENTS || chars >= BATCH_CHARS) break;
      this.queued.delete(id);
      const doc = this.repository.loadDocument(id);
      if (doc) {
        documents.push(doc);
        chars += doc.body.length;
      } else this.job.done++;
    }
    if (documents.length === 0) return null;
    const promise = extractor.extract(documents, gazetteer);
    // Awaited after the current batch is written; until then its failure must not count as unhandled.
    promise.catch(() => undefined);
    return promise;
  }

  private async write(results: ExtractedDocument[]): Promise<void> {
    for (let i = 0; i < results.length && this.open(); i += WRITE_GROUP) {
      const group = results.slice(i, i + WRITE_GROUP);
      try {
        const saved = this.repository.saveDocuments(group, EXTRACTOR_VERSION);
        saved.forEach((outcome, k) => {
          if (outcome instanceof Error) this.job.error = `Document ${group[k]!.documentId}: ${outcome.message}`;
          else this.add(outcome);
        });
      } catch (error) {
        this.job.error = `Documents ${group[0]!.documentId}–${group.at(-1)!.documentId}: ${error instanceof Error ? error.message : String(error)}`;
      }
      this.job.done += group.length;
      // Between two groups the thread answers requests: a group is a few milliseconds of writing.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private add(saved: RunCounts): void {
    this.counts.suggested += saved.suggested;
    this.counts.moved += saved.moved;
    this.counts.dropped += saved.dropped;
  }

  private open(): boolean {
    return !this.closed && this.options.isOpen();
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
