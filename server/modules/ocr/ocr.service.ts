// The OCR queue runner: claims queued documents, reads them on a pool sized to the machine (each page in a
// tesseract process or the WebAssembly worker thread, never on the event loop), and writes the text read as
// the document's body, passages, search index and pages in one transaction. Interrupted work resumes.
import { availableParallelism } from 'node:os';
import type { DocumentWriter } from '../../../db/document-writer.ts';
import type { OcrJob, OcrRepository } from '../../../db/ocr.repository.ts';
import type { PagesRepository } from '../../../db/pages.repository.ts';
import { fold } from '../../pipeline/normalise.ts';
import { composeBody } from '../../pipeline/ocr/compose.ts';
import { ocrDocument, type OcrEngines } from '../../pipeline/ocr/ocr-document.ts';
import { isTiff } from '../../pipeline/ocr/ocr-work.ts';
import { segment } from '../../pipeline/segment.ts';
import type { DocumentKind } from '../../../db/schema.ts';

export interface OcrProgress {
  done: number;
  total: number;
  current?: string;
}

export interface OcrRunResult {
  done: Array<{
    ref: string;
    file: string;
    engine: string;
    languages: string[];
    pages: number;
    confidence: number;
    lowConfidence: number[];
    notes: string[];
  }>;
  pending: Array<{ ref: string; file: string; note: string }>;
  failed: Array<{ ref: string; file: string; reason: string }>;
}

export interface OcrRunOptions {
  /** Documents read at once; default one per core but one. */
  workers?: number;
  onProgress?: (progress: OcrProgress) => void;
  /** Called with each document whose text OCR wrote (entity extraction queues it). */
  onText?: (documentId: number) => void;
  /** Put back work a stopped process had claimed first (default true); a server does it once, when it starts. */
  resume?: boolean;
  /** Stops the run: no job is claimed after it, and a job cut short stays claimed, to be resumed on the next start. */
  signal?: AbortSignal;
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism() - 1));
}

export class OcrService {
  constructor(
    private readonly jobs: OcrRepository,
    private readonly pages: PagesRepository,
    private readonly writer: DocumentWriter,
    /** The engines to use, chosen once per run (injectable: tests take the system engine away). */
    private readonly engines: () => Promise<OcrEngines>,
  ) {}

  async run(options: OcrRunOptions = {}): Promise<OcrRunResult> {
    const { signal } = options;
    if (options.resume !== false) await this.jobs.resumeInterrupted();
    const result: OcrRunResult = { done: [], pending: [], failed: [] };
    const queued = (await this.jobs.counts()).queued;
    if (queued === 0 || signal?.aborted) return result;
    const engines = await this.engines();
    let closing: Promise<void> | undefined;
    const closeEngines = () =>
      (closing ??= (async () => {
        await engines.system?.close();
        await engines.wasm?.close();
      })());
    // Stopping ends the WebAssembly engine's reading at once rather than after the page it is on.
    signal?.addEventListener('abort', () => void closeEngines(), { once: true });
    const progress: OcrProgress = { done: 0, total: queued };
    options.onProgress?.(progress);
    const next = () => (signal?.aborted ? Promise.resolve(undefined) : this.jobs.claimNext());
    const loop = async () => {
      for (let job = await next(); job !== undefined; job = await next()) {
        options.onProgress?.({ ...progress, current: job.fileName });
        if (await this.process(job, engines, result, signal)) options.onText?.(job.documentId);
        progress.done += 1;
        progress.total = Math.max(progress.total, progress.done);
        options.onProgress?.(progress);
      }
    };
    try {
      await Promise.all(Array.from({ length: options.workers ?? defaultWorkers() }, loop));
    } finally {
      await closeEngines();
    }
    return result;
  }

  /** True when the document got its text. */
  private async process(job: OcrJob, engines: OcrEngines, result: OcrRunResult, signal?: AbortSignal): Promise<boolean> {
    try {
      const outcome = await ocrDocument(
        {
          kind: job.kind,
          bytes: job.source,
          pages: job.pages,
          languages: job.languages,
          documentLanguage: job.documentLanguage,
          tiff: isTiff(job.fileName),
        },
        engines,
      );
      if (outcome.status === 'pending') {
        await this.jobs.finish(job.documentId, { status: 'pending', note: outcome.note });
        result.pending.push({ ref: job.ref, file: job.fileName, note: outcome.note });
        return false;
      }
      const current = await this.jobs.documentText(job.documentId);
      const composed = composeBody({ body: current.body, pages: await this.pages.pagesOf(job.documentId) }, outcome.pages);
      const read = composed.pages.filter((page) => page.source === 'ocr');
      const confidence =
        read.length === 0 ? 0 : Math.round((read.reduce((n, page) => n + (page.confidence ?? 0), 0) / read.length) * 10) / 10;
      const metadata = {
        ...(JSON.parse(current.metadata) as Record<string, unknown>),
        ocr: { engine: outcome.engine, languages: outcome.languages, confidence, lowConfidencePages: composed.lowConfidence },
      };
      this.writer.rewriteText(job.documentId, {
        body: composed.body,
        metadata,
        kind: current.kind as DocumentKind,
        indexTitle: fold(current.title ?? ''),
        passages: segment(composed.body).map((p) => ({ ...p, indexText: fold(p.text) })),
        pages: composed.pages,
      });
      const note = outcome.notes.join(' ') || undefined;
      await this.jobs.finish(job.documentId, {
        status: 'done',
        engine: outcome.engine,
        note,
        lowConfidence: composed.lowConfidence,
        languages: outcome.languages,
      });
      result.done.push({
        ref: job.ref,
        file: job.fileName,
        engine: outcome.engine,
        languages: outcome.languages,
        pages: read.length,
        confidence,
        lowConfidence: composed.lowConfidence,
        notes: outcome.notes,
      });
      return true;
    } catch (error) {
      // Cut short by a stop (the engine closed under it): not a failure of the document; it is read again on resume.
      if (signal?.aborted) return false;
      const reason = `OCR failed: ${error instanceof Error ? error.message : String(error)}`;
      await this.jobs.finish(job.documentId, { status: 'failed', note: reason });
      result.failed.push({ ref: job.ref, file: job.fileName, reason });
      return false;
    }
  }
}
