import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { DocumentWriter } from '../../../db/document-writer.ts';
import type { DocumentWriterThread } from '../../../db/document-writer-thread.ts';
import type { DocumentKind, Visibility } from '../../../db/schema.ts';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../../pipeline/archive/index.ts';
import type { LinkSummary } from '../../pipeline/quotes/quote.types.ts';
import { readAttachments, unpackArchive, type ContainedOptions, type Outcome } from './contained.ts';
import { walk, type FoundFile, type ListedFile } from './file-walker.ts';
import { Batch } from './import-batch.ts';
import { linkWarnings, noAccountWarning } from './import-warnings.ts';
import { formatBytes, readAndPrepare, unreadable, type FileRequest, type FileResult, type KeepOriginal } from './read-file.ts';

export interface ImportOptions {
  collection: string;
  /** Only for a collection this import creates; an existing collection keeps its visibility. Default: internal. */
  visibility?: Visibility;
  kind?: DocumentKind;
  maxFileBytes: number;
  /** Limits against hostile archives (TROVE_MAX_ARCHIVE_MB and its siblings); the largest archive file read is maxTotalBytes too. */
  archiveLimits?: ArchiveLimits;
  /** Follow symbolic links out of the folders imported (never twice to the same place). */
  followLinks?: boolean;
  /** Paths in reports are shown relative to this folder. */
  baseDir?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Tesseract languages for the scans of this import (`--ocr-lang eng+fas`); without it, per document. */
  ocrLanguages?: string[];
  /** Documents written per transaction (TROVE_IMPORT_BATCH); an interrupted import keeps every batch committed. */
  batchDocuments?: number;
  /** Stops between files (a cancel from the jobs page): what was read is stored, and the same import again resumes. */
  signal?: AbortSignal;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** Documents read so far (stored, or skipped as already imported). */
  documents: number;
  currentFile: string;
}

export interface ImportFailure {
  file: string;
  line?: number;
  reason: string;
}

export interface ImportSummary {
  /** Where the documents went, and who can read them. */
  collection: { name: string; visibility: Visibility; created: boolean };
  imported: number;
  updated: number;
  skipped: number;
  failed: ImportFailure[];
  /** Files Trove does not read (hidden system files, images, unknown types, links not followed), with why. */
  ignored: ListedFile[];
  /** The documents counted in `skipped`, with why (their content is already in the archive). */
  skippedFiles: ListedFile[];
  documents: Array<{ id: number; ref: string; file: string }>;
  /** Sentences for the person who ran the import: links not followed, a collection nobody can read yet. */
  warnings: string[];
  /** Quote linking that ran after the documents were stored. */
  quotes?: LinkSummary;
}

export interface ImportHooks {
  /**
   * Runs once the last document is stored, with the import's summary (quote linking, see services.ts) and the
   * documents found already imported unchanged, whose later steps an interrupted import may not have run.
   */
  afterImport?: (summary: ImportSummary, unchanged: readonly number[]) => Promise<LinkSummary | undefined>;
  /** Whether any account exists; without it the import cannot warn that nobody can read what it imported. */
  accountsExist?: () => Promise<boolean>;
  /** The collection as it is before the import; without it the summary reports the visibility asked for. */
  findCollection?: (name: string) => Promise<{ visibility: Visibility } | undefined>;
  /** Keeps the original of every file imported (server/modules/originals); without it none are kept. */
  keepOriginal?: KeepOriginal;
  /** The folder of that store, never imported itself when it lies inside a folder imported. */
  originalsDir?: string;
  /** Makes the originals kept so far durable; runs before each batch of documents is written. */
  syncOriginals?: () => Promise<void>;
  /** Opens a thread that writes the batches of a long import while the next one is prepared; without it they are written in turn. */
  writerThread?: () => DocumentWriterThread;
}

const failure = (file: string, line: number | undefined, reason: string): ImportFailure =>
  line === undefined ? { file, reason } : { file, line, reason };

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
const LOOKAHEAD = 3;
// readFile cannot read more into one buffer.
const MAX_READ_BYTES = 2 * 1024 ** 3 - 1;

export class ImportService {
  constructor(
    private readonly documents: DocumentWriter,
    private readonly hooks: ImportHooks = {},
  ) {}

  async importPaths(paths: string[], options: ImportOptions): Promise<ImportSummary> {
    const base = options.baseDir ?? process.cwd();
    const shown = (path: string) => relative(base, path) || path;
    const skipFolders = this.hooks.originalsDir === undefined ? [] : [this.hooks.originalsDir];
    const found = await walk(paths, { followLinks: options.followLinks, show: shown, skipFolders });
    const { id: collectionId, info: collection } = await this.openCollection(options);
    const summary: ImportSummary = {
      collection,
      imported: 0,
      updated: 0,
      skipped: 0,
      failed: found.problems.map((p) => ({ file: shown(p.file), reason: p.reason })),
      ignored: found.ignored.map((i) => ({ file: shown(i.file), reason: i.reason })),
      skippedFiles: [],
      documents: [],
      warnings: linkWarnings(found.links),
    };
    const batch = new Batch(
      this.documents,
      collectionId,
      summary,
      this.hooks.syncOriginals,
      options.batchDocuments,
      this.hooks.writerThread,
    );
    const contained: ContainedOptions = {
      maxFileBytes: options.maxFileBytes,
      defaultKind: options.kind,
      archiveLimits: options.archiveLimits ?? DEFAULT_ARCHIVE_LIMITS,
      ocrLanguages: options.ocrLanguages,
      keepOriginal: this.hooks.keepOriginal,
    };
    const settle = async (outcome: Outcome) => {
      if (outcome.type === 'document') await batch.add(outcome.document);
      else if (outcome.type === 'ignored') summary.ignored.push({ file: outcome.file, reason: outcome.reason });
      else summary.failed.push(failure(outcome.file, outcome.line, outcome.reason));
    };
    try {
      await this.readAll(found.files, shown, options, contained, settle);
      await batch.finish();
    } finally {
      await batch.close();
    }
    if (
      collection.visibility !== 'public' &&
      summary.imported + summary.updated + summary.skipped > 0 &&
      (await this.hooks.accountsExist?.()) === false
    ) {
      summary.warnings.push(noAccountWarning(collection.name, collection.visibility));
    }
    const quotes = await this.hooks.afterImport?.(summary, batch.unchanged);
    if (quotes) summary.quotes = quotes;
    return summary;
  }

  private async openCollection(options: ImportOptions) {
    const before = await this.hooks.findCollection?.(options.collection);
    const id = await this.documents.ensureCollection(options.collection, options.visibility);
    const visibility = before?.visibility ?? options.visibility ?? 'internal';
    const created = this.hooks.findCollection !== undefined && before === undefined;
    return { id, info: { name: options.collection, visibility, created } };
  }

  private async readAll(
    files: FoundFile[],
    shown: (path: string) => string,
    options: ImportOptions,
    contained: ContainedOptions,
    settle: (outcome: Outcome) => Promise<void>,
  ): Promise<void> {
    const progress: ImportProgress = {
      filesDone: 0,
      filesTotal: files.length,
      bytesDone: 0,
      bytesTotal: files.reduce((n, f) => n + f.size, 0),
      documents: 0,
      currentFile: '',
    };
    const settleCounted = async (outcome: Outcome) => {
      await settle(outcome);
      if (outcome.type !== 'document') return;
      progress.documents++;
      options.onProgress?.(progress);
    };
    const requests: FileRequest[] = files.map((file) => ({ file, shownPath: shown(file.path), ...contained }));
    // Archives are read when their turn comes, one at a time: they can be large.
    const read = (request: FileRequest) => (request.file.kind === 'archive' ? Promise.resolve(null) : readAndPrepare(request));
    const ahead: Array<Promise<FileResult | null>> = [];
    for (let i = 0; i < requests.length && !options.signal?.aborted; i++) {
      // Reading the next files overlaps with writing this one (file reads are asynchronous).
      while (ahead.length < LOOKAHEAD && i + ahead.length < requests.length) ahead.push(read(requests[i + ahead.length]!));
      const result = await ahead.shift()!;
      const request = requests[i]!;
      progress.currentFile = request.shownPath;
      options.onProgress?.(progress);
      if (result === null) {
        for await (const outcome of this.unpack(request, contained)) await settleCounted(outcome);
      } else {
        for (const document of result.documents) await settleCounted({ type: 'document', document });
        for (const p of result.problems) await settleCounted({ type: 'failed', file: request.shownPath, line: p.line, reason: p.reason });
        if (result.attachments.length > 0) {
          for await (const outcome of readAttachments(result.attachments, request.shownPath, contained)) await settleCounted(outcome);
        }
      }
      progress.filesDone++;
      progress.bytesDone += request.file.size;
    }
    // Files read ahead of a cancel are dropped, failures and all.
    for (const dropped of ahead) dropped.catch(() => undefined);
    options.onProgress?.(progress);
  }

  private async *unpack(request: FileRequest, contained: ContainedOptions): AsyncGenerator<Outcome> {
    const { file, shownPath } = request;
    const { maxTotalBytes } = contained.archiveLimits;
    if (file.size > Math.min(maxTotalBytes, MAX_READ_BYTES)) {
      const reason =
        file.size > MAX_READ_BYTES
          ? `The archive is ${formatBytes(file.size)}; Trove reads archives of up to 2 GB. Unpack it and import the folder instead.`
          : `The archive is ${formatBytes(file.size)}, over the ${formatBytes(maxTotalBytes)} limit on archives (TROVE_MAX_ARCHIVE_MB).`;
      yield { type: 'failed', file: shownPath, reason };
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      const reason = unreadable(error);
      if (reason === undefined) throw error;
      yield { type: 'failed', file: shownPath, reason };
      return;
    }
    yield* unpackArchive(file.path, bytes, shownPath, contained);
  }
}
