import { Worker } from 'node:worker_threads';
import { packBody } from './body-packing.mjs';
import type { NewDocument } from './document-writer.ts';
import type { WriteReply, WriteRequest } from './document-writer.thread.ts';

interface Pending {
  resolve(ids: Map<string, number>): void;
  reject(error: Error): void;
}

export class DocumentWriterThreadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DocumentWriterThreadError';
  }
}

/**
 * The import's batches written on a thread of their own, on a second connection to the same database, so
 * that on two cores the next batch is read and prepared while this one is written (bench:scale, import ÷
 * raw). Same transactions, one per batch, as DocumentWriter.saveAll in the main thread.
 */
export class DocumentWriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(path: string) {
    this.worker = new Worker(new URL('./document-writer.worker.mjs', import.meta.url), { workerData: { path } });
    this.worker.on('message', (reply: WriteReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if ('error' in reply) pending.reject(new DocumentWriterThreadError(reply.error.message, reply.error.code));
      else pending.resolve(reply.ids);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new DocumentWriterThreadError(`The import's writer thread stopped (exit code ${code}).`)));
  }

  saveAll(documents: NewDocument[], replaceIds: Map<string, number>): Promise<Map<string, number>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Packed here: the writer thread is the import's busier half (bench/README.md, "Import on two threads").
      const packed = documents.map((d) => ({ ...d, packedBody: d.packedBody ?? packBody(d.body) }));
      this.worker.postMessage({ id, documents: packed, replaceIds } satisfies WriteRequest);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
