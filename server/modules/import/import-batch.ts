import type { DocumentWriter, NewDocument } from '../../../db/document-writer.ts';
import type { PreparedDocument } from '../../pipeline/prepare-document.ts';
import type { ImportSummary } from './import.service.ts';

// Several documents share one transaction: fast, and still all-or-nothing for each of them.
export const BATCH_DOCUMENTS = 1000;
const BATCH_BYTES = 32 * 1024 * 1024;

/** Collects prepared documents and writes them a transaction at a time, in the order they came (parents first). */
export class Batch {
  private pending: NewDocument[] = [];
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
    if (this.pending.length >= this.batchDocuments || this.bytes >= BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.beforeWrite?.();
    const ids = this.repository.saveAll(this.pending, this.replace);
    for (const doc of this.pending) {
      if (this.replace.has(doc.ref)) this.summary.updated++;
      else this.summary.imported++;
      this.summary.documents.push({ id: ids.get(doc.ref)!, ref: doc.ref, file: doc.sourceFile });
    }
    this.pending = [];
    this.replace = new Map();
    this.bytes = 0;
  }

  private skip(doc: PreparedDocument, reason: string): void {
    this.summary.skipped++;
    this.summary.skippedFiles.push({ file: doc.sourceFile, reason });
  }
}
