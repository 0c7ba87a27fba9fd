import { relative } from 'node:path';
import type { DocumentWriter, NewDocument } from '../../../db/document-writer.ts';
import type { DocumentKind, Visibility } from '../../../db/schema.ts';
import type { LinkSummary } from '../../pipeline/quotes/quote.types.ts';
import { SUPPORTED_EXTENSIONS } from '../../pipeline/extract/extract.ts';
import type { PreparedDocument } from '../../pipeline/prepare-document.ts';
import { walk } from './file-walker.ts';
import { readAndPrepare, type FileResult } from './read-file.ts';

export interface ImportOptions {
  collection: string;
  /** Only for a collection this import creates; an existing collection keeps its visibility. Default: internal. */
  visibility?: Visibility;
  kind?: DocumentKind;
  maxFileBytes: number;
  /** Paths in reports are shown relative to this folder. */
  baseDir?: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  currentFile: string;
}

export interface ImportFailure {
  file: string;
  line?: number;
  reason: string;
}

export interface ImportSummary {
  imported: number;
  updated: number;
  skipped: number;
  failed: ImportFailure[];
  documents: Array<{ id: number; ref: string; file: string }>;
  /** Quote linking that ran after the documents were stored. */
  quotes?: LinkSummary;
}

export interface ImportHooks {
  /** Runs once the last document is stored, with the import's summary (quote linking, see services.ts). */
  afterImport?: (summary: ImportSummary) => Promise<LinkSummary | undefined>;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
// Several documents share one transaction: fast, and still all-or-nothing for each of them.
const BATCH_DOCUMENTS = 1000;
const BATCH_BYTES = 32 * 1024 * 1024;
const LOOKAHEAD = 3;

export class ImportService {
  constructor(
    private readonly documents: DocumentWriter,
    private readonly hooks: ImportHooks = {},
  ) {}

  async importPaths(paths: string[], options: ImportOptions): Promise<ImportSummary> {
    const summary: ImportSummary = { imported: 0, updated: 0, skipped: 0, failed: [], documents: [] };
    const base = options.baseDir ?? process.cwd();
    const shown = (path: string) => relative(base, path) || path;
    const found = await walk(paths, SUPPORTED_EXTENSIONS);
    summary.failed.push(...found.problems.map((p) => ({ file: shown(p.file), reason: p.reason })));
    summary.skipped += found.ignored;
    const collectionId = await this.documents.ensureCollection(options.collection, options.visibility);
    const batch = new Batch(this.documents, collectionId, summary);
    const progress: ImportProgress = {
      filesDone: 0,
      filesTotal: found.files.length,
      bytesDone: 0,
      bytesTotal: found.files.reduce((n, f) => n + f.size, 0),
      currentFile: '',
    };
    const requests = found.files.map((file) => ({
      file,
      shownPath: shown(file.path),
      maxFileBytes: options.maxFileBytes,
      defaultKind: options.kind,
    }));
    const ahead: Array<Promise<FileResult>> = [];
    for (let i = 0; i < requests.length; i++) {
      // Reading the next files overlaps with writing this one (file reads are asynchronous).
      while (ahead.length < LOOKAHEAD && i + ahead.length < requests.length) ahead.push(readAndPrepare(requests[i + ahead.length]!));
      const { documents, problems } = await ahead.shift()!;
      const request = requests[i]!;
      progress.currentFile = request.shownPath;
      options.onProgress?.(progress);
      summary.failed.push(...problems.map((p) => ({ file: request.shownPath, line: p.line, reason: p.reason })));
      for (const doc of documents) await batch.add(doc);
      progress.filesDone++;
      progress.bytesDone += request.file.size;
    }
    await batch.flush();
    options.onProgress?.(progress);
    const quotes = await this.hooks.afterImport?.(summary);
    if (quotes) summary.quotes = quotes;
    return summary;
  }
}

/** Collects prepared documents and writes them a transaction at a time. */
class Batch {
  private pending: NewDocument[] = [];
  private replace = new Map<string, number>();
  private bytes = 0;
  private seenSha = new Set<string>();
  private seenRef = new Set<string>();

  constructor(
    private readonly repository: DocumentWriter,
    private readonly collectionId: number,
    private readonly summary: ImportSummary,
  ) {}

  async add(doc: PreparedDocument): Promise<void> {
    if (this.seenSha.has(doc.sha256)) {
      this.summary.skipped++;
      return;
    }
    const existing = this.repository.findExisting(doc.sha256, doc.ref);
    if (existing.some((e) => e.sha256 === doc.sha256)) {
      this.summary.skipped++;
      return;
    }
    const sameRef = existing.find((e) => e.ref === doc.ref);
    if ((sameRef && doc.refDerived) || this.seenRef.has(doc.ref)) {
      // Two different files with the same name: keep both rather than let one replace the other.
      doc.ref = `${doc.ref}-${doc.sha256.slice(0, 8)}`;
    } else if (sameRef) {
      this.replace.set(doc.ref, sameRef.id);
    }
    this.seenSha.add(doc.sha256);
    this.seenRef.add(doc.ref);
    this.pending.push({ ...doc, collectionId: this.collectionId });
    this.bytes += doc.body.length;
    if (this.pending.length >= BATCH_DOCUMENTS || this.bytes >= BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const ids = this.repository.saveAll(this.pending, this.replace);
    for (const doc of this.pending) {
      if (this.replace.has(doc.ref)) this.summary.updated++;
      else this.summary.imported++;
      this.summary.documents.push({ id: ids.get(doc.ref)!, ref: doc.ref, file: doc.sourceFile! });
    }
    this.pending = [];
    this.replace = new Map();
    this.bytes = 0;
  }
}
