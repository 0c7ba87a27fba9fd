import { Worker } from 'node:worker_threads';
import type { FoundMention, GazetteerEntry } from '../../pipeline/entities/entity.types.ts';

/** A document as the extraction reads it. */
export interface DocumentText {
  id: number;
  body: string;
  language: string | null;
  /** The document's own date (ISO), which dates written without a year are read against. */
  date: string | null;
  sha256: string;
}

export interface ExtractedDocument {
  documentId: number;
  /** The hash of the body the mentions were found in. */
  sha256: string;
  mentions: FoundMention[];
}

/** Finds mentions in documents somewhere other than the caller's thread. */
export interface Extractor {
  /** How many batches it works on at once (its threads). */
  readonly parallelism: number;
  /** `gazetteer` replaces the one used so far (send it with a run's first batch). */
  extract(documents: DocumentText[], gazetteer: GazetteerEntry[] | null): Promise<ExtractedDocument[]>;
  close(): Promise<void>;
}

export interface ThreadRequest {
  id: number;
  documents: DocumentText[];
  gazetteer: GazetteerEntry[] | null;
}

export type ThreadResponse = { id: number; results: ExtractedDocument[]; error?: undefined } | { id: number; error: string };

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (r: ExtractedDocument[]) => void; reject: (e: Error) => void }>;
  failure: Error | null;
  /** Whether the thread has the current gazetteer. */
  current: boolean;
}

/**
 * The extraction's own worker threads: rules, gazetteer and tagger are CPU work, so they run there and
 * the main thread stays free for requests; the main thread only writes what comes back.
 */
export class WorkerExtractor implements Extractor {
  private readonly threads: Thread[];
  private gazetteer: GazetteerEntry[] = [];
  private nextId = 1;

  constructor(readonly parallelism = 1) {
    this.threads = Array.from({ length: Math.max(1, parallelism) }, () => this.startThread());
  }

  extract(documents: DocumentText[], gazetteer: GazetteerEntry[] | null): Promise<ExtractedDocument[]> {
    if (gazetteer) {
      this.gazetteer = gazetteer;
      for (const t of this.threads) t.current = false;
    }
    const thread = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    if (thread.failure) return Promise.reject(thread.failure);
    const id = this.nextId++;
    const request: ThreadRequest = { id, documents, gazetteer: thread.current ? null : this.gazetteer };
    thread.current = true;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private startThread(): Thread {
    const worker = new Worker(new URL('./extraction.worker.mjs', import.meta.url));
    // An abandoned run (its database closed under it) must not keep a command or a test process alive.
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), failure: null, current: false };
    worker.on('message', (message: ThreadResponse) => {
      const pending = thread.pending.get(message.id);
      if (!pending) return;
      thread.pending.delete(message.id);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.results);
    });
    const fail = (error: Error) => {
      thread.failure ??= error;
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The extraction thread stopped (exit code ${code}).`)));
    return thread;
  }
}
