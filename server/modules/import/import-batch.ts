import type { DocumentWriter, NewDocument } from '../../../db/document-writer.ts';
import type { DocumentWriterThread } from '../../../db/document-writer-thread.ts';
import type { PreparedDocument } from '../../pipeline/prepare-document.ts';
import type { ImportSummary } from './import.service.ts';

// Several documents share one transaction: fast, and still all-or-nothing for each of them.
export const BATCH_DOCUMENTS = 1000;
const BATCH_BYTES = 32 * 1024 * 1024;
// Batches sent to the writer thread and not yet stored: two keep both threads busy when a batch takes about as
// long to prepare as to write (bench:scale), and bound what waits in memory.
const IN_FLIGHT = 2;

/**
 * Collects prepared documents and writes them a transaction at a time, in the order they came (parents first).
 * Once a first batch is full, batches go to a writer thread (when one can be opened): the next batches are read
 * and prepared while the last ones are written, at most IN_FLIGHT of them waiting (each up to BATCH_BYTES).
 */
export class Batch {
  private pending: NewDocument[] = [];
  private thread: DocumentWriterThread | undefined;
  private inFlight: Array<Promise<void>> = [];
  private replace = new Map<string, number>();
  private bytes = 0;
  // sha256 → the file that brought it first in this import.
  private seenSha = new Map<string, string>();
  private seenRef = new Set<string>();
  /** Documents found already imported with the same content: what an interrupted import had stored. */
  readonly unchanged: number[] = [];

  constructor(
    private readonly repository: DocumentWriter,
    private readonly collectionId: number,
    private readonly summary: ImportSummary,
    /** Runs before each write: makes the originals the documents name durable first. */
    private readonly beforeWrite?: () => Promise<void>,
    private readonly batchDocuments = BATCH_DOCUMENTS,
    /** A writer thread for an import of more than one batch; without it every batch is written here. */
    private readonly openThread?: () => DocumentWriterThread,
  ) {}

  async add(doc: PreparedDocument): Promise<void> {
    const earlier = this.seenSha.get(doc.sha256);
    if (earlier !== undefined) {
      this.skip(doc, `same content as ${earlier}, earlier in this import`);
      return;
    }
    const existing = this.repository.findExisting(doc.sha256, doc.ref);
    const same = existing.find((e) => e.sha256 === doc.sha256);
    if (same) {
      // An older import kept no original; this one has just stored it.
      if (doc.original) this.repository.addMissingOriginal(same.id, doc.original);
      // Its ref stays taken in this import, as in a first import of these files: a later record claiming it
      // is kept beside it, not over it (otherwise re-running an interrupted import would replace it).
      this.seenRef.add(doc.ref);
      this.unchanged.push(same.id);
      this.skip(doc, `unchanged: already imported as ${same.ref}`);
      return;
    }
    const sameRef = existing.find((e) => e.ref === doc.ref);
    if ((sameRef && doc.refDerived) || this.seenRef.has(doc.ref)) {
      // Two different files with the same name: keep both rather than let one replace the other.
      doc.ref = `${doc.ref}-${doc.sha256.slice(0, 8)}`;
    } else if (sameRef) {
      this.replace.set(doc.ref, sameRef.id);
    }
    this.seenSha.set(doc.sha256, doc.sourceFile);
    this.seenRef.add(doc.ref);
    this.pending.push({ ...doc, collectionId: this.collectionId });
    this.bytes += doc.body.length;
    if (this.pending.length >= this.batchDocuments || this.bytes >= BATCH_BYTES) await this.write(true);
  }

  /** Writes what is pending and waits until every batch is stored. */
  async finish(): Promise<void> {
    await this.write(false);
    await this.written();
  }

  /** Stops the writer thread, once the import ends either way; a batch still in flight is rolled back with it (nothing half-written). */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.close();
  }

  private async write(more: boolean): Promise<void> {
    if (this.pending.length === 0) return;
    while (this.inFlight.length >= IN_FLIGHT) await this.inFlight.shift();
    await this.beforeWrite?.();
    const documents = this.pending;
    const replace = this.replace;
    this.pending = [];
    this.replace = new Map();
    this.bytes = 0;
    if (more && this.openThread) this.thread ??= this.openThread();
    if (!this.thread) {
      this.record(documents, replace, this.repository.saveAll(documents, replace));
      return;
    }
    const flight = this.thread.saveAll(documents, replace).then((ids) => this.record(documents, replace, ids));
    // The failure is thrown by a later write or by finish(), not left unhandled meanwhile.
    flight.catch(() => {});
    this.inFlight.push(flight);
  }

  private async written(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  private record(documents: NewDocument[], replace: Map<string, number>, ids: Map<string, number>): void {
    for (const doc of documents) {
      if (replace.has(doc.ref)) this.summary.updated++;
      else this.summary.imported++;
      this.summary.documents.push({ id: ids.get(doc.ref)!, ref: doc.ref, file: doc.sourceFile });
    }
  }

  private skip(doc: PreparedDocument, reason: string): void {
    this.summary.skipped++;
    this.summary.skippedFiles.push({ file: doc.sourceFile, reason });
  }
}
