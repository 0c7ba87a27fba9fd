// A PDF page as PNG at a given width: poppler's pdftoppm where installed (poppler-utils), else pdf.js
// drawing on @napi-rs/canvas (an optional dependency of pdfjs-dist). Neither downloads anything.
// A TIFF frame as PNG: decoded by utif2 on a worker thread and encoded on the same canvas.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openPdf } from '../../pipeline/extract/open-pdf.ts';
import type { TiffFailure } from './tiff-page.ts';

/** Renders page `number` (1-based) of the PDF at `path` to PNG bytes `width` pixels wide. */
export type PageRenderer = (path: string, number: number, width: number) => Promise<Buffer>;

/** No renderer can run here; the route answers 503 with a code. */
export class NoRendererError extends Error {}
/** The PDF could not be drawn (damaged, or no such page). */
export class RenderFailedError extends Error {}

let hasPoppler: Promise<boolean> | undefined;
const popplerInstalled = () =>
  (hasPoppler ??= new Promise((resolve) =>
    execFile('pdftoppm', ['-v'], (error) => resolve(error === null || (error as NodeJS.ErrnoException).code !== 'ENOENT')),
  ));

export const popplerRenderer: PageRenderer = async (path, number, width) => {
  const dir = await mkdtemp(join(tmpdir(), 'trove-page-'));
  try {
    const out = join(dir, 'page');
    const args = ['-png', '-singlefile', '-f', String(number), '-l', String(number), '-scale-to-x', String(width), '-scale-to-y', '-1'];
    await new Promise<void>((resolve, reject) =>
      execFile('pdftoppm', [...args, path, out], { timeout: 60_000 }, (error) =>
        error ? reject(new RenderFailedError(error.message)) : resolve(),
      ),
    );
    return await readFile(`${out}.png`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export const pdfjsRenderer: PageRenderer = async (path, number, width) => {
  let createCanvas: typeof import('@napi-rs/canvas').createCanvas;
  try {
    ({ createCanvas } = await import('@napi-rs/canvas'));
  } catch {
    throw new NoRendererError('no canvas');
  }
  const task = await openPdf(await readFile(path));
  try {
    const doc = await task.promise;
    if (number > doc.numPages) throw new RenderFailedError(`The PDF has ${doc.numPages} pages.`);
    const page = await doc.getPage(number);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: width / unscaled.width });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    page.cleanup();
    return canvas.toBuffer('image/png');
  } catch (error) {
    if (error instanceof NoRendererError || error instanceof RenderFailedError) throw error;
    throw new RenderFailedError((error as Error).message);
  } finally {
    await task.destroy();
  }
};

/** pdftoppm when it runs here, else pdf.js on a canvas. */
export const defaultRenderer: PageRenderer = async (path, number, width) =>
  ((await popplerInstalled()) ? popplerRenderer : pdfjsRenderer)(path, number, width);

/** The page asked for is past the end of the file (a TIFF whose frames were not counted at import). */
export class NoSuchPageError extends Error {
  constructor(readonly pages: number) {
    super(`The file has ${pages} pages.`);
  }
}
/** The page is too big to draw (a hostile or absurd scan). */
export class ImageTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`The page is ${width}×${height} pixels.`);
  }
}

const TIFF_TIMEOUT_MS = 60_000;

/** Frame `number` of a TIFF as PNG, at most `width` wide, decoded on a thread of its own (tiff-page.ts). */
export const tiffRenderer: PageRenderer = (path, number, width) => decodeTiffFrame({ path }, number, width);

/** The same, from the file's bytes in memory (OCR of a TIFF's frames one by one). */
export const tiffFramePng = (bytes: Uint8Array, number: number, width: number) => decodeTiffFrame({ bytes }, number, width);

function decodeTiffFrame(source: { path: string } | { bytes: Uint8Array }, number: number, width: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Colours of a 40 MP frame and its canvas fit in this; a file that needs more fails, the server does not.
    const worker = new Worker(new URL('./tiff.worker.mjs', import.meta.url), {
      workerData: { ...source, number, width },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new RenderFailedError('The TIFF took too long to decode.'))), TIFF_TIMEOUT_MS);
    worker.once('message', (message: { png?: Uint8Array; failure?: TiffFailure }) =>
      settle(() => (message.png ? resolve(Buffer.from(message.png)) : reject(tiffError(message.failure!)))),
    );
    worker.once('error', (error) => settle(() => reject(new RenderFailedError(error.message))));
    worker.once('exit', (code) => settle(() => reject(new RenderFailedError(`The TIFF decoder stopped (${code}).`))));
  });
}

function tiffError(failure: TiffFailure): Error {
  if (failure.kind === 'no-page') return new NoSuchPageError(failure.pages);
  if (failure.kind === 'too-large') return new ImageTooLargeError(failure.width, failure.height);
  if (failure.kind === 'no-canvas') return new NoRendererError('no canvas');
  return new RenderFailedError(failure.message);
}
