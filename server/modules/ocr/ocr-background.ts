// The server's OCR: what an import queued (the sample archive's scans, a `trove import` stopped before its OCR
// ended) is read in the background while the server answers requests. Pages are read in tesseract processes or
// the WebAssembly worker thread (OcrService), so searches never wait on them; the event loop only writes results.
import type { TroveDatabase } from '../../../db/client.ts';
import { DocumentWriter } from '../../../db/document-writer.ts';
import { OcrRepository } from '../../../db/ocr.repository.ts';
import { PagesRepository } from '../../../db/pages.repository.ts';
import { machineEngines, type EngineChoice } from './ocr.engines.ts';
import { defaultWorkers, OcrService, type OcrRunResult } from './ocr.service.ts';

export interface BackgroundOcrOptions {
  /** Documents read at once; default one per core but one, as `trove ocr`, leaving a core to the requests. */
  workers?: number;
  /** Engines to use (tests take the system engine away); default the system's tesseract when installed. */
  engines?: EngineChoice;
  /** How often to look for work another process queued (a `trove import` without its OCR); default a minute. */
  pollMs?: number;
  /** Each document whose text OCR wrote (entity extraction queues it). */
  onText?: (documentId: number) => void;
  log?: (line: string) => void;
}

const DEFAULT_POLL_MS = 60_000;
/** How long closing waits for the document being read before leaving it claimed, to be read again on the next start. */
const CLOSE_WAIT_MS = 10_000;

export class BackgroundOcr {
  private readonly stop = new AbortController();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private resumed = false;

  constructor(
    private readonly service: OcrService,
    private readonly options: BackgroundOcrOptions = {},
  ) {}

  /** Resumes interrupted work and reads what is queued, then looks again every pollMs. Returns at once. */
  start(): void {
    if (this.stop.signal.aborted || this.timer) return;
    this.kick();
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref();
  }

  /** Looks for queued work now (a no-op while a run is going: it claims new jobs as it goes). */
  kick(): void {
    if (this.running || this.stop.signal.aborted) return;
    this.running = this.runOnce().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no run is going. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Claims no more work; the document being read is finished if it can be in CLOSE_WAIT_MS, else left for the next start. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.stop.abort();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.whenIdle(), new Promise<void>((resolve) => (timeout = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timeout);
  }

  private async runOnce(): Promise<void> {
    // After the server has started listening: a first run's engine checks do not hold up the start.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const result = await this.service.run({
        workers: this.options.workers ?? defaultWorkers(),
        onText: this.options.onText,
        // Jobs left claimed by a stopped process are put back once, when the server starts; later looks
        // must not take back work a `trove ocr` running beside the server holds.
        resume: !this.resumed,
        signal: this.stop.signal,
      });
      this.resumed = true;
      this.report(result);
    } catch (error) {
      // A run cut off by closing the database is over, not broken; anything else is said and tried at the next look.
      if (!this.stop.signal.aborted) this.options.log?.(`OCR: the run stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private report(result: OcrRunResult): void {
    const { done, pending, failed } = result;
    if (done.length + pending.length + failed.length === 0) return;
    this.options.log?.(`OCR: ${done.length} documents read, ${pending.length} pending, ${failed.length} failed.`);
    for (const p of pending) this.options.log?.(`OCR pending ${p.file} (${p.ref}): ${p.note}`);
    for (const f of failed) this.options.log?.(`OCR failed ${f.file} (${f.ref}): ${f.reason}`);
  }
}

/** The background OCR of a server's database, writing through its one writer connection. */
export function createBackgroundOcr(db: TroveDatabase, options: BackgroundOcrOptions = {}): BackgroundOcr {
  const service = new OcrService(new OcrRepository(db.writer), new PagesRepository(db.writer), new DocumentWriter(db), () =>
    machineEngines(options.engines),
  );
  return new BackgroundOcr(service, options);
}
