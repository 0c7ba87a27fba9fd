import { Worker } from 'node:worker_threads';
import { readAndPrepare, type FileRequest, type FileResult } from './read-file.ts';

export interface FilePreparer {
  prepare(request: FileRequest): Promise<FileResult>;
  close(): Promise<void>;
}

/** Prepares files on the calling thread: for small imports, where a worker's start-up costs more than it saves. */
export const inlinePreparer: FilePreparer = {
  prepare: readAndPrepare,
  close: async () => {},
};

export const FILE_TIMEOUT_MS = 120_000;

interface Pending {
  request: FileRequest;
  resolve: (result: FileResult) => void;
  timer?: NodeJS.Timeout;
}

const failed = (reason: string): FileResult => ({ documents: [], problems: [{ reason }] });

/**
 * Prepares files in a worker thread, in order. A file that crashes or hangs the extractor (a hostile
 * PDF, say) costs only that file: it is reported as failed, the worker is replaced, and the files
 * queued behind it are sent to the new one.
 */
export class WorkerPreparer implements FilePreparer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly timeoutMs = FILE_TIMEOUT_MS) {}

  prepare(request: FileRequest): Promise<FileResult> {
    return new Promise<FileResult>((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { request, resolve });
      this.send(id);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private send(id: number): void {
    const pending = this.pending.get(id)!;
    // Files are read one after another, so a file's clock starts when the one before it is done.
    if (this.pending.keys().next().value === id) this.startClock(id);
    this.ensureWorker().postMessage({ id, request: pending.request });
  }

  private startClock(id: number): void {
    const pending = this.pending.get(id);
    if (!pending || pending.timer) return;
    pending.timer = setTimeout(
      () => this.abandon(id, `Reading the file took longer than ${this.timeoutMs / 1000} seconds.`),
      this.timeoutMs,
    );
  }

  private settle(id: number, result: FileResult): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.resolve(result);
    const next = this.pending.keys().next();
    if (!next.done) this.startClock(next.value);
  }

  /** The file being read failed the worker: report it, start a fresh worker, resend the queue. */
  private abandon(id: number, reason: string): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    this.settle(id, failed(`The file could not be read: ${reason}`));
    for (const queued of [...this.pending.keys()]) {
      clearTimeout(this.pending.get(queued)!.timer);
      this.pending.get(queued)!.timer = undefined;
      this.send(queued);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./prepare.worker.mjs', import.meta.url));
    worker.on('message', (message: { id: number; result?: FileResult; error?: string }) => {
      this.settle(message.id, message.error === undefined ? message.result! : failed(`The file could not be read: ${message.error}`));
    });
    const current = () => this.pending.keys().next().value;
    worker.on('error', (error) => this.worker === worker && current() !== undefined && this.abandon(current()!, error.message));
    worker.on(
      'exit',
      (code) => this.worker === worker && current() !== undefined && this.abandon(current()!, `the reader stopped (exit code ${code})`),
    );
    this.worker = worker;
    return worker;
  }
}
