import { Worker } from 'node:worker_threads';
import type { FoundMention, GazetteerEntry } from '../../pipeline/entities/entity.types.ts';

/** A document as the extraction reads it. */
export interface DocumentText {
  id: number;
  body: string;
  language: string | null;
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

/**
 * The extraction's own worker thread: rules, gazetteer and tagger are CPU work, so they run there and the
 * main thread stays free for requests; the main thread only writes what comes back.
 */
export class WorkerExtractor implements Extractor {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: ExtractedDocument[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor() {
    this.worker = new Worker(new URL('./extraction.worker.mjs', import.meta.url));
    // An abandoned run (its database closed under it) must not keep a command or a test process alive.
    this.worker.unref();
    this.worker.on('message', (message: ThreadResponse) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.results);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`The extraction thread stopped (exit code ${code}).`)));
  }

  extract(documents: DocumentText[], gazetteer: GazetteerEntry[] | null): Promise<ExtractedDocument[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, documents, gazetteer } satisfies ThreadRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
