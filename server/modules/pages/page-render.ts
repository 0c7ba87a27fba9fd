// A PDF page as PNG at a given width: poppler's pdftoppm where installed (poppler-utils), else pdf.js
// drawing on @napi-rs/canvas (an optional dependency of pdfjs-dist). Neither downloads anything.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    data: new Uint8Array(await readFile(path)),
    isEvalSupported: false,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    wasmUrl: join(root, 'wasm') + '/',
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
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
